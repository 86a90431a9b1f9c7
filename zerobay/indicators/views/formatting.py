"""What the indicator pages share: labels in the page's language, number formats, badges and the
small request helpers. Presentation only: the data come from `services` and `drill`."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from zerobay.api_schemas import FIRST_YEAR, LAST_YEAR
from zerobay.language import bilingual, localized_name
from zerobay.registry.access import visible_org_units
from zerobay.registry.models import OrgUnit

from .. import services, tracking
from ..catalogue import COUNT_UNITS
from ..models import PublishedFigure

BREAKDOWNS = {
    "org": gettext_lazy("By org unit"),
    "field": gettext_lazy("By field"),
    "track": gettext_lazy("By track"),
}
STATUS_ORDER = ("achieved", "on_track", "at_risk", "off_track", "no_target", "no_data")
STATUS_COLOURS = {
    "achieved": "#18794e",
    "on_track": "#4caf7a",
    "at_risk": "#d99a00",
    "off_track": "#b42318",
    "no_target": "#9aa5b1",
    "no_data": "#cfd5dc",
}
BASIS = {
    "computed": gettext_lazy("Computed"),
    "published": gettext_lazy("Published"),
    "none": gettext_lazy("No value"),
}
DIRECTIONS = {"higher": gettext_lazy("Higher is better"), "lower": gettext_lazy("Lower is better")}
METHODS = {"expert": gettext_lazy("Expert weights"), "entropy": gettext_lazy("Entropy weights")}


# ---------- formatting --------------------------------------------------------------------------


def label(item) -> str:
    """The name of an indicator or category in the page's language."""
    return localized_name(item)


def status_label(status: str) -> str:
    return bilingual(*tracking.STATUS_LABELS[status])


def status_rule() -> str:
    return bilingual(tracking.STATUS_RULE, tracking.STATUS_RULE_EN)


def number(value, unit: str = "") -> str:
    """A computed value: thousands separators; whole counts without decimals, the rest with 2."""
    if value is None or not math.isfinite(float(value)):
        return ""
    value = float(value)
    if unit in COUNT_UNITS and abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}"


def stated(value) -> str:
    """A published figure as the document states it (its own decimals), with thousands separators."""
    if value is None:
        return ""
    d = Decimal(str(value)).normalize()
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d:,f}"


def percent(rate: float | None, signed: bool = False) -> str:
    """A ratio as a percentage: one decimal ("87.5%"), two below one percent ("+0.05%")."""
    if rate is None or not math.isfinite(rate):
        return ""
    digits = 2 if abs(rate) < 0.01 else 1
    return f"{rate * 100:+,.{digits}f}%" if signed else f"{rate * 100:,.{digits}f}%"


def qualified(value, qualifier: str) -> str:
    text = stated(value)
    if text and qualifier:
        return f"{PublishedFigure.Qualifier(qualifier).label} {text}"
    return text


def int_param(text: str | None, *, low: int = 0, high: int = 1_000_000) -> int | None:
    """A whole number from the query string; None for a missing, malformed or out-of-range one (an
    absurd year or page falls back to the default rather than overflowing a date or a query)."""
    try:
        value = int(text) if text else None
    except ValueError:
        return None
    return value if value is None or low <= value <= high else None


def year_param(text: str | None) -> int | None:
    return int_param(text, low=FIRST_YEAR, high=LAST_YEAR)


def unit_names() -> dict[str, str]:
    """Org units' names by code, in the interface's language."""
    return {
        code: bilingual(name, en) for code, name, en in OrgUnit.objects.values_list("code", "name", "name_en")
    }


def last_computed_at() -> datetime.datetime | None:
    at = services.last_run_at()
    return datetime.datetime.fromisoformat(at) if at else None


def unit_options(user) -> list[dict]:
    """The org units a user may choose, indented by depth below the top of the user's subtree."""
    units = list(visible_org_units(user).order_by("path"))
    top = min((u.depth for u in units), default=0)
    return [{"code": u.code, "label": "\u3000" * (u.depth - top) + u.name} for u in units]


def drill_url(indicator_id: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse('indicator-drilldown', args=[indicator_id])}?{query}"


def today_stamp() -> str:
    return f"{timezone.localdate():%Y%m%d}"
