"""What the carrier-annual form needs of the import pipeline beyond reading and checking rows:
which carrier a row names (by USCC, else by registered name), whether the uploader may file for it,
and storing its figures with revisions. Registered with the pipeline in apps.py."""

import unicodedata
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zerobay.accounts.models import Role
from zerobay.registry.models import Carrier, OrgUnit
from zerobay.statistics.importing.pipeline import resolve as resolve_enterprises
from zerobay.statistics.importing.targets import ImportTarget
from zerobay.statistics.importing.validation import ValidRow, yuan
from zerobay.statistics.importing.writing import CommitResult, ids_creating_new, revise
from zerobay.statistics.reportforms import Kind, ReportForm
from zerobay.tabular.issues import ImportReport, Issue

from .models import CarrierStatistics, CarrierStatisticsRevision, Residency, ResidentStatement
from .reportform import CARRIER_ANNUAL, CARRIER_RESIDENTS, INCOME_PARTS


def name_key(name: str) -> str:
    """A carrier name as compared: NFKC (full-width brackets), no spaces."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def may_import(user) -> bool:
    """District and sub-park staff who import, and a carrier's operator (for its own carrier)."""
    return user.can_import or (user.role == Role.CARRIER_OPERATOR and user.carrier_id is not None)


def resolve(report: ImportReport, valid: list[ValidRow], batch, scope: OrgUnit | None):
    """Rows → carriers. A row naming no registered carrier, another operator's carrier, a carrier
    outside the uploader's sub-park, or a carrier already filed above is an error of that row."""
    carriers = list(Carrier.objects.select_related("org_unit"))
    by_uscc = {c.uscc: c for c in carriers if c.uscc}
    by_name = {name_key(c.name): c for c in carriers}
    user = batch.created_by
    own = user.carrier_id if user is not None and user.role == Role.CARRIER_OPERATOR else None
    column = next((h for h, k in report.columns.items() if k == "name"), None)
    kept, known, first = [], {}, {}
    for r in valid:
        carrier = by_uscc.get(r.uscc) if r.uscc else None
        named = by_name.get(name_key(r.name))
        error = None
        if carrier is None and named is not None and named.uscc and r.uscc:
            error = Issue(
                r.row,
                None,
                r.uscc,
                "uscc_differs",
                f"“{named.name}”登记的统一社会信用代码是{named.uscc}，与填写的“{r.uscc}”不一致",
            )
        carrier = carrier or named
        if error is None and carrier is None:
            who = f"统一社会信用代码“{r.uscc}”或名称“{r.name}”" if r.uscc else f"名称“{r.name}”"
            error = Issue(r.row, column, r.name, "unknown_carrier", f"载体库中没有{who}的载体，请先登记载体")
        elif error is None and own is not None and carrier.pk != own:
            error = Issue(
                r.row, column, r.name, "out_of_scope", f"“{carrier.name}”不是本账号运营的载体，无权填报"
            )
        elif (
            error is None
            and scope is not None
            and not (carrier.org_unit and carrier.org_unit.path.startswith(scope.path))
        ):
            error = Issue(
                r.row, column, r.name, "out_of_scope", f"“{carrier.name}”不属于“{scope.name}”，无权导入其数据"
            )
        elif error is None and carrier.pk in first:
            error = Issue(
                r.row,
                column,
                r.name,
                "duplicate_carrier",
                f"“{carrier.name}”在第{first[carrier.pk]}行已填报，每个载体只能填报一行",
            )
        if error is None:
            error = _income_parts_error(r)
        if error is not None:
            report.errors.append(error)
            continue
        if carrier.name != r.name.strip() and named is None:
            report.warnings.append(
                Issue(
                    r.row,
                    column,
                    r.name,
                    "name_differs",
                    f"名称“{r.name}”与载体库中的“{carrier.name}”不一致，按统一社会信用代码认定",
                    "warning",
                )
            )
        first[carrier.pk] = r.row
        known[r.row] = carrier.pk
        kept.append(r)
    return kept, known


def _income_parts_error(r: ValidRow) -> Issue | None:
    total = r.values.get("total_income")
    parts = [r.values.get(k) for k in INCOME_PARTS]
    if total is None or sum(p or 0 for p in parts) <= total:
        return None
    return Issue(
        r.row,
        None,
        str(yuan(total)),
        "parts_exceed_whole",
        f"综合服务收入、物业收入与投资收入之和（{yuan(sum(p or 0 for p in parts))}元）大于孵化器总收入（{yuan(total)}元）",
    )


def _stored(form: ReportForm, key: str, value):
    """A validated value as the model stores it: money and areas arrive in hundredths, exactly."""
    if value is None:
        return None
    if form.field(key).kind in (Kind.MONEY, Kind.AREA):
        return Decimal(value).scaleb(-2)
    return value


def commit(form: ReportForm, rows: list[ValidRow], present: list[str], batch, known: dict) -> CommitResult:
    """One current record per carrier and year; the values it replaces kept as a revision. Only the
    columns the file carries are set: a column the file lacks keeps its stored values."""
    result = CommitResult()
    keys = [f.key for f in form.value_fields]
    stored = {
        s.carrier_id: s for s in CarrierStatistics.objects.filter(year=batch.year, carrier__in=known.values())
    }
    for r in rows:
        carrier_id = known[r.row]
        values = {k: _stored(form, k, r.values.get(k)) for k in present}
        current = stored.get(carrier_id)
        if current is None:
            CarrierStatistics.objects.create(
                carrier_id=carrier_id, year=batch.year, batch=batch, source_row=r.row, **values
            )
            result.created += 1
            continue
        if revise(
            current,
            values,
            keys,
            batch,
            r.row,
            lambda old, batch_id, row, current=current: CarrierStatisticsRevision.objects.create(
                statistics=current,
                revision=current.revision,
                values=old,
                batch_id=batch_id,
                source_row=row,
                superseded_by=batch,
            ),
        ):
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def resolve_residents(report: ImportReport, valid: list[ValidRow], batch, scope: OrgUnit | None):
    """Rows → (enterprise, carrier). The enterprise part is the pipeline's own (registry, scope,
    new enterprises with a warning); the carrier column must name a registered carrier the uploader
    may file for."""
    kept, enterprises = resolve_enterprises(report, valid, CARRIER_RESIDENTS, batch.period, scope)
    carriers = list(Carrier.objects.select_related("org_unit"))
    by_key = {name_key(c.name): c for c in carriers} | {c.uscc: c for c in carriers if c.uscc}
    user = batch.created_by
    own = user.carrier_id if user is not None and user.role == Role.CARRIER_OPERATOR else None
    column = next((h for h, k in report.columns.items() if k == "carrier"), None)
    out, carrier_of = [], {}
    for r in kept:
        named = str(r.values.get("carrier") or "")
        carrier = by_key.get(named.strip().upper()) or by_key.get(name_key(named))
        if carrier is None:
            report.errors.append(
                Issue(r.row, column, named, "unknown_carrier", f"载体库中没有“{named}”，请先登记载体")
            )
            continue
        if (own is not None and carrier.pk != own) or (
            scope is not None and not (carrier.org_unit and carrier.org_unit.path.startswith(scope.path))
        ):
            report.errors.append(
                Issue(r.row, column, named, "out_of_scope", f"“{carrier.name}”不是本账号可以填报的载体")
            )
            continue
        carrier_of[r.row] = carrier.pk
        out.append(r)
    return out, {"enterprises": enterprises, "carriers": carrier_of}


def commit_residents(
    form: ReportForm, rows: list[ValidRow], present: list[str], batch, known: dict
) -> CommitResult:
    """A residency per (carrier, enterprise, entry date), its leaving, area and declared graduation
    updated from the file; the year's statement of the resident's figures beside it."""
    result = CommitResult()
    ids = ids_creating_new(rows, known["enterprises"], batch, result)
    for r in rows:
        v = r.values
        residency, created = Residency.objects.get_or_create(
            carrier_id=known["carriers"][r.row],
            enterprise_id=ids[r.uscc],
            entered_on=v["entered_on"],
            defaults={"source": f"import:{batch.pk}"},
        )
        changed = created
        for key, attr in (
            ("left_on", "left_on"),
            ("area_m2", "area_m2"),
            ("graduated_on", "declared_graduated_on"),
        ):
            if key in present and getattr(residency, attr) != _stored(form, key, v.get(key)):
                setattr(residency, attr, _stored(form, key, v.get(key)))
                changed = True
        if changed:
            residency.save()
        figures = {
            k: _stored(form, k, v.get(k))
            for k in ("revenue", "rd_expenditure", "financing", "ip_granted")
            if k in present
        }
        _statement, made = ResidentStatement.objects.update_or_create(
            residency=residency, year=batch.year, defaults={**figures, "batch": batch, "source_row": r.row}
        )
        if created or made:
            result.created += 1
        elif changed or figures:
            result.updated += 1
        else:
            result.unchanged += 1
    return result


TARGET = ImportTarget(
    form=CARRIER_ANNUAL,
    command="carrier-annual",
    resolve=resolve,
    commit=commit,
    may_import=may_import,
    rules={
        "unknown_carrier": _("Carrier not registered"),
        "uscc_differs": _("USCC differs from the carrier registry"),
        "duplicate_carrier": _("Carrier filed twice"),
        "parts_exceed_whole": _("Parts exceed the whole"),
    },
)


TARGET_RESIDENTS = ImportTarget(
    form=CARRIER_RESIDENTS,
    command="carrier-residents",
    resolve=resolve_residents,
    commit=commit_residents,
    may_import=may_import,
)
