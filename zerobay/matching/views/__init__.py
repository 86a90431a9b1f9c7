"""Pages of the achievements hall, one module per thing they show.

The public pages (the hall, details, demands, challenge lists) are open without login and show only
what access.py calls public; everything is loaded through access.py's `access_*_by_*` loaders, so a
draft is a 404 to those who may not see it. Staff pages (board, funnel, events) need a hall role.
Views parse, call a service (workflow.py, funnel.py, editing.py, services/) and render.
"""

from .achievements import achievement_detail, achievement_edit, achievement_move
from .challenges import (
    challenge_detail,
    challenge_list,
    challenge_publish,
    challenge_respond,
    challenge_select,
)
from .dashboard import dashboard, dashboard_drill
from .demands import demand_detail, demand_edit, demand_move, demand_suggest
from .events import event_list
from .funnel import board, match_detail, match_dismiss, match_follow_up
from .interest import express_interest
from .listings import demand_list, home, manage_achievements, manage_demands

__all__ = [
    "achievement_detail",
    "achievement_edit",
    "achievement_move",
    "board",
    "challenge_detail",
    "challenge_list",
    "challenge_publish",
    "challenge_respond",
    "challenge_select",
    "dashboard",
    "dashboard_drill",
    "demand_detail",
    "demand_edit",
    "demand_list",
    "demand_move",
    "demand_suggest",
    "event_list",
    "express_interest",
    "home",
    "manage_achievements",
    "manage_demands",
    "match_detail",
    "match_dismiss",
    "match_follow_up",
]
