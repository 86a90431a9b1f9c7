"""The hall panel of the registry's enterprise page (registered in apps.py through
registry/extensions.py): the enterprise's achievements and demands the viewer may see, how far
their matches went (for the hall's staff), and their publication on the timeline."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Event

from .access import visible_achievements, visible_demands, visible_matches
from .models import Stage


def hall_panel(enterprise, user) -> dict:
    demands = list(visible_demands(user).filter(enterprise=enterprise).order_by("-published_at", "-id"))
    counts = dict(
        visible_matches(user)
        .filter(demand__enterprise=enterprise)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "hall_achievements": list(
            visible_achievements(user).filter(enterprise=enterprise).order_by("-published_at", "-id")
        ),
        "hall_demands": demands,
        "hall_match_stages": [(stage.label, counts[stage.value]) for stage in Stage if stage.value in counts],
    }


def events(enterprise, user, today: datetime.date) -> list[Event]:
    kind = _("Hall")
    out = [
        Event(
            a.published_at.date(),
            kind,
            _("Achievement published: %(title)s") % {"title": a.title},
            reverse("hall-achievement", args=[a.code]),
        )
        for a in visible_achievements(user).filter(enterprise=enterprise, published_at__isnull=False)
    ]
    out += [
        Event(
            d.published_at.date(),
            kind,
            _("Demand published: %(title)s") % {"title": d.title},
            reverse("hall-demand", args=[d.code]),
        )
        for d in visible_demands(user).filter(enterprise=enterprise, published_at__isnull=False)
    ]
    return out
