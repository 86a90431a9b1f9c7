"""The request pages: the list (and its xlsx), raising one, a request with its timeline and the steps
the user may take, its attachments. Every request is loaded through access.py (404 outside scope)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from zerobay.access import load_or_404, role_required
from zerobay.web.pagination import paginate
from zerobay.web.refusals import refusal_text

from .. import access, deadlines, exports
from ..forms import FilterForm, RequestForm, StepForm
from ..models import Attachment, Rating, ServiceRequest, Visit
from ..queries import Filters, requests_for
from ..services import attachments, requests
from ..workflow import RATED, REQUEST, TAKES_DUPLICATE, TAKES_UNIT

PER_PAGE = 30


def filters_from(data) -> tuple[FilterForm, Filters]:
    form = FilterForm(data)
    f = Filters()
    if form.is_valid():
        c = form.cleaned_data
        f = Filters(state=c["state"], unit=c["unit"], category=c["category"], overdue=c["overdue"], q=c["q"])
    # The dashboard's drill-downs (no form field: reached by its links).
    f.reopened = data.get("reopened") == "1"
    f.open = data.get("open") == "1"
    f.bounced_from = data.get("bounced_from", "")[:32]
    f.late = data.get("late", "")[:10]
    f.rating = data.get("rating", "")[:12]
    return form, f


@role_required(access.can_see_requests)
def request_list(request):
    form, f = filters_from(request.GET)
    qs = requests_for(request.user, f)
    if request.GET.get("format") == "xlsx":
        return exports.requests_xlsx_response(qs)
    return render(
        request,
        "service/request_list.html",
        {
            "form": form,
            "page_obj": paginate(request, qs, PER_PAGE),
            "today": timezone.localdate(),
            "can_raise": access.can_raise_request(request.user),
            "can_dashboard": access.can_see_dashboard(request.user),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "workflow": REQUEST,
        },
    )


@role_required(access.can_raise_request)
def request_new(request):
    staff = access.is_dispatcher(request.user)
    visit = None
    visit_id = request.POST.get("visit") or request.GET.get("visit")
    if staff and visit_id and str(visit_id).isdigit():  # raised at a visit: its enterprise, its channel
        visit = (
            access.staff_scope(request.user, Visit.objects.select_related("enterprise"))
            .filter(pk=visit_id)
            .first()
        )
    initial = {"enterprise": visit.enterprise.uscc, "channel": "visit"} if visit else {}
    form = RequestForm(request.POST or None, request.FILES or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            req = requests.raise_request(
                request.user,
                enterprise=c.get("enterprise"),
                category=c["category"],
                title=c["title"],
                text=c["text"],
                urgency=c["urgency"],
                channel=c.get("channel") or "online",
                unit=c.get("unit"),
                co_units=c.get("co_units") or (),
                visit=visit,
            )
        except ValidationError as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(
                request,
                _("Request {code} has been submitted to {unit}.").format(code=req.code, unit=req.unit),
            )
            if c.get("file"):
                _attach(request, req, c["file"])
            return redirect("service-request", pk=req.pk)
    return render(request, "service/request_form.html", {"form": form, "staff": staff, "visit": visit})


def request_detail(request, pk: int):
    req = access.access_request_by_id(
        request.user,
        pk,
        ServiceRequest.objects.select_related("enterprise", "unit", "raised_by", "duplicate_of"),
    )
    roles = access.actor_roles(request.user, req)
    actions = REQUEST.actions_from(req.state, roles - {"system"})
    today = timezone.localdate()
    return render(
        request,
        "service/request_detail.html",
        {
            "req": req,
            "workflow": REQUEST,
            "state_label": REQUEST.label(req.state),
            "state_tone": REQUEST.tone(req.state),
            "actions": [a for a in actions if a.name not in RATED],
            "can_rate": any(a.name in RATED for a in actions),
            "ratings": Rating.choices,
            "takes_unit": TAKES_UNIT,
            "takes_duplicate": TAKES_DUPLICATE,
            "units": access.active_units_except(req.unit_id)
            if set(TAKES_UNIT) & {a.name for a in actions}
            else [],
            "timeline": timeline(req),
            "attachments": req.attachments.all(),
            "can_attach": bool(roles) and req.state not in attachments.FINISHED,
            "co_units": req.co_units.all(),
            "overdue": deadlines.is_overdue(req, today),
            "days_open": deadlines.working_days_open(req, today),
            "show_enterprise_link": request.user.sees_district_data,
        },
    )


@require_POST
def request_move(request, pk: int):
    req = access.access_request_by_id(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_text(ValidationError(form.errors)))
        return redirect("service-request", pk=req.pk)
    c = form.cleaned_data
    duplicate = None
    if c["duplicate_of"]:
        duplicate = access.visible_requests(request.user).filter(pk=c["duplicate_of"]).first()
    try:
        if c["action"] == "rate":
            requests.rate(req, request.user, c["rating"], comment=c["comment"], expected_version=c["version"])
        else:
            requests.move(
                req,
                c["action"],
                request.user,
                comment=c["comment"],
                expected_version=c["version"],
                unit=c["unit"],
                duplicate_of=duplicate,
            )
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, _("Done: {state}.").format(state=REQUEST.label(req.state)))
    return redirect("service-request", pk=req.pk)


@require_POST
def attachment_add(request, pk: int):
    req = access.access_request_by_id(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        _attach(request, req, upload)
    return redirect("service-request", pk=req.pk)


def _attach(request, req: ServiceRequest, upload) -> None:
    try:
        attachments.attach(req, upload, request.user)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, _("“{name}” has been uploaded.").format(name=upload.name))


def attachment_download(request, pk: int, attachment_id: int):
    req = access.access_request_by_id(request.user, pk)
    attachment = load_or_404(Attachment.objects.filter(request=req), pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


def timeline(req: ServiceRequest) -> list[dict]:
    rows = []
    for step in req.steps.select_related("actor", "unit", "to_unit"):
        action = REQUEST.by_name.get(step.action)
        rows.append(
            {
                "step": step,
                "action_label": action.label if action else pgettext("service", "Submit"),
                "to_label": REQUEST.label(step.to_state),
                "actor": step.actor,
            }
        )
    return rows
