"""Drill-down: the enterprises and report rows behind one computed value.

It evaluates the same formula with the same code as the computation, restricted to one group, and
keeps each enterprise's share of each aggregate, so the rows add up to the figure shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zerobay.registry.models import Enterprise, Industry, OrgUnit
from zerobay.statistics.models import AnnualReport, MonthlyReport
from zerobay.statistics.periods import Period
from zerobay.statistics.reportforms import TORCH_ANNUAL, TORCH_MONTHLY

from ..catalogue import Indicator
from ..expressions import Aggregate
from .compute import as_of, period_reports
from .dataset import load_registry
from .evaluate import Context, per_enterprise

_FUNC_LABELS = {"sum": "合计", "count": "计数", "avg": "平均", "min": "最小", "max": "最大"}
_SOURCE_LABELS = {"annual": "年报", "monthly": "月报", "enterprises": "企业"}
_FIELD_LABELS = {f.key: f.label for form in (TORCH_ANNUAL, TORCH_MONTHLY) for f in form.fields}
_MONEY = {f.key for form in (TORCH_ANNUAL, TORCH_MONTHLY) for f in form.fields if f.kind == "money"}


@dataclass(frozen=True)
class Term:
    text: str  # as in the formula
    label: str  # Chinese
    unit: str  # 万元 for money, else empty


@dataclass
class Row:
    enterprise: Enterprise
    values: list[float | None]  # per term; None where the enterprise is not in that aggregate
    report: AnnualReport | MonthlyReport | None


def term_of(agg: Aggregate) -> Term:
    text = f"{agg.func}({agg.source}{'.' + agg.field if agg.field else ''}{' where …' if agg.where else ''})"
    what = _FIELD_LABELS.get(agg.field, "") if agg.field else "企业数"
    prefix = "" if agg.source == "enterprises" else _SOURCE_LABELS[agg.source]
    label = f"{prefix}{what}{_FUNC_LABELS[agg.func] if agg.field else ''}"
    return Term(text, label, "万元" if agg.field in _MONEY else "")


@dataclass
class Ordered:
    """A drill-down as plain arrays, in display order (largest first term first): what is cached per
    computation run, so that a page of 50 rows never recomputes a panel of 250,000 enterprises."""

    ids: np.ndarray  # enterprise ids
    values: list[np.ndarray]  # per term: the enterprise's value (money in 万元), NaN where not in it
    report_ids: np.ndarray | None  # the report row each value came from (-1: none)
    source: str | None  # "annual" or "monthly": the report model

    def __len__(self) -> int:
        return len(self.ids)


def ordered(indicator: Indicator, unit: OrgUnit, period: Period, industry: Industry | None = None) -> Ordered:
    """The enterprises of the group that enter any term of the formula, with their values."""
    # Unassigned enterprises count at park level and above, so those drill-downs read everyone.
    whole = unit.kind in (OrgUnit.Kind.PARK, OrgUnit.Kind.DISTRICT)
    registry = load_registry("" if whole else unit.path)
    reports = period_reports(registry, period, [indicator])
    industry_ids = dict(Industry.objects.values_list("code", "id"))
    ctx = Context(registry, reports, as_of(period), industry_ids)
    in_group = np.ones(registry.size, dtype=bool)
    if industry is not None:
        in_group = registry.industry_members.get(industry.id, np.zeros(registry.size, dtype=bool))

    aggregates = list(indicator.formula.aggregates)
    columns, any_mask = [], np.zeros(registry.size, dtype=bool)
    for agg in aggregates:
        mask, values = per_enterprise(ctx, agg)
        mask &= in_group
        scale = 1e-4 if agg.field in _MONEY else 1.0
        columns.append(np.where(mask, values * scale, np.nan))
        any_mask |= mask
    positions = np.nonzero(any_mask)[0]
    first = columns[0][positions]
    order = positions[np.argsort(-np.where(np.isnan(first), -np.inf, first), kind="stable")]
    source = next((a.source for a in aggregates if a.source != "enterprises"), None)
    report_ids = reports[source].report_ids[order].astype(np.int64) if source else None
    return Ordered(registry.ids[order].astype(np.int64), [c[order] for c in columns], report_ids, source)


class Rows:
    """The rows of an `Ordered` drill-down as a sequence: a slice (a page, a chunk of an export)
    loads only its own enterprises and report rows, two queries whatever the panel's size."""

    def __init__(self, data: Ordered):
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self):
        for start in range(0, len(self), 2000):
            yield from self[start : start + 2000]

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        d = self.data
        ids = d.ids[key]
        enterprises = Enterprise.objects.in_bulk([int(i) for i in ids])
        linked = {}
        wanted = d.report_ids[key] if d.report_ids is not None else None
        if wanted is not None:
            model = MonthlyReport if d.source == "monthly" else AnnualReport
            linked = model.objects.select_related("batch").in_bulk([int(r) for r in wanted if r >= 0])
        positions = range(len(d))[key]
        return [
            Row(
                enterprises[int(d.ids[p])],
                [None if np.isnan(column[p]) else float(column[p]) for column in d.values],
                linked.get(int(d.report_ids[p])) if d.report_ids is not None else None,
            )
            for p in positions
        ]


def terms_of(indicator: Indicator) -> list[Term]:
    return [term_of(a) for a in indicator.formula.aggregates]


def contributions(
    indicator: Indicator, unit: OrgUnit, period: Period, industry: Industry | None = None
) -> tuple[list[Term], Rows]:
    """Terms of the formula and, per enterprise of the group that enters any of them, its values
    (money in 万元) and the report row it came from. Sorted by the first term, largest first."""
    return terms_of(indicator), Rows(ordered(indicator, unit, period, industry))
