"""Import pages: upload, the batch page (progress, validation report, confirm/cancel), history.

A batch is visible to district-wide users, and to a scoped user only when it was uploaded within
that user's subtree (batch.scope_path starts with the user's scope); otherwise it is a 404.
Only operators and district admins (user.can_import) may upload, confirm or cancel.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zerobay.access import require, role_required
from zerobay.web.pagination import paginate

from .access import access_batch_by_id, can_import_data, visible_batches
from .forms import ImportFilterForm, ImportForm, form_label
from .importing.targets import TARGET_RULES
from .models import ImportBatch
from .reportforms import FORMS
from .services import ImportRefused, cancel_import, confirm_import, retry_import, upload_for_validation

ISSUES_PER_PAGE = 100
BATCHES_PER_PAGE = 50

S = ImportBatch.Status
PHASES = {
    "queued": gettext_lazy("Waiting to start"),
    "reading": gettext_lazy("Reading and checking rows"),
    "writing": gettext_lazy("Writing to the database"),
}
# The validation rules of the import pipeline (statistics.importing), named for people.
RULES = {
    "required": gettext_lazy("Required value missing"),
    "uscc_invalid": gettext_lazy("Invalid USCC"),
    "duplicate_uscc": gettext_lazy("Duplicate USCC"),
    "not_a_number": gettext_lazy("Not a number"),
    "placeholder": gettext_lazy("Placeholder read as empty"),
    "negative": gettext_lazy("Negative value"),
    "out_of_range": gettext_lazy("Value out of range"),
    "not_an_integer": gettext_lazy("Not a whole number"),
    "part_exceeds_whole": gettext_lazy("Part exceeds whole"),
    "suspicious_ratio": gettext_lazy("Suspicious ratio"),
    "summary_row": gettext_lazy("Summary row"),
    "numbering_row": gettext_lazy("Column numbering row"),
    "new_enterprise": gettext_lazy("New enterprise"),
    "out_of_scope": gettext_lazy("Outside your org unit"),
    "name_differs": gettext_lazy("Name differs from registry"),
    "cumulative_decrease": gettext_lazy("Cumulative figure fell"),
    "no_header": gettext_lazy("No header found"),
    "no_data": gettext_lazy("No data rows"),
    "unreadable_file": gettext_lazy("Unreadable file"),
    "unknown_column": gettext_lazy("Unknown column"),
    "duplicate_column": gettext_lazy("Duplicate column"),
    "unit_assumed": gettext_lazy("Unit assumed"),
    "unit_invalid": gettext_lazy("Invalid unit"),
    "missing_column": gettext_lazy("Missing column"),
    "not_a_date": gettext_lazy("Not a date"),
    "not_a_choice": gettext_lazy("Not one of the allowed values"),
    "invalid_code": gettext_lazy("Invalid code"),
    "too_long": gettext_lazy("Text too long"),
    "duplicate_row": gettext_lazy("Duplicate record"),
    "date_order": gettext_lazy("Dates in the wrong order"),
    "duplicate_name": gettext_lazy("Duplicate name"),
}


def _phase(batch: ImportBatch) -> str:
    """The phase as the progress shows it: rows already counted mean the worker has started, whatever
    the phase field last said ("等待开始 · 已处理 2/2 行" read as a contradiction)."""
    if batch.phase in ("", "queued") and batch.progress_done:
        return (
            "writing" if batch.progress_total and batch.progress_done >= batch.progress_total else "reading"
        )
    return batch.phase


def decorate(batch: ImportBatch) -> ImportBatch:
    """Adds what the pages show: phase label, form name, period text."""
    batch.phase_label = PHASES.get(_phase(batch), batch.phase) if batch.is_running else ""
    form = FORMS.get(batch.form)
    batch.form_name = batch.get_form_display() if form is None else form_label(form)
    batch.period_text = str(batch.period)
    return batch


def _issues(items: list[dict]) -> list[dict]:
    for item in items:
        rule = item.get("rule")
        item["rule_label"] = RULES.get(rule) or TARGET_RULES.get(rule, rule)
    return items


# ---------- pages ----------


@role_required(can_import_data)
def import_new(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = upload_for_validation(
                source=upload,
                original_name=upload.name,
                form_code=form.cleaned_data["form_code"],
                period=form.cleaned_data["period"],
                user=request.user,
                channel=ImportBatch.Channel.WEB,
            )
        except ImportRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("import-detail", pk=batch.pk)
    return render(
        request,
        "statistics/import_new.html",
        {"form": form, "max_upload": filesizeformat(settings.ZEROBAY_MAX_UPLOAD_BYTES)},
    )


def import_detail(request, pk: int):
    batch = decorate(access_batch_by_id(request.user, pk))
    report = batch.report or {}
    errors = paginate(request, _issues(list(report.get("errors", []))), ISSUES_PER_PAGE, param="ep")
    warnings = paginate(request, _issues(list(report.get("warnings", []))), ISSUES_PER_PAGE, param="wp")
    form = FORMS.get(batch.form)
    labels = {f.key: f.label for f in form.fields} if form else {}
    columns = [(header, labels.get(key, key)) for header, key in (report.get("columns") or {}).items()]
    can_act = can_import_data(request.user).allowed
    # The same file imported before: most often an upload by mistake, worth a warning before confirming.
    earlier = (
        visible_batches(request.user)
        .filter(sha256=batch.sha256, form=batch.form, status=S.IMPORTED)
        .exclude(pk=batch.pk)
        .exclude(sha256="")
        .order_by("-created_at")
        .first()
    )
    return render(
        request,
        "statistics/import_detail.html",
        {
            "earlier": earlier,
            "batch": batch,
            "report": report,
            "errors": errors,
            "warnings": warnings,
            "errors_cut": batch.error_count > errors.paginator.count,
            "warnings_cut": batch.warning_count > warnings.paginator.count,
            "columns": columns,
            "can_confirm": can_act and batch.status == S.VALIDATED and batch.rows_valid > 0,
            "can_cancel": can_act and batch.status in (S.VALIDATED, S.UPLOADED),
            "can_retry": can_act and batch.status == S.FAILED and bool(batch.file),
        },
    )


def import_progress(request, pk: int):
    """The progress partial the batch page polls; once the batch is done, htmx reloads the page."""
    batch = decorate(access_batch_by_id(request.user, pk))
    response = render(request, "statistics/_import_progress.html", {"batch": batch})
    if not batch.is_running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
def import_confirm(request, pk: int):
    batch = access_batch_by_id(request.user, pk)  # 404 out of scope, before the role's 403
    require(can_import_data(request.user))
    skip_invalid = request.POST.get("skip_invalid") in ("1", "on", "true")
    try:
        confirm_import(batch, user=request.user, skip_invalid=skip_invalid)
    except ImportRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The import has started."))
    return redirect("import-detail", pk=batch.pk)


def _act(request, pk: int, action, done: str):
    """A batch action by an importer: 404 out of scope, 403 for a role that cannot import, the
    refusal's reason as a message otherwise."""
    batch = access_batch_by_id(request.user, pk)
    require(can_import_data(request.user))
    try:
        action(batch, user=request.user)
    except ImportRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("import-detail", pk=batch.pk)


@require_POST
def import_cancel(request, pk: int):
    return _act(request, pk, cancel_import, _("The import has been cancelled; nothing was imported."))


@require_POST
def import_retry(request, pk: int):
    return _act(request, pk, retry_import, _("The file is being checked again."))


def import_list(request):
    filters = ImportFilterForm(request.GET or None)
    page = paginate(request, filters.filter(visible_batches(request.user)), BATCHES_PER_PAGE)
    for batch in page.object_list:
        decorate(batch)
    return render(request, "statistics/import_list.html", {"filters": filters, "page_obj": page})
