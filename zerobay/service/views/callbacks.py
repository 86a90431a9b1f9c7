"""The monthly call-back sample: draw it, record each call."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import load_or_404, role_required
from zerobay.web.pagination import paginate
from zerobay.web.refusals import refusal_text

from .. import access
from ..models import CallBack, Rating
from ..services import callbacks


def _month(text: str | None) -> datetime.date:
    """YYYY-MM, default the month before this one (the one to call back now)."""
    try:
        year, month = (int(x) for x in (text or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


@role_required(access.can_see_key_enterprises)
def callback_list(request):
    month = _month(request.GET.get("month"))
    qs = access.staff_scope(request.user, CallBack.objects.filter(month=month))
    summary = qs.aggregate(
        sampled=Count("id"),
        called=Count("id", filter=Q(called_on__isnull=False)),
        reached=Count("id", filter=Q(reached=True)),
        satisfied=Count("id", filter=Q(rating__in=(Rating.SATISFIED, Rating.FAIRLY))),
    )
    qs = qs.select_related("request__enterprise", "request__unit", "called_by").order_by("request_id")
    return render(
        request,
        "service/callback_list.html",
        {
            "month": month,
            "previous": (month - datetime.timedelta(days=1)).replace(day=1),
            "next": (month + datetime.timedelta(days=32)).replace(day=1),
            "summary": summary,
            "page_obj": paginate(request, qs, 50),
            "ratings": Rating.choices,
            "can_manage": access.can_manage_key_enterprises(request.user),
            "can_dashboard": True,
            "can_raise": access.can_raise_request(request.user),
        },
    )


@require_POST
@role_required(access.can_manage_key_enterprises)
def callback_draw(request):
    month = _month(request.POST.get("month"))
    sample = callbacks.draw_sample(month, user=request.user)
    messages.success(
        request, _("{n} requests to call back in {month}.").format(n=len(sample), month=f"{month:%Y-%m}")
    )
    return redirect(f"{_list_url()}?month={month:%Y-%m}")


@require_POST
@role_required(access.can_manage_key_enterprises)
def callback_record(request, pk: int):
    callback = load_or_404(
        access.staff_scope(request.user, CallBack.objects.select_related("request")), pk=pk
    )
    try:
        callbacks.record(
            callback,
            user=request.user,
            day=timezone.localdate(),
            reached=request.POST.get("reached") == "yes",
            rating=request.POST.get("rating", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    return redirect(f"{_list_url()}?month={callback.month:%Y-%m}")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("service-callbacks")
