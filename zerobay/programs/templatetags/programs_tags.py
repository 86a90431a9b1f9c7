"""Template filters of the programme pages: money in 万元, state labels and badges (the tones
themselves are declared in zerobay/web/badges.py)."""

from django import template

from zerobay.registry.formatting import format_money_wan
from zerobay.web.badges import badge_class

from ..services.access import can_view_finance
from ..workflow import STATE_LABELS

register = template.Library()


@register.filter
def wan(yuan) -> str:
    """Yuan as 万元 with thousands separators ("—" when missing)."""
    return format_money_wan(yuan) or "—"


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def state_badge(state: str) -> str:
    return badge_class("application", state)


@register.filter
def percent(rate) -> str:
    return "—" if rate is None else f"{float(rate) * 100:.1f}%"


@register.filter
def met_badge(met) -> str:
    return badge_class("met", met)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, [])


@register.filter
def sees_finance(user) -> bool:
    """The disbursement page (and the links to it) for the roles it answers: finance and programme staff."""
    return bool(can_view_finance(user))
