"""Key enterprises (the rule's selection, hand changes, officers) and visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import load_or_404, role_required
from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise
from zerobay.web.pagination import paginate
from zerobay.web.refusals import refusal_text

from .. import access
from ..forms import KeyChangeForm, VisitForm
from ..models import KeyEnterprise, Visit
from ..services import key

PER_PAGE = 30


def officers():
    return User.objects.filter(is_active=True, role__in=(Role.DISTRICT_ADMIN, Role.OPERATOR)).order_by(
        "username"
    )


@role_required(access.can_see_key_enterprises)
def key_list(request):
    qs = access.staff_scope(request.user, KeyEnterprise.objects.all()).select_related("enterprise", "officer")
    shown = request.GET.get("show", "key")
    if shown == "key":
        qs = qs.filter(is_key=True)
    elif shown == "manual":
        qs = qs.exclude(manual="")
    page = paginate(request, qs.order_by("enterprise__name", "pk"), PER_PAGE)
    key.count_service(page.object_list)
    return render(
        request,
        "service/key_list.html",
        {
            "page_obj": page,
            "shown": shown,
            "rule": key.rule(),
            "can_manage": access.can_manage_key_enterprises(request.user),
            "officers": officers() if access.can_manage_key_enterprises(request.user) else [],
            "can_dashboard": True,
            "can_raise": access.can_raise_request(request.user),
        },
    )


@require_POST
@role_required(access.can_manage_key_enterprises)
def key_refresh(request):
    counts = key.refresh(timezone.localdate(), user=request.user)
    messages.success(
        request,
        _("The rule selects {n} enterprises; {k} key enterprises in all.").format(
            n=counts["selected_by_rule"], k=counts["key"]
        ),
    )
    return redirect("service-key")


@require_POST
@role_required(access.can_manage_key_enterprises)
def key_change(request, uscc: str):
    enterprise = load_or_404(Enterprise.objects.all(), uscc=uscc)
    form = KeyChangeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        c = form.cleaned_data
        if c["change"] == "officer":
            row = load_or_404(KeyEnterprise.objects.all(), enterprise=enterprise)
            officer = officers().filter(username=c["officer"]).first() if c["officer"] else None
            key.assign_officer(row, officer, user=request.user)
        else:
            key.set_by_hand(enterprise, add=c["change"] == "add", reason=c["reason"], user=request.user)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, _("{name}: saved.").format(name=enterprise.name))
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/") else "service-key"
    )


@role_required(access.can_see_key_enterprises)
def visit_list(request):
    qs = access.staff_scope(request.user, Visit.objects.all()).select_related("enterprise")
    qs = qs.annotate(raised=Count("requests")).prefetch_related("units")
    return render(
        request,
        "service/visit_list.html",
        {
            "page_obj": paginate(request, qs, PER_PAGE),
            "can_manage": access.can_manage_key_enterprises(request.user),
            "can_dashboard": True,
            "can_raise": access.can_raise_request(request.user),
        },
    )


@role_required(access.can_manage_key_enterprises)
def visit_new(request):
    form = VisitForm(
        request.POST or None, initial={"day": timezone.localdate(), "enterprise": request.GET.get("uscc", "")}
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            visit = key.record_visit(
                enterprise=c["enterprise"],
                day=c["day"],
                visitors=c["visitors"],
                notes=c["notes"],
                units=c["units"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, refusal_text(exc))
        else:
            messages.success(
                request, _("The visit has been recorded; raise the requests the enterprise made.")
            )
            return redirect(f"{_new_request_url()}?visit={visit.pk}")
    return render(request, "service/visit_form.html", {"form": form})


def _new_request_url() -> str:
    from django.urls import reverse

    return reverse("service-request-new")
