"""Compute every computed indicator for every period, org unit and industry node, and store the
results (materialised), replacing what an earlier run stored for the same periods."""

from __future__ import annotations

import datetime
import hashlib
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from zerobay.registry.models import Industry
from zerobay.statistics.importing.writing import insert_rows
from zerobay.statistics.models import AnnualReport, MonthlyReport
from zerobay.statistics.periods import Period, PeriodType

from ..catalogue import DEFINITIONS_DIR, Catalogue, Indicator, catalogue
from ..models import ComputationRun, IndicatorValue
from .dataset import Registry, Reports, load_registry, load_reports
from .evaluate import Context, evaluate, group_sum

_LOCK_KEY = 0x7A65726F  # PostgreSQL advisory lock: one recomputation at a time


@dataclass(frozen=True)
class Cell:
    indicator: str
    period: Period
    org_unit_id: int
    industry_id: int | None
    value: float
    enterprises: int


def periods_with_data(years: Iterable[int] | None = None) -> dict[str, list[Period]]:
    """The periods each kind of formula can be computed for: years with annual reports; months
    with monthly reports, their quarters (complete at the quarter's last month) and years (at
    December); for registry-only formulas, those years and the current one."""
    annual = set(AnnualReport.objects.values_list("year", flat=True).distinct())
    months = set(MonthlyReport.objects.values_list("year", "month").distinct())
    today = timezone.localdate()
    wanted = set(years) if years is not None else None

    def keep(period: Period) -> bool:
        return wanted is None or period.year in wanted

    monthly = [Period(y, PeriodType.MONTH, m) for y, m in months]
    monthly += [Period(y, PeriodType.QUARTER, m // 3) for y, m in months if m % 3 == 0]
    monthly += [Period(y) for y, m in months if m == 12]
    registry_years = annual | {y for y, _ in months} | {today.year}
    return {
        "annual": sorted(p for p in map(Period, annual) if keep(p)),
        "monthly": sorted(p for p in monthly if keep(p)),
        "enterprises": sorted(p for p in map(Period, registry_years) if keep(p)),
    }


def _kind(indicator: Indicator) -> str:
    sources = indicator.formula.sources
    return "monthly" if "monthly" in sources else "annual" if "annual" in sources else "enterprises"


def as_of(period: Period) -> datetime.date:
    """Qualifications count when valid at the period's end (today, for the running period)."""
    return min(period.end, timezone.localdate())


def compute_cells(
    indicators: list[Indicator], periods: dict[str, list[Period]], registry: Registry | None = None
) -> list[Cell]:
    """The values of the given indicators for the given periods (nothing is stored)."""
    registry = registry or load_registry()
    industry_ids = dict(Industry.objects.values_list("code", "id"))
    by_period: dict[Period, list[Indicator]] = {}
    for indicator in indicators:
        for period in periods.get(_kind(indicator), []):
            if period.type.value in indicator.periods:
                by_period.setdefault(period, []).append(indicator)

    groups = registry.groups
    if not groups.orgs:  # a fresh database without its org tree: values are per org unit, so none
        return []
    # Groups with no enterprise at all get no value (rather than a 0 nobody can drill into).
    population = group_sum(registry.groups, np.ones(registry.size))
    cells: list[Cell] = []
    for period, todo in sorted(by_period.items()):
        reports = period_reports(registry, period, todo)
        ctx = Context(registry, reports, as_of(period), industry_ids)
        for indicator in todo:
            values, counts = evaluate(ctx, indicator.formula)
            registry_only = _kind(indicator) == "enterprises"
            store = (population > 0) & ((counts > 0) | registry_only) & ~np.isnan(values)
            scaled = values * indicator.scale
            for i, j in zip(*np.nonzero(store), strict=True):
                industry = groups.industries[j]
                cells.append(
                    Cell(
                        indicator.id,
                        period,
                        groups.orgs[i].id,
                        industry.id if industry else None,
                        float(scaled[i, j]),
                        int(counts[i, j]),
                    )
                )
    return cells


def period_reports(registry: Registry, period: Period, indicators: list[Indicator]) -> dict[str, Reports]:
    needed: dict[str, set[str]] = {}
    for indicator in indicators:
        for source in indicator.formula.sources - {"enterprises"}:
            needed.setdefault(source, set())
        for source, fields in indicator.formula.report_fields().items():
            needed.setdefault(source, set()).update(fields)
    return {source: load_reports(registry, source, period, fields) for source, fields in needed.items()}


def definitions_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(DEFINITIONS_DIR.glob("*.toml")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def recompute(
    trigger: str, years: Iterable[int] | None = None, cat: Catalogue | None = None
) -> ComputationRun:
    """Recompute and store every computed indicator (for the given years, or all), in one
    transaction: readers see the old values or the new ones, never a mix."""
    cat = cat or catalogue()
    started = time.perf_counter()
    run = ComputationRun.objects.create(trigger=trigger[:100], definitions=definitions_version())
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        periods = periods_with_data(years)
        cells = compute_cells(cat.computed(), periods)
        stale = IndicatorValue.objects.all()
        if years is not None:
            stale = stale.filter(year__in=list(years))
        stale._raw_delete(stale.db)  # no signals or cascades hang on computed values
        columns = ["indicator", "period", "year", "sub", "org_unit_id", "industry_id", "value"]
        insert_rows(
            IndicatorValue,
            [*columns, "enterprises", "run_id"],
            [
                (
                    c.indicator,
                    c.period.type.value,
                    c.period.year,
                    c.period.number,
                    c.org_unit_id,
                    c.industry_id,
                    c.value if math.isfinite(c.value) else None,
                    c.enterprises,
                    run.id,
                )
                for c in cells
            ],
        )
        run.values_written = len(cells)
        run.finished_at = timezone.now()
        run.seconds = time.perf_counter() - started
        run.save(update_fields=["values_written", "finished_at", "seconds"])
    return run
