"""The leadership cockpit (驾驶舱): the district's headline figures with year-on-year change and
target completion, the indicators at risk, trends, the programmes' money and the cultivation
pipeline, for the user's scope or one sub-park in it.

It lives in `reports` because it reads indicators, programmes and cultivation together, and only
the reports layer sits above all three (pyproject.toml's layer contract). Plain data out; the
view is thin and `charts` turns the data into specs for the one chart component.

Year on year only between comparable periods: the headline figures are the indicators' tracking
(indicators.services.track), which judges and compares ended years only; a year in progress shows
its value so far beside them, never a change against a full year.

Whole panels are cached per data version (web.versions.per_version) and per scope, so the
page costs the same few queries at 250,000 enterprises once computed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zerobay.accounts.scope import NOTHING, scope_path
from zerobay.cultivation.ladder import RUNGS, ladder_at
from zerobay.indicators import tracking
from zerobay.indicators.catalogue import catalogue
from zerobay.indicators.figures import figures_for
from zerobay.indicators.models import IndicatorValue
from zerobay.indicators.services import data_version, get_indicator, home_unit, overview, track
from zerobay.language import localized_name
from zerobay.programs.dashboards import APPROVED_STATES
from zerobay.programs.services import visible_applications
from zerobay.registry.access import visible_org_units
from zerobay.registry.models import OrgUnit
from zerobay.web.versions import per_version

# The headline figures: revenue, R&D intensity, high-tech enterprises (indicator ids).
HEADLINES = ("torch.revenue", "park.rd_intensity", "park.hte_valid")
RISKY = ("off_track", "at_risk")  # worst first
MET = ("achieved", "on_track")
AT_RISK_SHOWN = 8


def number(value: float | None) -> str:
    """A figure as the indicator pages write it: thousands separated, at most two decimals."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def percent(rate: float | None, signed: bool = False) -> str:
    if rate is None:
        return "—"
    return f"{rate * 100:+.1f}%" if signed else f"{rate * 100:.1f}%"


def may_open(user) -> bool:
    """District staff and leaders (admins, viewers) and sub-park operators, within their scope:
    the roles that see enterprises' figures."""
    return bool(user.is_authenticated and user.sees_enterprise_figures)


def subparks(user) -> list[OrgUnit]:
    """The sub-parks the user may filter by (an operator: its own only)."""
    return list(visible_org_units(user).filter(kind=OrgUnit.Kind.SUBPARK).order_by("sort", "path"))


def _scope(user, unit: OrgUnit | None) -> str:
    if unit is not None:
        return unit.path
    prefix = scope_path(user)
    return "/" if prefix == NOTHING else (prefix or "")


def _headline(indicator_id: str, unit: OrgUnit | None, user) -> dict:
    indicator = get_indicator(indicator_id)
    at = unit or home_unit(user, indicator)
    t = track(indicator, at, figures_for([indicator_id]))
    a = t.assessment
    series = dict(sorted(t.series.items()))
    latest = max(series, default=None)
    return {
        "id": indicator.id,
        "name": localized_name(indicator),
        "unit": indicator.unit,
        "org": at.code if at else "",
        "year": a.year,
        "value": a.value,
        "change": a.change,  # between two ended years only (tracking rule 1)
        "target_year": a.target_year,
        "target": a.target,
        "completion": a.completion,
        "status": a.status,
        "status_label": tracking.STATUS_LABELS[a.status][0],
        # The year in progress, shown as "so far", never compared with a full year.
        "so_far_year": latest if latest is not None and a.year is not None and latest > a.year else None,
        "so_far": series[latest] if latest is not None and a.year is not None and latest > a.year else None,
        "series": series,
        "value_text": number(a.value),
        "change_text": percent(a.change, signed=True),
        "completion_text": percent(a.completion),
        "so_far_text": number(series[latest]) if latest is not None else "—",
    }


def _tracked(user, unit: OrgUnit | None) -> list[dict]:
    """Every indicator with a target, as tracked for the scope: the overview's rows for the
    user's whole scope; for one sub-park, its computed indicators and its own published ones."""
    if unit is None:
        rows = [row for group in overview(user) for row in group["rows"]]
        tracked = [(r["indicator"], r["unit"], r["tracking"]) for r in rows]
    else:
        tracked = []
        figures = figures_for()
        for indicator in catalogue():
            if indicator.computed or indicator.scope == unit.code:
                mine = [f for f in figures if f.indicator == indicator.id]
                tracked.append(
                    (indicator, unit if indicator.computed else None, track(indicator, unit, mine))
                )
    out = []
    for indicator, at, t in tracked:
        a = t.assessment
        if a.status == "no_target":
            continue
        out.append(
            {
                "id": indicator.id,
                "name": localized_name(indicator),
                "unit": indicator.unit,
                "org": at.code if at else "",
                "status": a.status,
                "status_label": tracking.STATUS_LABELS[a.status][0],
                "year": a.year,
                "value": a.value,
                "target_year": a.target_year,
                "target": a.target,
                "completion": a.completion,
                "value_text": number(a.value),
                "target_text": number(a.target),
                "completion_text": percent(a.completion),
            }
        )
    return out


def _targets(tracked: list[dict]) -> dict:
    judged = [r for r in tracked if r["status"] != "no_data"]
    met = sum(1 for r in judged if r["status"] in MET)
    at_risk = sorted(
        (r for r in judged if r["status"] in RISKY),
        key=lambda r: (RISKY.index(r["status"]), r["completion"] if r["completion"] is not None else 0),
    )
    return {
        "with_target": len(tracked),
        "judged": len(judged),
        "met": met,
        "rate": met / len(judged) if judged else None,
        "rate_text": percent(met / len(judged)) if judged else "—",
        "at_risk": at_risk[:AT_RISK_SHOWN],
        "at_risk_count": len(at_risk),
    }


def _by_subpark(headlines: list[dict], units: list[OrgUnit]) -> list[dict]:
    """Revenue and high-tech enterprises of each sub-park, in the headlines' (ended) years."""
    revenue, hte = headlines[0], headlines[2]
    values: dict = {}
    for h in (revenue, hte):
        if h["year"] is not None:
            rows = IndicatorValue.objects.filter(
                indicator=h["id"],
                period="year",
                year=h["year"],
                sub=0,
                industry__isnull=True,
                org_unit__in=units,
            ).values_list("org_unit_id", "value")
            values[h["id"]] = dict(rows)
    out = []
    for u in units:
        r, n = values.get(revenue["id"], {}).get(u.pk), values.get(hte["id"], {}).get(u.pk)
        out.append(
            {
                "code": u.code,
                "name": u.name,
                "revenue": r,
                "revenue_text": number(r),
                "hte": n,
                "hte_text": number(n),
            }
        )
    return out


def _money(user, path: str) -> dict:
    """The programmes' money in scope: applications, approved and paid amounts (yuan)."""
    apps = visible_applications(user)
    if path:
        apps = apps.filter(org_path__startswith=path)
    approved = apps.filter(state__in=APPROVED_STATES).aggregate(
        n=Count("id"), approved=Sum("approved_amount"), paid=Sum("paid_amount")
    )
    by_state = dict(apps.values("state").annotate(n=Count("id")).values_list("state", "n").order_by())
    return {
        "applications": sum(by_state.values()),
        "projects": approved["n"],
        "approved": approved["approved"] or Decimal(0),
        "paid": approved["paid"] or Decimal(0),
        "unpaid": (approved["approved"] or Decimal(0)) - (approved["paid"] or Decimal(0)),
    }


def _pipeline(path: str, today: datetime.date) -> list[dict]:
    """Enterprises on each rung of the qualification ladder today."""
    ladder = ladder_at(today, path)
    counts = [int((ladder.rung == k).sum()) for k in range(len(RUNGS))]
    return [{"code": r.code, "name": r.name, "count": n} for r, n in zip(RUNGS, counts, strict=True)]


def cockpit(user, unit: OrgUnit | None, today: datetime.date) -> dict:
    """The cockpit for `user`, over its whole scope or the sub-park `unit` (already scope-checked)."""
    path = _scope(user, unit)
    units = [unit] if unit is not None else subparks(user)

    def panels():
        headlines = [_headline(i, unit, user) for i in HEADLINES]
        return {
            "headlines": headlines,
            "targets": _targets(_tracked(user, unit)),
            "by_subpark": _by_subpark(headlines, units),
            "pipeline": _pipeline(path, today),
        }

    parts = (path, today, data_version(user), get_language())
    data = per_version("reports:cockpit", parts, panels)
    # Money changes with every decision, not with the data version: read it live (three queries).
    data["money"] = _money(user, unit.path if unit is not None else "")
    data["unit"] = unit
    data["scope_name"] = unit.name if unit is not None else _scope_name(user)
    return data


def _scope_name(user) -> str:
    own = getattr(user, "org_unit", None)
    return localized_name(own) if own is not None else _("Whole district")
