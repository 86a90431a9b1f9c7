"""Running one import batch end to end: read → recognise columns → validate → resolve against the
registry → commit all-or-nothing. Progress is written to the batch row so that pages can poll it."""

import itertools
import logging
from collections.abc import Callable, Collection
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.registry.models import OrgUnit
from zerobay.tabular import reading
from zerobay.tabular.headers import HEADER_SCAN_ROWS, is_numbering_row
from zerobay.tabular.issues import ImportReport, Issue

from ..models import ImportBatch, MonthlyReport
from ..periods import Period
from ..reportforms import FORMS, ReportForm
from ..signals import reports_imported
from . import headers
from .qualifications import commit_qualifications
from .targets import TARGETS
from .validation import ValidRow, validate_rows, yuan
from .writing import REPORT_MODELS, commit_rows, enterprise_index, read_period, registry_index

log = logging.getLogger(__name__)
PROGRESS_EVERY = 5000
REPORT_ISSUE_LIMIT = 2000  # issues kept on the batch row; the counts stay exact
PRELOAD_REGISTRY_BYTES = 1 << 20  # about 10,000 rows of a Torch workbook

Progress = Callable[[str, int, int], None]


def _locate_header(path: Path, name: str, form: ReportForm, report: ImportReport, sheets=None):
    """(header match, data rows, total rows) of the first sheet that has the form's header.
    `sheets`: reading.sheets(path, name) or its like, when the caller has opened them."""
    best = None
    for _sheet, total, rows in sheets if sheets is not None else reading.sheets(path, name):
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
        found = headers.find_header(head, form)
        if found:
            row, cells = found
            following = [r for r in head if r[0] > row]
            # A header on two rows: group cells or labels above, field names or units below.
            if following and (merged := headers.merge_header_rows(cells, following[0][1], form)):
                cells, following = merged, following[1:]
            # The row of column codes or numbers some forms carry under the header.
            if following and is_numbering_row(following[0][1]):
                number = following[0][0]
                report.warnings.append(
                    Issue(
                        number,
                        None,
                        None,
                        "numbering_row",
                        f"第{number}行是栏目编号行，不作为企业数据导入",
                        "warning",
                    )
                )
                following = following[1:]
            match = headers.match_header(cells, row, form)
            start = following[0][0] if following else row + 1
            return match, itertools.chain(following, rows), max(total - start + 1, 0)
        # Keep the sheet row that looked most like a header, to say what it lacks.
        for row, cells in head:
            match = headers.match_header(cells, row, form)
            hits = len(match.columns)
            if hits and (best is None or hits > len(best.columns)):
                best = match
    if best is not None:
        return best, iter(()), 0
    required = "和".join(f"“{f.label}”" for f in form.fields if f.required)
    report.errors.append(
        Issue(None, None, None, "no_header", f"未找到表头：前{HEADER_SCAN_ROWS}行中没有{required}列")
    )
    return None, iter(()), 0


def validate_file(
    path: Path,
    name: str,
    form: ReportForm,
    progress: Progress | None = None,
    known_usccs: Collection[str] = (),
    sheets=None,
):
    """Reads and checks the whole file. Returns the report and the valid rows; writes nothing."""
    report = ImportReport()
    try:
        match, rows, total = _locate_header(path, name, form, report, sheets)
    except reading.UnreadableFile as exc:
        report.errors.append(Issue(None, None, name, "unreadable_file", str(exc)))
        report.fatal = True
        return report, [], []
    if match is None:
        report.fatal = True
        return report, [], []
    report.header_row = match.row
    report.columns = {c.header: c.field.key for c in match.columns}
    report.warnings.extend(match.issues)
    if match.errors:
        report.errors.extend(match.errors)
        report.fatal = True
        return report, [], []

    valid: list[ValidRow] = []
    counter = [0]
    errors, warnings = report.errors, report.warnings
    for item in validate_rows(rows, match.columns, form, counter, known_usccs):
        if isinstance(item, ValidRow):
            valid.append(item)
            if progress and len(valid) % PROGRESS_EVERY == 0:
                progress("reading", item.row - match.row, total)
        elif item.severity == "error":
            errors.append(item)
        else:
            warnings.append(item)
    report.rows_read = counter[0]
    if not report.rows_read and not report.errors:
        message = _("The file has a header (row %(row)s) but no data rows under it: nothing to import") % {
            "row": match.row
        }
        report.errors.append(Issue(None, None, name, "no_data", message))
        report.fatal = True
    present = [c.field.key for c in match.columns if c.field in form.value_fields]
    return report, valid, present


def resolve(
    report: ImportReport,
    valid: list[ValidRow],
    form: ReportForm,
    period: Period,
    scope: OrgUnit | None,
    index: dict | None = None,
):
    """Checks rows against the registry: scope of a sub-park operator, new enterprises, changed
    names, cumulative monthly figures that fall. Returns the rows still valid and the index."""
    known = enterprise_index([r.uscc for r in valid], index)
    kept = []
    for r in valid:
        hit = known.get(r.uscc)
        if hit is None:
            where = f"归入“{scope.name}”" if scope else "尚未分配子园"
            report.warnings.append(
                Issue(
                    r.row,
                    None,
                    r.uscc,
                    "new_enterprise",
                    f"企业“{r.name}”（{r.uscc}）不在企业库中，将新建，{where}",
                    "warning",
                )
            )
        elif scope is not None and not hit[1].startswith(scope.path):
            report.errors.append(
                Issue(
                    r.row,
                    None,
                    r.uscc,
                    "out_of_scope",
                    f"企业“{hit[2]}”（{r.uscc}）不属于“{scope.name}”，无权导入其数据",
                )
            )
            continue
        elif hit[2] != r.name:
            report.warnings.append(
                Issue(
                    r.row,
                    None,
                    r.name,
                    "name_differs",
                    f"企业名称“{r.name}”与企业库中的“{hit[2]}”不一致，保留企业库名称",
                    "warning",
                )
            )
        kept.append(r)
    if form.code == "torch_monthly" and period.number > 1:
        _check_cumulative(report, kept, known, period)
    return kept, known


def _check_cumulative(report, rows, known, period):
    # The whole previous month in one query: an IN list of every enterprise would outgrow
    # SQLite's parameter limit on a large file.
    earlier = dict(
        MonthlyReport.objects.filter(year=period.year, month=period.number - 1).values_list(
            "enterprise_id", "revenue_ytd"
        )
    )
    for r in rows:
        hit = known.get(r.uscc)
        before = earlier.get(hit[0]) if hit else None
        now = yuan(r.values.get("revenue_ytd"))
        if before is not None and now is not None and now < before:
            report.warnings.append(
                Issue(
                    r.row,
                    None,
                    str(now),
                    "cumulative_decrease",
                    f"本年累计营业收入（{now}元）低于上月累计（{before}元），请核实",
                    "warning",
                )
            )


def run_batch(batch: ImportBatch, *, commit: bool, progress: Progress | None = None) -> ImportReport:
    """Validates (commit=False) or imports (commit=True) a batch, recording the outcome on it."""
    form = FORMS[batch.form]
    target = TARGETS.get(form.code)
    scope = OrgUnit.objects.filter(path=batch.scope_path).first() if batch.scope_path else None

    def note_progress(phase: str, done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(phase=phase, progress_done=done, progress_total=total)
        if progress:
            progress(phase, done, total)

    batch.status = ImportBatch.Status.IMPORTING if commit else ImportBatch.Status.VALIDATING
    batch.phase = "reading"
    batch.save(update_fields=["status", "phase"])
    # A large file is checked against the whole registry, read once: the registry holds only
    # validated codes, so their check character need not be computed again.
    path, sheets, index, ahead = Path(batch.file.path), None, None, None
    if batch.file.size > PRELOAD_REGISTRY_BYTES and target is None:
        # Parsed in the background while the registry (and the period's stored reports, which a
        # re-import compares against) are read.
        sheets = reading.sheets_ahead(path, batch.original_name)
        index = registry_index()
        if commit and not batch.dry_run and form.code in REPORT_MODELS:
            ahead = read_period(form, batch.period)
    report, valid, present = validate_file(
        path, batch.original_name, form, note_progress, index or (), sheets
    )
    if not report.fatal and target is not None:
        valid, known = target.resolve(report, valid, batch, scope)
    elif not report.fatal:
        valid, known = resolve(report, valid, form, batch.period, scope, index)
    del index
    report.rows_valid = len(valid)
    rejected = report.fatal or (report.errors and not batch.skip_invalid)

    if commit and not rejected and not batch.dry_run:
        note_progress("writing", 0, len(valid))
        with transaction.atomic():
            if target is not None:
                result = target.commit(form, valid, present, batch, known)
            elif form.code == "qualifications":
                result = commit_qualifications(valid, batch, known, scope)
            else:
                result = commit_rows(form, batch.period, valid, present, batch, known, scope, ahead)
            report.rows_imported = len(valid)
            report.created, report.updated = result.created, result.updated
            report.unchanged, report.enterprises_created = result.unchanged, result.enterprises_created
            _finish(batch, report, ImportBatch.Status.IMPORTED)
            changed = bool(result.created or result.updated or result.enterprises_created)
            transaction.on_commit(
                lambda: reports_imported.send(sender=ImportBatch, batch=batch, changed=changed)
            )
            audit.record(
                "statistics.import.committed",
                actor=batch.created_by,
                obj=batch,
                org_unit_path=batch.scope_path,
                summary=f"{form.name} {batch.period} {batch.original_name}: {report.rows_imported} 行导入",
                changes={
                    "file": batch.original_name,
                    "sha256": batch.sha256,
                    "rows_imported": report.rows_imported,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "enterprises_created": result.enterprises_created,
                    "skipped_rows": len(report.error_rows),
                },
            )
        return report

    if commit and rejected:
        status = ImportBatch.Status.REJECTED
        audit.record(
            "statistics.import.rejected",
            actor=batch.created_by,
            obj=batch,
            org_unit_path=batch.scope_path,
            summary=f"{form.name} {batch.period} {batch.original_name}: {report.error_count} 个错误，未导入",
        )
    elif report.fatal:
        status = ImportBatch.Status.REJECTED
    else:
        status = ImportBatch.Status.VALIDATED
    _finish(batch, report, status)
    return report


def _finish(batch: ImportBatch, report: ImportReport, status: str) -> None:
    batch.status = status
    batch.phase = ""
    batch.finished_at = timezone.now()
    batch.rows_read, batch.rows_valid, batch.rows_imported = (
        report.rows_read,
        report.rows_valid,
        report.rows_imported,
    )
    batch.error_count, batch.warning_count = report.error_count, report.warning_count
    batch.progress_done = batch.progress_total = report.rows_read
    batch.report = report.as_dict(limit=REPORT_ISSUE_LIMIT)
    if report.fatal and any(i.rule == "unreadable_file" for i in report.errors) and batch.file:
        # A file refused unread (over a limit, not a workbook) is worth nothing kept: remove it now.
        batch.file.delete(save=False)
    batch.save()
