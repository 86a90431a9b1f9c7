"""Residents as the platform's own data shows them: who was incubated when, which of them graduated
by the rule of 国科发区〔2018〕300号 and by which criterion, and the per-carrier figures a carrier's
statement is checked against (residents' HTEs, revenue, graduates, patents, financing).

Everything is read in bulk with plain value queries (no model instance per resident): evaluating a
district of 2,000 carriers and 250,000 residents must not load a model per row."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Enterprise, Qualification, QualificationType
from zerobay.statistics.models import AnnualReport

from .models import Financing, Residency

# 国科发区〔2018〕300号, 第十四条 (graduation of an incubated firm).
FINANCING_THRESHOLD = 5_000_000.0  # 累计获得天使投资或风险投资超过500万元
REVENUE_THRESHOLD = 10_000_000.0  # 连续2年营业收入超过1000万元
GRADUATION_RULE = "国科发区〔2018〕300号"
CRITERIA = {
    "hte": _("became a high-tech enterprise"),  # 获得高新技术企业资质
    "financing": _("raised more than 5 million yuan of angel or venture money"),  # 累计获得投资超过500万元
    "revenue": _("revenue above 10 million yuan in two consecutive years"),  # 连续2年营业收入超过1000万元
    "listed": _("listed"),  # 被兼并、收购或在国内外资本市场挂牌、上市
}
WHOLE_TABLES_ABOVE = 20_000  # residents; beyond this, facts are read for every enterprise
ORDER = {k: i for i, k in enumerate(CRITERIA)}  # the order criteria met on the same day are named in
# Per-resident report fields the evaluation may read (source "residents"), from the Torch annual report.
REPORT_FIELDS = (
    "revenue",
    "employees",
    "rd_expenditure",
    "patent_applications",
    "invention_applications",
    "valid_invention_patents",
)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


@dataclass(frozen=True)
class Graduation:
    on: datetime.date  # the day the first criterion was met
    criterion: str  # the criterion that made it (a key of CRITERIA)
    met: dict[str, datetime.date]  # every criterion met by the as-of day, with its day

    @property
    def label(self) -> str:
        return str(CRITERIA[self.criterion])


@dataclass
class Facts:
    """What the platform knows of a set of enterprises, read once."""

    qualifications: dict[int, list[tuple[str, datetime.date | None, datetime.date | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    revenue: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    financing: dict[int, list[tuple[datetime.date, float]]] = field(default_factory=lambda: defaultdict(list))

    def granted_in(self, enterprise_id: int, kind: str, year: int) -> bool:
        return any(
            k == kind and start is not None and start.year == year
            for k, start, _end in self.qualifications.get(enterprise_id, ())
        )

    def holds(self, enterprise_id: int, kind: str, day: datetime.date) -> bool:
        return any(
            k == kind and (start is None or start <= day) and (end is None or day <= end)
            for k, start, end in self.qualifications.get(enterprise_id, ())
        )


def _chunks(items: list, size: int = 900) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _day(value) -> datetime.date | None:
    """A date as the database returns it: a date (PostgreSQL) or ISO text (SQLite)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _real(column: str) -> str:
    """A decimal column read as a float: no Decimal converter per value (money thresholds of 5 and
    10 million yuan and sums for display are exact enough in binary floating point)."""
    return f"CAST({connection.ops.quote_name(column)} AS DOUBLE PRECISION)"


def _select(
    model, columns: list[str], where: str = "", params=(), ids=None, id_column: str = "enterprise_id"
) -> Iterable[tuple]:
    """Plain rows of `model`'s table, without a model instance or a field converter per value (at
    250,000 residents the ORM's converters cost more than the query); `ids` limits the rows to
    those enterprises, in IN lists of a size every database accepts."""
    qn = connection.ops.quote_name
    sql = f"SELECT {', '.join(columns)} FROM {qn(model._meta.db_table)}"  # noqa: S608 (model metadata)
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"{sql} WHERE {where}" if where else sql, list(params))
            yield from cursor.fetchall()
            return
        for chunk in _chunks(ids):
            within = f"{qn(id_column)} IN ({', '.join(['%s'] * len(chunk))})"
            cursor.execute(f"{sql} WHERE {where + ' AND ' if where else ''}{within}", [*params, *chunk])
            yield from cursor.fetchall()


def load_facts(enterprise_ids: Iterable[int] | None, until: int) -> Facts:
    """Qualifications (HTE, listed), Torch revenue up to `until`, and financing of the enterprises
    (all enterprises when `enterprise_ids` is None: one query each rather than an IN list)."""
    facts = Facts()
    ids = None if enterprise_ids is None else sorted(set(enterprise_ids))
    qn = connection.ops.quote_name
    for eid, kind, start, end in _select(
        Qualification,
        [qn("enterprise_id"), qn("kind"), qn("valid_from"), qn("valid_to")],
        f"{qn('kind')} IN (%s, %s)",
        (QualificationType.HTE, QualificationType.LISTED),
        ids,
    ):
        facts.qualifications[eid].append((kind, _day(start), _day(end)))
    for eid, year, revenue in _select(
        AnnualReport,
        [qn("enterprise_id"), qn("year"), _real("revenue")],
        f"{qn('year')} <= %s AND {qn('revenue')} IS NOT NULL",
        (until,),
        ids,
    ):
        facts.revenue[eid][year] = revenue
    for eid, day, amount in _select(
        Financing, [qn("enterprise_id"), qn("received_on"), _real("amount")], ids=ids
    ):
        facts.financing[eid].append((_day(day), amount))
    return facts


def graduation(
    enterprise_id: int, entered_on: datetime.date, as_of: datetime.date, facts: Facts
) -> Graduation | None:
    """Whether a firm incubated since `entered_on` had graduated by `as_of`, and how. A criterion
    met before entry counts from the day of entry (the firm graduates on entering)."""
    met: dict[str, datetime.date] = {}
    for kind, start, end in facts.qualifications.get(enterprise_id, ()):
        day = max(start or entered_on, entered_on)
        if day > as_of or (end is not None and end < entered_on):
            continue
        criterion = "hte" if kind == QualificationType.HTE else "listed"
        met[criterion] = min(met.get(criterion, day), day)
    total = 0.0
    for day, amount in sorted(facts.financing.get(enterprise_id, ())):
        if day > as_of:
            break
        total += amount
        if total > FINANCING_THRESHOLD:
            met["financing"] = max(day, entered_on)
            break
    revenue = facts.revenue.get(enterprise_id, {})
    for year in sorted(revenue):
        if year_end(year) > as_of:
            break
        if revenue[year] > REVENUE_THRESHOLD and revenue.get(year - 1, 0.0) > REVENUE_THRESHOLD:
            met["revenue"] = max(year_end(year), entered_on)
            break
    if not met:
        return None
    criterion = min(met, key=lambda k: (met[k], ORDER[k]))
    return Graduation(met[criterion], criterion, met)


@dataclass
class ResidentRow:
    """One resident of one carrier for one year, as the evaluation's "residents" source reads it."""

    residency_id: int
    enterprise_id: int
    entered_on: datetime.date
    left_on: datetime.date | None
    above_scale: bool
    values: dict[str, float | None]  # REPORT_FIELDS of the year, area, financing, new, graduated, ...
    graduation: Graduation | None
    declared_graduated_on: datetime.date | None


@dataclass
class Panel:
    """The residents of the carriers for one year, and each carrier's graduates to date."""

    year: int
    residents: dict[int, list[ResidentRow]]  # carrier id -> this year's residents
    graduates_to_date: dict[int, int]  # carrier id -> firms graduated there by year end, by the rule
    facts: Facts | None = None  # what it was computed from (reusable for an earlier year)


def load_panel(year: int, carrier_ids: Iterable[int] | None = None, facts: Facts | None = None) -> Panel:
    """Every residency begun by the end of `year`, read once: a year's residents are those current
    at year end and those that graduated during the year; graduates to date count every residency
    that met a criterion while it lasted. `facts` of a later year's panel of the same carriers
    serve an earlier year too (graduation reads only what happened by its day)."""
    end, start = year_end(year), datetime.date(year, 1, 1)
    rows = _residencies(end, carrier_ids)
    enterprise_ids = None if carrier_ids is None else {r[2] for r in rows}
    if enterprise_ids is not None and len(enterprise_ids) > WHOLE_TABLES_ABOVE:
        enterprise_ids = None  # reading whole tables once beats thousands of IN lists
    if facts is None:
        facts = load_facts(enterprise_ids, year)
    reports = _reports(year, enterprise_ids)
    above = _above_scale(enterprise_ids)
    applications = _applications(year)
    financing: dict[int, float] = defaultdict(float)  # enterprise -> amount raised this year
    for eid, items in facts.financing.items():
        for day, amount in items:
            if day.year == year:
                financing[eid] += amount
    panel = Panel(year, defaultdict(list), defaultdict(int), facts)
    for rid, carrier_id, eid, entered, left, area, declared in rows:
        grad = graduation(eid, entered, min(end, left) if left else end, facts)
        if grad is not None:
            panel.graduates_to_date[carrier_id] += 1
        current = left is None or left > end
        if not current and (left < start or grad is None or grad.on < start):
            continue  # gone before the year, or left during it without graduating in it
        report = reports.get(eid, {})
        values = {k: report.get(k) for k in REPORT_FIELDS}
        values["financing"] = financing.get(eid, 0.0)
        values["financed"] = 1.0 if financing.get(eid) else 0.0
        values["new"] = 1.0 if entered.year == year else 0.0
        values["graduated"] = 1.0 if grad is not None else 0.0
        values["graduated_this_year"] = 1.0 if grad is not None and grad.on.year == year else 0.0
        values["hte"] = 1.0 if current and facts.holds(eid, QualificationType.HTE, end) else 0.0
        values["hte_new"] = 1.0 if facts.granted_in(eid, QualificationType.HTE, year) else 0.0
        values["current"] = 1.0 if current else 0.0
        values["applications"] = float(applications.get(eid, 0))
        values["area_m2"] = area
        panel.residents[carrier_id].append(
            ResidentRow(rid, eid, entered, left, eid in above, values, grad, declared)
        )
    return panel


def _residencies(end: datetime.date, carrier_ids) -> list[tuple]:
    """(id, carrier, enterprise, entered, left, area, declared graduation) of the residencies
    begun by `end`, of the carriers given (all when None)."""
    qn = connection.ops.quote_name
    columns = [
        qn("id"),
        qn("carrier_id"),
        qn("enterprise_id"),
        qn("entered_on"),
        qn("left_on"),
        _real("area_m2"),
    ]
    where, params = f"{qn('entered_on')} <= %s", [end]
    wanted = None if carrier_ids is None else set(carrier_ids)
    few = wanted is not None and len(wanted) <= 900  # a page's carrier: an IN list, not the table
    rows = _select(
        Residency,
        [*columns, qn("declared_graduated_on")],
        where,
        params,
        sorted(wanted) if few and wanted is not None else None,
        "carrier_id",
    )
    return [
        (rid, cid, eid, _day(entered), _day(left), area, _day(declared))
        for rid, cid, eid, entered, left, area, declared in rows
        if wanted is None or cid in wanted
    ]


def _reports(year: int, enterprise_ids) -> dict[int, dict[str, float | None]]:
    qn = connection.ops.quote_name
    rows = _select(
        AnnualReport,
        [qn("enterprise_id"), *(_real(f) for f in REPORT_FIELDS)],
        f"{qn('year')} = %s",
        (year,),
        None if enterprise_ids is None else sorted(enterprise_ids),
    )
    return {eid: dict(zip(REPORT_FIELDS, values, strict=True)) for eid, *values in rows}


def _applications(year: int) -> dict[int, int]:
    """enterprise id -> policy applications (programmes) it submitted in `year`: one grouped query."""
    zone = timezone.get_current_timezone()
    start, end = (datetime.datetime(y, 1, 1, tzinfo=zone) for y in (year, year + 1))
    rows = (
        applications()
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .values_list("enterprise_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def _above_scale(enterprise_ids) -> set[int]:
    qs = Enterprise.objects.filter(above_scale=True).values_list("id", flat=True)
    if enterprise_ids is None:
        return set(qs)
    found: set[int] = set()
    for chunk in _chunks(sorted(enterprise_ids)):
        found.update(qs.filter(id__in=chunk))
    return found


# The figures a carrier states that the residents' own data can verify: statement field -> the
# residents' value that sums to it. Graduates are cumulative in the form, so they count every graduation to date.
VERIFIED = {
    "residents": "current",
    "resident_hte": "hte",
    "resident_revenue": "revenue",
    "resident_employees": "employees",
    "invention_patents": "valid_invention_patents",
    "financed_residents": "financed",
    "resident_financing": "financing",
}
VERIFIED_LABELS = {
    "residents": _("Incubated firms"),
    "resident_hte": _("HTEs among residents"),
    "resident_revenue": _("Residents' revenue (yuan)"),
    "resident_employees": _("Residents' employees"),
    "invention_patents": _("Residents' invention patents"),
    "financed_residents": _("Residents that raised financing"),
    "resident_financing": _("Financing raised by residents (yuan)"),
    "graduates_total": _("Graduated firms, cumulative"),
}


def computed_figures(panel: Panel, carrier_id: int) -> dict[str, float]:
    """The statement's verifiable fields as the residents' own data gives them."""
    residents = panel.residents.get(carrier_id, ())
    out = {key: sum(r.values.get(value) or 0.0 for r in residents) for key, value in VERIFIED.items()}
    out["graduates_total"] = float(panel.graduates_to_date.get(carrier_id, 0))
    return out


def applications():
    """The programmes' applications, read by model name: DESIGN.md keeps carriers independent of the
    programmes app's code, and the 政策申报 count needs only its table (enterprise, submitted_at)."""
    from django.apps import apps

    return apps.get_model("programs", "Application").objects.all()
