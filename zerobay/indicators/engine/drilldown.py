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


def contributions(
    indicator: Indicator, unit: OrgUnit, period: Period, industry: Industry | None = None
) -> tuple[list[Term], list[Row]]:
    """Terms of the formula and, per enterprise of the group that enters any of them, its values
    (money in 万元) and the report row it came from. Sorted by the first term, largest first."""
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
        columns.append((mask, values * scale))
        any_mask |= mask
    positions = np.nonzero(any_mask)[0]
    first_mask, first_values = columns[0]
    order = positions[
        np.argsort(-np.where(first_mask[positions], first_values[positions], -np.inf), kind="stable")
    ]

    enterprises = Enterprise.objects.in_bulk([int(registry.ids[p]) for p in order])
    source = next((a.source for a in aggregates if a.source != "enterprises"), None)
    report_ids = reports[source].report_ids if source else None
    model = MonthlyReport if source == "monthly" else AnnualReport
    linked = {}
    if report_ids is not None:
        wanted = [int(report_ids[p]) for p in order if report_ids[p] >= 0]
        linked = model.objects.select_related("batch").in_bulk(wanted)
    rows = []
    for p in order:
        values = [float(v[p]) if m[p] else None for m, v in columns]
        report = linked.get(int(report_ids[p])) if report_ids is not None else None
        rows.append(Row(enterprises[int(registry.ids[p])], values, report))
    return [term_of(a) for a in aggregates], rows
