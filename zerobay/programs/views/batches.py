"""Approval batches (立项批次): proposing amounts, the public notice with its objections, finalising,
and the notice list as .docx / .xlsx. The rows of a batch are those of the user's scope."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import require, role_required

from .. import notices, services
from ..forms import BatchForm, NoticeForm, ObjectionForm, ProposeForm, ResolveForm
from ..models import ApprovalBatch, Objection
from ..services.access import access_application_by_code
from ..workflow import State
from .common import attempt, can_manage, can_view_district_work, form_errors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(can_view_district_work)
def batch_list(request):
    form = BatchForm(request.POST or None)
    if request.method == "POST":
        require(can_manage(request.user))
        if form.is_valid():
            batch, ok = attempt(
                request,
                lambda: services.create_batch(
                    form.cleaned_data["policy"], title=form.cleaned_data["title"], user=request.user
                ),
                success=_("The approval batch has been created."),
            )
            if ok:
                return redirect("programs-batch", code=batch.code)
    batches = ApprovalBatch.objects.select_related("policy").order_by("-created_at", "-id")
    return render(
        request,
        "programs/batch_list.html",
        {"batches": batches, "form": form, "can_manage": services.can_manage(request.user)},
    )


def _batch(request, code):
    require(can_view_district_work(request.user))
    return get_object_or_404(ApprovalBatch.objects.select_related("policy"), code=code)


def batch_detail(request, code: str):
    batch = _batch(request, code)
    apps = services.visible_applications(request.user)
    rows = apps.filter(batch=batch).select_related("enterprise", "clause").order_by("clause__number", "rank")
    candidates = []
    manager = services.can_manage(request.user)
    if manager and batch.state == ApprovalBatch.State.DRAFT:
        candidates = (
            apps.filter(call__policy=batch.policy, state=State.REVIEWED)
            .select_related("enterprise", "clause", "call")
            .order_by("call", "rank")
        )
    proposed = [a for a in rows if a.state == State.PROPOSED]
    return render(
        request,
        "programs/batch_detail.html",
        {
            "batch": batch,
            "rows": rows,
            "candidates": candidates,
            "can_manage": manager,
            "notice_form": NoticeForm(),
            "objection_form": ObjectionForm(applications=proposed),
            "resolve_form": ResolveForm(),
            "objections": batch.objections.select_related("application", "application__enterprise").filter(
                application__in=apps
            )
            | batch.objections.filter(application__isnull=True),
            "usage": services.budget_usage(policy=batch.policy),
            "notice_over": batch.notice_to is not None and batch.notice_to < timezone.localdate(),
        },
    )


@require_POST
def propose(request, code: str):
    batch = _batch(request, code)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("programs-batch", code=batch.code)
    app = access_application_by_code(request.user, form.cleaned_data["application"])
    attempt(
        request,
        lambda: services.propose(batch, app, form.cleaned_data["amount"], request.user),
        success=_("%(code)s has been proposed.") % {"code": app.code},
    )
    return redirect("programs-batch", code=batch.code)


@require_POST
def open_notice(request, code: str):
    batch = _batch(request, code)
    form = NoticeForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.open_notice(
                batch, form.cleaned_data["notice_from"], form.cleaned_data["notice_to"], request.user
            ),
            success=_("The public notice is open."),
        )
    else:
        form_errors(request, form)
    return redirect("programs-batch", code=batch.code)


@require_POST
def objection(request, code: str):
    batch = _batch(request, code)
    require(can_manage(request.user))
    proposed = services.visible_applications(request.user).filter(batch=batch, state=State.PROPOSED)
    form = ObjectionForm(request.POST, applications=proposed.select_related("enterprise"))
    if form.is_valid():
        app = access_application_by_code(request.user, form.cleaned_data["application"])
        attempt(
            request,
            lambda: services.raise_objection(
                batch, app, form.cleaned_data["raised_by"], form.cleaned_data["text"], request.user
            ),
            success=_("The objection has been registered."),
        )
    else:
        form_errors(request, form)
    return redirect("programs-batch", code=batch.code)


@require_POST
def resolve(request, code: str, pk: int):
    batch = _batch(request, code)
    objection = get_object_or_404(Objection, pk=pk, batch=batch)
    if objection.application_id:
        access_application_by_code(request.user, objection.application.code)  # scope: 404 outside it
    form = ResolveForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.resolve_objection(
                objection, form.cleaned_data["upheld"], form.cleaned_data["resolution"], request.user
            ),
            success=_("The objection has been resolved."),
        )
    else:
        form_errors(request, form)
    return redirect("programs-batch", code=batch.code)


@require_POST
def finalise(request, code: str):
    batch = _batch(request, code)
    attempt(
        request,
        lambda: services.finalise(batch, request.user),
        success=_("The batch is approved."),
    )
    return redirect("programs-batch", code=batch.code)


def notice_export(request, code: str, fmt: str):
    batch = _batch(request, code)
    rows = notices.notice_rows(batch, services.visible_applications(request.user))
    if not rows:
        messages.info(request, _("This batch has no proposed project in your scope."))
    if fmt == "docx":
        body, content_type = notices.notice_docx(batch, rows), DOCX
    else:
        body, content_type = notices.notice_xlsx(batch, rows), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{batch.code}-notice.{fmt}"
    return response
