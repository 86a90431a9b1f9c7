"""Calls and clauses, the eligibility check, and the enterprise's application form."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts.models import Role

from .. import services
from ..forms import ApplicationForm, targets_text
from ..models import Call, Clause, Invitation
from ..services.access import access_application_by_code
from ..workflow import State
from .common import attempt

CONDITION_KINDS = services.CONDITION_KINDS


def home(request):
    """The programmes' front page, by role: open calls for everyone; the enterprise's own
    applications and invitations; the staff's work waiting; the expert's pending sheets."""
    user = request.user
    today = timezone.localdate()
    context = {
        "open_calls": services.open_calls(today).annotate(n_clauses=Count("clauses")),
        "past_calls": Call.objects.filter(closes_on__lt=today).select_related("policy")[:6],
    }
    if user.role == Role.ENTERPRISE:
        context["mine"] = services.visible_applications(user).select_related("call", "clause")[:10]
        context["invitations"] = Invitation.objects.filter(enterprise_id=user.enterprise_id).select_related(
            "clause"
        )
    elif user.role == Role.EXPERT:
        context["pending_sheets"] = services.my_assignments(user).filter(submitted_at__isnull=True).count()
    elif user.sees_district_data:
        apps = services.visible_applications(user)
        context["waiting"] = {
            "check": apps.filter(state=State.SUBMITTED).count(),
            "review": apps.filter(state=State.IN_REVIEW).count(),
            "propose": apps.filter(state=State.REVIEWED).count(),
            "pay": apps.filter(state__in=(State.APPROVED, State.PAYING)).count(),
        }
    context["can_manage"] = services.can_manage(user)
    return render(request, "programs/home.html", context)


def call_detail(request, code: str):
    call = get_object_or_404(Call.objects.select_related("policy"), code=code)
    today = timezone.localdate()
    clauses = list(call.clauses.select_related("track"))
    for clause in clauses:
        clause.condition_labels = [_condition_text(c) for c in clause.conditions]
    mine = {}
    if request.user.role == Role.ENTERPRISE:
        for app in (
            services.visible_applications(request.user).filter(call=call).exclude(state=State.WITHDRAWN)
        ):
            mine[app.clause_id] = app
    for clause in clauses:
        clause.my_application = mine.get(clause.pk)
    apps = services.visible_applications(request.user).filter(call=call)
    return render(
        request,
        "programs/call_detail.html",
        {
            "call": call,
            "clauses": clauses,
            "is_open": call.opens_on <= today <= call.closes_on,
            "is_enterprise": request.user.role == Role.ENTERPRISE,
            "staff": request.user.sees_district_data,
            "counts": apps.aggregate(
                total=Count("pk", filter=~Q(state=State.DRAFT)),
                waiting=Count("pk", filter=Q(state=State.SUBMITTED)),
            )
            if request.user.sees_district_data
            else None,
            "usage": services.budget_usage(call=call) if request.user.sees_district_data else None,
        },
    )


def _condition_text(condition: dict) -> str:
    kind = condition.get("kind", "")
    return condition.get("label") or CONDITION_KINDS.get(kind, kind)


def clause_detail(request, code: str):
    """The clause with its conditions; an enterprise user sees each condition checked against its
    own enterprise (met or not, and why)."""
    clause = get_object_or_404(Clause.objects.select_related("policy", "track"), code=code)
    today = timezone.localdate()
    result = None
    if request.user.role == Role.ENTERPRISE and request.user.enterprise_id:
        result = services.check(clause, request.user.enterprise, today)
    open_calls = services.open_calls(today).filter(clauses=clause)
    return render(
        request,
        "programs/clause_detail.html",
        {
            "clause": clause,
            "conditions": result.conditions if result else [_describe(c) for c in clause.conditions],
            "eligibility": result,
            "open_calls": open_calls,
            "can_manage": services.can_manage(request.user),
            "is_enterprise": request.user.role == Role.ENTERPRISE,
        },
    )


def _describe(condition: dict) -> dict:
    return {"kind": condition.get("kind"), "label": _condition_text(condition), "met": None, "message": ""}


# ---------- the enterprise's application -------------------------------------------------------


def apply(request, call_code: str, clause_code: str):
    call = get_object_or_404(Call, code=call_code)
    clause = get_object_or_404(call.clauses, code=clause_code)
    if request.user.role != Role.ENTERPRISE:
        raise Http404("Only enterprise users apply")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        app, ok = attempt(
            request,
            lambda: services.create_application(request.user, call, clause, **form.cleaned_data),
            success=_("The draft application has been saved: attach the materials, then submit it."),
        )
        if ok:
            return redirect("programs-application", code=app.code)
    eligibility = services.check(clause, request.user.enterprise, timezone.localdate())
    return render(
        request,
        "programs/application_form.html",
        {"form": form, "call": call, "clause": clause, "eligibility": eligibility},
    )


def edit(request, code: str):
    app = access_application_by_code(request.user, code)
    if "enterprise" not in services.actor_roles(request.user, app):
        raise Http404("Not the applicant")
    initial = {
        "title": app.title,
        "summary": app.summary,
        "requested_amount": app.requested_amount / 10_000,
        "project_start": app.project_start,
        "project_end": app.project_end,
        "contact": app.contact,
        "targets": targets_text(app.targets),
    }
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = request.POST.get("version")
        _app, ok = attempt(
            request,
            lambda: services.update_draft(
                request.user,
                app,
                int(version) if version and version.isdigit() else None,
                **form.cleaned_data,
            ),
            success=_("The application has been saved."),
        )
        if ok:
            return redirect("programs-application", code=app.code)
    return render(
        request,
        "programs/application_form.html",
        {"form": form, "call": app.call, "clause": app.clause, "application": app},
    )
