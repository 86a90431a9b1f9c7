"""Pages of the monthly bulletin: the list (draft a month), a bulletin's preview with its editable
paragraphs, issuing, and the .docx / .xlsx downloads. Thin: access and services decide."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zerobay.access import role_required
from zerobay.registry.access import access_org_unit_by_code
from zerobay.web.pagination import paginate

from . import charts, cockpit
from .access import access_bulletin_by_pk, can_manage_bulletins, can_read_bulletins, visible_bulletins
from .bulletin import services
from .bulletin.services import BulletinRefused
from .forms import DraftForm, NarrativeForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(can_read_bulletins)
def bulletin_list(request):
    staff = bool(can_manage_bulletins(request.user))
    page = paginate(request, visible_bulletins(request.user).defer("document", "snapshot"), 24)
    return render(
        request,
        "reports/bulletin_list.html",
        {"page": page, "form": DraftForm() if staff else None, "staff": staff},
    )


@require_POST
@role_required(can_manage_bulletins)
def bulletin_draft(request):
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("bulletin-list")
    bulletin = services.draft(request.user, form.cleaned_data["period"])
    return redirect("bulletin-detail", pk=bulletin.pk)


@role_required(can_read_bulletins)
def bulletin_detail(request, pk: int):
    bulletin = access_bulletin_by_pk(request.user, pk)
    staff = bool(can_manage_bulletins(request.user))
    editable = staff and bulletin.status == bulletin.Status.DRAFT
    text = services.paragraphs(bulletin)
    return render(
        request,
        "reports/bulletin_detail.html",
        {
            "bulletin": bulletin,
            "snap": bulletin.snapshot,
            "text": text,
            "form": NarrativeForm(initial=text) if editable else None,
            "staff": staff,
        },
    )


@require_POST
@role_required(can_manage_bulletins)
def bulletin_narrative(request, pk: int):
    bulletin = access_bulletin_by_pk(request.user, pk)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            services.edit_narrative(request.user, bulletin, form.cleaned_data)
        except BulletinRefused as exc:
            messages.error(request, str(exc))
    return redirect("bulletin-detail", pk=bulletin.pk)


@require_POST
@role_required(can_manage_bulletins)
def bulletin_issue(request, pk: int):
    bulletin = access_bulletin_by_pk(request.user, pk)
    try:
        services.issue(request.user, bulletin)
    except BulletinRefused as exc:
        messages.error(request, str(exc))
    return redirect("bulletin-detail", pk=bulletin.pk)


@role_required(can_read_bulletins)
def bulletin_docx(request, pk: int):
    bulletin = access_bulletin_by_pk(request.user, pk)
    response = HttpResponse(services.docx_bytes(bulletin), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="bulletin-{bulletin.period:%Y-%m}-v{bulletin.version}.docx"'
    )
    return response


@role_required(can_read_bulletins)
def bulletin_xlsx(request, pk: int):
    bulletin = access_bulletin_by_pk(request.user, pk)
    response = HttpResponse(services.xlsx_bytes(bulletin), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="bulletin-{bulletin.period:%Y-%m}-v{bulletin.version}.xlsx"'
    )
    return response


def cockpit_page(request):
    """The leadership cockpit; a forbidden user or sub-park answers 404 like a missing one."""
    user = request.user
    if not cockpit.may_open(user):
        raise Http404("No cockpit")
    code = request.GET.get("org") or None
    unit = access_org_unit_by_code(user, code) if code else None
    data = cockpit.cockpit(user, unit, timezone.localdate())
    heads = data["headlines"]
    return render(
        request,
        "reports/cockpit.html",
        {
            **data,
            "subparks": cockpit.subparks(user),
            "trend_charts": [(f"trend-{i}", h["name"], charts.trend(h)) for i, h in enumerate(heads)],
            "subpark_chart": charts.by_subpark(
                data["by_subpark"], "revenue", heads[0]["name"], heads[0]["unit"]
            ),
            "pipeline_chart": charts.pipeline(data["pipeline"]),
            "money_chart": charts.money(data["money"]),
        },
    )
