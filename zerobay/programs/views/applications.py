"""Applications: the list (an enterprise's own, the staff's queue per call), the application page
with its timeline and the action forms, attachments, expert assignment, payments, evaluation.
Every action posts the application's version: a change made meanwhile by someone else is refused
(ConcurrentChange) and shown as a message, like an illegal transition."""

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from zerobay.accounts.models import Role, User
from zerobay.accounts.scope import within_scope
from zerobay.programs.exports import applications_xlsx_response
from zerobay.registry.models import OrgUnit
from zerobay.web.pagination import paginate

from .. import dashboards, services
from ..forms import ActionForm, ApplicationFilterForm, EvaluationForm, ExpertsForm, PaymentForm, UploadForm
from ..services.access import access_application_by_code
from ..services.applications import OWN_SERVICE
from ..workflow import ACTIONS, State, actions_from
from .common import attempt, back_to, form_errors

PAGE_SIZE = 50


# ---------- list ----------


def _subparks(user):
    return within_scope(OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK), user, "path")


def filtered_applications(request):
    user = request.user
    subparks = _subparks(user) if user.sees_district_data else OrgUnit.objects.none()
    form = ApplicationFilterForm(request.GET or None, subparks=subparks, stages=dashboards.stage_labels())
    apps = services.visible_applications(user).select_related("call", "clause", "enterprise")
    if form.is_valid():
        f = form.cleaned_data
        if f["q"]:
            apps = apps.filter(
                Q(code__icontains=f["q"]) | Q(title__icontains=f["q"]) | Q(enterprise__name__icontains=f["q"])
            )
        if f["state"]:
            apps = apps.filter(state=f["state"])
        if f["call"]:
            apps = apps.filter(call=f["call"])
        if f["clause"]:
            apps = apps.filter(clause=f["clause"])
        if f["subpark"]:
            apps = apps.filter(org_path__startswith=f["subpark"].path)
        if f["policy"]:
            apps = apps.filter(call__policy=f["policy"])
        if f["year"]:
            apps = apps.filter(call__opens_on__year=f["year"])
        if f["batch"]:
            apps = apps.filter(batch=f["batch"])
        if f["reached"]:
            apps = apps.filter(dashboards.stage_rate_filter(f["reached"])).distinct()
    return form, apps.order_by("-submitted_at", "-id")


def application_list(request):
    form, apps = filtered_applications(request)
    if request.GET.get("format") == "xlsx":
        return applications_xlsx_response(apps)
    page = paginate(request, apps, PAGE_SIZE)
    return render(
        request,
        "programs/application_list.html",
        {
            "form": form,
            "page_obj": page,
            "staff": request.user.sees_district_data,
            "filtered": bool(request.GET.dict().keys() - {"page"}),
        },
    )


# ---------- the application page ----------


def application_detail(request, code: str):
    user = request.user
    app = access_application_by_code(user, code)
    roles = services.actor_roles(user, app)
    actions = [
        a for a in actions_from(app.state, roles) if a.name not in OWN_SERVICE and a.name != "complete_review"
    ]
    if "staff" in roles and app.state == State.IN_REVIEW:
        actions.append(ACTIONS["complete_review"])  # staff may end a review early, with the sheets in
    attachments = list(app.attachments.all())
    attached = {a.material for a in attachments}
    materials = [{**m, "attached": m["code"] in attached} for m in app.clause.materials]
    context = {
        "app": app,
        "roles": roles,
        "actions": actions,
        "timeline": services.timeline(app),
        "attachments": attachments,
        "materials": materials,
        "editable": "enterprise" in roles and app.state in (State.DRAFT, State.RETURNED),
        "upload_form": UploadForm(materials=app.clause.materials),
        "allowed_types": ", ".join(sorted(services.ALLOWED_TYPES)),
        "max_mb": services.MAX_BYTES // (1024 * 1024),
        "payments": list(app.payments.all()),
        "staff_view": user.sees_district_data,
    }
    if "staff" in roles and app.state in (State.CHECKED, State.IN_REVIEW):
        context["experts"] = services.experts_for(app)
    if user.sees_district_data:
        context["assignments"] = list(app.assignments.select_related("expert").prefetch_related("scores"))
    if "finance" in roles and app.state in (State.APPROVED, State.PAYING):
        remaining = app.approved_amount - app.paid_amount
        context["pay_form"] = PaymentForm(initial={"version": app.version, "amount": remaining / 10_000})
        context["remaining"] = remaining
    evaluation = getattr(app, "evaluation", None) if hasattr(app, "evaluation") else None
    context["evaluation"] = evaluation
    if "staff" in roles and app.state == State.PAID and evaluation is None:
        context["evaluation_form"] = EvaluationForm(initial={"version": app.version}, targets=app.targets)
    return render(request, "programs/application_detail.html", context)


@require_POST
def act(request, code: str):
    app = access_application_by_code(request.user, code)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete: reload the page and try again."))
        return back_to(app)
    action = form.cleaned_data["action"]
    label = ACTIONS[action].label if action in ACTIONS else action
    if action == "complete_review":
        run = lambda: services.complete_review(  # noqa: E731
            app, request.user, expected_version=form.cleaned_data["version"]
        )
    else:
        run = lambda: services.transition(  # noqa: E731
            app,
            action,
            request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    attempt(request, run, success=_("Done: %(action)s.") % {"action": label})
    return back_to(app)


# ---------- attachments ----------


@require_POST
def upload(request, code: str):
    app = access_application_by_code(request.user, code)
    form = UploadForm(request.POST, request.FILES, materials=app.clause.materials)
    if not form.is_valid():
        form_errors(request, form)
        return back_to(app)
    upload_file = form.cleaned_data["file"]
    attempt(
        request,
        lambda: services.attach(app, form.cleaned_data["material"], upload_file, request.user),
        success=_("“%(name)s” has been attached.") % {"name": upload_file.name},
    )
    return back_to(app)


@require_POST
def remove_attachment(request, code: str, pk: int):
    app = access_application_by_code(request.user, code)
    attachment = app.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment")
    attempt(
        request,
        lambda: services.remove_attachment(attachment, request.user),
        success=_("“%(name)s” has been removed.") % {"name": attachment.original_name},
    )
    return back_to(app)


def download(request, code: str, pk: int):
    app = access_application_by_code(request.user, code)
    attachment = app.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


# ---------- review, payment, evaluation ----------


@require_POST
def assign(request, code: str):
    app = access_application_by_code(request.user, code)
    choices = [(str(r["expert"].pk), r["expert"].username) for r in services.experts_for(app)]
    form = ExpertsForm(request.POST, choices=choices)
    if not form.is_valid():
        form_errors(request, form)
        return back_to(app)
    if form.cleaned_data["version"] != app.version:
        messages.error(request, _concurrent(app))
        return back_to(app)
    experts = list(User.objects.filter(pk__in=form.cleaned_data["experts"], role=Role.EXPERT))
    attempt(
        request,
        lambda: services.assign_experts(app, experts, request.user),
        success=_("The experts have been assigned."),
    )
    return back_to(app)


def _concurrent(app) -> str:
    # The pages check the version themselves where the service takes none (assignment, evaluation).
    return pgettext(
        "application page",
        "The application %(code)s has been changed by someone else: reload the page and try again.",
    ) % {"code": app.code}


@require_POST
def pay(request, code: str):
    app = access_application_by_code(request.user, code)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back_to(app)
    f = form.cleaned_data
    attempt(
        request,
        lambda: services.pay(
            app,
            f["amount"],
            f["paid_on"],
            request.user,
            reference=f["reference"],
            final=f["final"],
            expected_version=f["version"],
        ),
        success=_("The instalment has been recorded."),
    )
    return back_to(app)


@require_POST
def evaluate(request, code: str):
    app = access_application_by_code(request.user, code)
    form = EvaluationForm(request.POST, targets=app.targets)
    if not form.is_valid():
        form_errors(request, form)
        return back_to(app)
    if form.cleaned_data["version"] != app.version:
        messages.error(request, _concurrent(app))
        return back_to(app)
    f = form.cleaned_data
    attempt(
        request,
        lambda: services.evaluate(
            app,
            form.outcomes(),
            request.user,
            follow_up=f["follow_up"],
            recovered_amount=f["recovered_amount"] or 0,
            note=f["note"],
        ),
        success=_("The performance evaluation has been recorded: the project can now be closed."),
    )
    return back_to(app)
