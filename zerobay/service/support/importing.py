"""What the support-records form needs of the import pipeline beyond reading and checking rows:
the firm a row names is the pipeline's own resolve (registry, scope, new firms with a warning), and
storing a row is one record per (firm, kind, date, counterpart), the figures it replaces kept as a
revision. Registered with the pipeline in apps.py."""

from zerobay.statistics.importing.pipeline import resolve as resolve_enterprises
from zerobay.statistics.importing.targets import ImportTarget
from zerobay.statistics.importing.validation import ValidRow, yuan
from zerobay.statistics.importing.writing import CommitResult, ids_creating_new, revise
from zerobay.statistics.reportforms import ReportForm

from ..models import SupportRecord, SupportRecordRevision
from .form import SUPPORT_RECORDS

FIGURES = ("amount", "quantity", "note")


def may_import(user) -> bool:
    return user.can_import


def resolve(report, valid: list[ValidRow], batch, scope):
    kept, enterprises = resolve_enterprises(report, valid, SUPPORT_RECORDS, batch.period, scope)
    return kept, {"enterprises": enterprises}


def _figures(r: ValidRow, present: list[str]) -> dict:
    out = {}
    for key in FIGURES:
        if key not in present:
            continue
        value = r.values.get(key)
        out[key] = yuan(value) if key == "amount" else (value or "") if key == "note" else value
    return out


def commit(form: ReportForm, rows: list[ValidRow], present: list[str], batch, known: dict) -> CommitResult:
    """Only the columns the file carries are set: a column it lacks keeps the stored values."""
    result = CommitResult()
    ids = ids_creating_new(rows, known["enterprises"], batch, result)
    stored = {
        (s.enterprise_id, s.kind, s.day, s.counterpart): s
        for s in SupportRecord.objects.filter(enterprise_id__in=set(ids.values()))
    }
    for r in rows:
        v = r.values
        key = (ids[r.uscc], v["kind"], v["day"], v.get("counterpart") or "")
        figures = _figures(r, present)
        current = stored.get(key)
        if current is None:
            stored[key] = SupportRecord.objects.create(
                enterprise_id=key[0],
                kind=key[1],
                day=key[2],
                counterpart=key[3],
                batch=batch,
                source_row=r.row,
                **figures,
            )
            result.created += 1
        elif revise(
            current,
            figures,
            list(FIGURES),
            batch,
            r.row,
            lambda old, batch_id, row, current=current: SupportRecordRevision.objects.create(
                record=current,
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


TARGET = ImportTarget(
    form=SUPPORT_RECORDS,
    command="support-records",
    resolve=resolve,
    commit=commit,
    may_import=may_import,
)
