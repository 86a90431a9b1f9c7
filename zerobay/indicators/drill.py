"""Drill-down requests: which value a request asks for (checked against the user's scope), the
stored value, and the figure the rows account for (the formula over the rows' totals)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.http import Http404

from zerobay.registry.models import Industry, OrgUnit
from zerobay.statistics.periods import Period
from zerobay.web.versions import per_version

from . import services
from .catalogue import Indicator
from .engine.drilldown import Ordered, Rows, Term, ordered, terms_of
from .engine.evaluate import arithmetic
from .models import IndicatorValue

PAGE_SIZE = 50  # rows of a drill-down page, on the page and in the API

_REDUCE = {
    "sum": sum,
    "count": len,
    "avg": lambda xs: sum(xs) / len(xs) if xs else math.nan,
    "min": lambda xs: min(xs) if xs else math.nan,
    "max": lambda xs: max(xs) if xs else math.nan,
}


def drill_totals(indicator: Indicator, terms: list[Term], data: Ordered) -> dict:
    """Each term's total over the rows (in the columns' units) and the formula's value from them
    (in the indicator's unit): the figure the drill-down accounts for."""
    totals, base = [], {}
    for agg, term, values in zip(indicator.formula.aggregates, terms, data.values, strict=True):
        column = values[~np.isnan(values)]
        total = float(_REDUCE[agg.func](column.tolist())) if agg.func != "count" else float(len(column))
        totals.append(total)
        base[id(agg)] = total * (10_000 if term.unit == "万元" else 1)  # back to yuan, as formulas work
    value = float(arithmetic(indicator.formula.tree, base)) * indicator.scale if len(data) else math.nan
    return {"terms": totals, "value": value if math.isfinite(value) else None}


def stored_value(indicator: Indicator, unit: OrgUnit, period: Period, industry: Industry | None):
    row = IndicatorValue.objects.filter(
        indicator=indicator.id,
        period=period.type.value,
        year=period.year,
        sub=period.number,
        org_unit=unit,
        industry=industry,
    ).first()
    return row.value if row else None


def drill_target(
    user, indicator_id: str, org: str | None, year: int | None, period: str | None, industry: str | None
):
    """(indicator, org unit, period, industry) of a drill-down request; 404 for anything unknown
    or outside the user's scope. Default org unit: the indicator's scope or the user's own;
    default period: the latest computed year."""
    indicator = services.get_indicator(indicator_id)
    if not indicator.computed:
        raise Http404("a published indicator has no drill-down")
    unit = services.chosen_unit(user, indicator, org)
    if unit is None:
        raise Http404("no org unit in your scope")
    if period:
        try:
            chosen = Period.parse(period)
        except ValueError:
            raise Http404("not a period") from None
    else:
        year = year or max(services.years_available(indicator), default=None)
        if year is None:
            raise Http404("no computed value")
        chosen = Period(year)
    if chosen.type.value not in indicator.periods:
        raise Http404("the indicator is not computed for such periods")
    node = None
    if industry:
        node = Industry.objects.filter(code=industry).first()
        if node is None:
            raise Http404("no such industry")
    return indicator, unit, chosen, node


@dataclass
class DrillDown:
    """The enterprises and report rows behind one computed value, with the totals they add up to:
    what the drill-down page, its export and the API present."""

    indicator: Indicator
    unit: OrgUnit
    period: Period
    industry: Industry | None
    terms: list[Term]
    rows: Rows  # a lazy sequence: slicing a page loads only that page
    totals: dict  # drill_totals(): {"terms": [...], "value": ...}

    @cached_property
    def stored(self) -> float | None:
        """The value stored by the last computation, to compare with what the rows add up to."""
        return stored_value(self.indicator, self.unit, self.period, self.industry)


def drill_down(
    user, indicator_id: str, org: str | None, year: int | None, period: str | None, industry: str | None
) -> DrillDown:
    """The drill-down a request asks for; 404 as `drill_target`."""
    indicator, unit, chosen, node = drill_target(user, indicator_id, org, year, period, industry)
    terms = terms_of(indicator)
    data, totals = _computed(indicator, unit, chosen, node, terms)
    return DrillDown(indicator, unit, chosen, node, terms, Rows(data), totals)


def _computed(indicator, unit, period, industry, terms) -> tuple[Ordered, dict]:
    """The ordered arrays and their totals, once per data version (web.versions): a new import
    or a registry change is exactly when a drill-down may change."""

    def compute():
        data = ordered(indicator, unit, period, industry)
        return data, drill_totals(indicator, terms, data)

    parts = (indicator.id, unit.pk, period, industry.pk if industry else "")
    return per_version("indicators:drill", parts, compute)
