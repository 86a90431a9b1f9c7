"""Pages of the monthly reporting chase (营收报库) and of 升规纳统. Every page works on the enterprises
the user may see (registry.access.visible_enterprises); enterprise users and experts have no access."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zerobay.access import require, role_required
from zerobay.accounts.scope import scope_path
from zerobay.registry.access import access_enterprise_by_uscc, can_edit_enterprise, visible_enterprises
from zerobay.statistics import completeness as svc
from zerobay.statistics.models import ReportingDuty
from zerobay.statistics.periods import Period, PeriodType
from zerobay.web.pagination import paginate
from zerobay.web.versions import per_version

from .. import charts, upscale
from ..access import can_follow_reporting, can_see_own_reporting, can_send_reminders, can_set_deadlines
from ..exports import table_xlsx_response
from . import months as chase
from . import paged
from .own import own_months
from .reminders import reminded_on, send_reminders
from .versions import chase_stamp

PER_PAGE = 50


def _period(request, name: str = "period") -> Period:
    text = (request.POST if request.method == "POST" else request.GET).get(name, "")
    if text:
        try:
            return svc.month_period(text)
        except ValueError as exc:
            messages.error(request, str(exc))
    return chase.default_period()


# ---------------------------------------------------------------------------- the month


@role_required(can_follow_reporting)
def reporting_chase(request):
    period = _period(request)
    parts = (chase_stamp(timezone.localdate()), scope_path(request.user), period)

    def compute():
        return svc.completeness(period, visible_enterprises(request.user))

    status, subpark, q = (request.GET.get(k, "") for k in ("status", "subpark", "q"))
    status = status if status in svc.STATUS_LABELS else ""
    if q.strip() or request.GET.get("format") == "xlsx":  # a search or the download: the whole month
        result = per_version("chase:month", parts, compute)
        rows = chase.filtered_rows(result, status=status, subpark=subpark, q=q)
        days = svc.daily_progress(result)
    else:  # the usual page: its own chunk of rows (paged.py)
        summary, rows = paged.month(parts, compute, status, subpark)
        result, days = summary.result, summary.days
    if request.GET.get("format") == "xlsx":
        reminded = reminded_on(result)
        return table_xlsx_response(
            f"营收报库-{period}.xlsx", str(period), chase.XLSX_HEADER, chase.xlsx_rows(rows, reminded)
        )
    page = paginate(request, rows, PER_PAGE)
    reminded = reminded_on(result, enterprise_ids=[r.enterprise_id for r in page.object_list])
    for r in page.object_list:
        r.reminded_at = reminded.get(r.enterprise_id)
    today = timezone.localdate()
    return render(
        request,
        "cultivation/chase/month.html",
        {
            "period": period,
            "result": result,
            "total": result.total,
            "page_obj": page,
            "days": days,
            "chart": charts.daily_progress(days, result.deadline),
            "chase_from": result.deadline - datetime.timedelta(days=svc.CHASE_DAYS),
            "days_left": (result.deadline - today).days,
            "days_over": (today - result.deadline).days,
            "months": chase.month_choices(max(period, chase.default_period())),
            "statuses": svc.STATUS_LABELS,
            "filters": {"status": status, "subpark": subpark, "q": q},
            "can_remind": request.user.can_import and result.total.missing > 0,
        },
    )


@require_POST
@role_required(can_send_reminders)
def reporting_remind(request):
    period = _period(request)
    result = svc.completeness(period, visible_enterprises(request.user))
    link = reverse("reporting-mine") + f"?period={period}"  # the enterprise's own page, not the chase
    outcome = send_reminders(result, user=request.user, link=link)
    messages.success(
        request,
        _(
            "Reminded %(reminded)d enterprises (%(notifications)d in-app notifications, %(emails)d e-mails); "
            "%(skipped)d already reminded today; %(unreachable)d without any contact."
        )
        % {
            "reminded": outcome.reminded,
            "notifications": outcome.notifications,
            "emails": outcome.emails,
            "skipped": outcome.skipped,
            "unreachable": len(outcome.unreachable),
        },
    )
    return redirect(f"{reverse('reporting-chase')}?period={period}&status=missing")


# ---------------------------------------------------------------------------- calendar and history


class DeadlineForm(forms.Form):
    period = forms.CharField(label=gettext_lazy("Month"), max_length=7)
    deadline = forms.DateField(label=gettext_lazy("Deadline"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def clean_period(self):
        try:
            return svc.month_period(self.cleaned_data["period"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


@role_required(can_follow_reporting)
def reporting_calendar(request):
    if request.method == "POST":
        require(can_set_deadlines(request.user))
        form = DeadlineForm(request.POST)
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                svc.set_deadline(
                    period, form.cleaned_data["deadline"], user=request.user, note=form.cleaned_data["note"]
                )
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Deadline of %(period)s saved.") % {"period": period})
            return redirect(f"{reverse('reporting-calendar')}?year={period.year}")
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    try:
        year = int(request.GET.get("year") or chase.default_period().year)
        months = svc.year_calendar(year)
    except ValueError:
        year, months = timezone.localdate().year, svc.year_calendar(timezone.localdate().year)
    return render(
        request,
        "cultivation/chase/calendar.html",
        {
            "year": year,
            "months": months,
            "default_day": svc.default_deadline(Period(year, PeriodType.MONTH, 1)).day,
            "can_edit": request.user.is_district_admin,
        },
    )


@role_required(can_follow_reporting)
def reporting_history(request):
    end = _period(request, "end")
    parts = (chase_stamp(timezone.localdate()), scope_path(request.user), end)
    history = paged.history(parts, end, visible_enterprises(request.user))
    rows = [
        {"name": s["name"], "cells": [None if r is None else round(r * 100, 1) for r in s["rates"]]}
        for s in history["series"]
    ]
    total = [None if r is None else round(r * 100, 1) for r in history["total"]]
    return render(
        request,
        "cultivation/chase/history.html",
        {
            "end": end,
            "periods": history["periods"],
            "rows": rows,
            "total": total,
            "chart": charts.on_time_history(history["periods"], rows, total),
            "months": chase.month_choices(max(end, chase.default_period())),
        },
    )


# ---------------------------------------------------------------------------- one enterprise's duty


class DutyForm(forms.ModelForm):
    class Meta:
        model = ReportingDuty
        fields = ["duty", "reason", "contact_name", "contact_phone", "contact_email"]


@role_required(can_follow_reporting)
def reporting_duty(request, uscc: str):
    enterprise = access_enterprise_by_uscc(request.user, uscc)
    require(can_edit_enterprise(request.user, enterprise))
    duty = ReportingDuty.objects.filter(enterprise=enterprise, form=svc.MONTHLY).first()
    form = DutyForm(request.POST or None, instance=duty)
    if request.method == "POST" and form.is_valid():
        svc.set_duty(enterprise, user=request.user, **form.cleaned_data)
        messages.success(request, _("Reporting duty of %(name)s saved.") % {"name": enterprise.name})
        return redirect(request.POST.get("next") or reverse("reporting-chase"))
    return render(
        request,
        "cultivation/chase/duty.html",
        {"enterprise": enterprise, "form": form, "next": request.GET.get("next", "")},
    )


@role_required(can_see_own_reporting)
def reporting_mine(request):
    """The enterprise's own months: what was due when, what arrived, and how to report."""
    enterprise = request.user.enterprise
    months = own_months(enterprise, timezone.localdate())
    duty = ReportingDuty.objects.filter(enterprise=enterprise, form=svc.MONTHLY).first()
    return render(
        request,
        "cultivation/chase/mine.html",
        {"enterprise": enterprise, "months": months, "duty": duty, "asked": request.GET.get("period", "")},
    )


# ---------------------------------------------------------------------------- 升规纳统


@role_required(can_follow_reporting)
def upscale_candidates(request):
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    parts = (scope_path(request.user), year)

    def compute():
        return upscale.candidates(visible_enterprises(request.user), year=year)

    status, subpark, q = (request.GET.get(k, "") for k in ("status", "subpark", "q"))
    status = status if status in upscale.STATUS_LABELS else ""
    summary, items = paged.candidates(parts, compute, status, subpark)
    year = year or upscale.latest_year()
    if (q := q.strip()) or request.GET.get("format") == "xlsx":  # a search or the download: every item
        items = [c for c in items[0 : len(items)] if not q or q in c.name or q.upper() in c.uscc]
    if request.GET.get("format") == "xlsx":
        return table_xlsx_response(
            f"升规纳统-{year}.xlsx", str(year), upscale.XLSX_HEADER, upscale.xlsx_rows(items)
        )
    counts, subparks = summary["counts"], summary["subparks"]
    return render(
        request,
        "cultivation/chase/upscale.html",
        {
            "year": year,
            "page_obj": paginate(request, items, PER_PAGE),
            "counts": [(s, label, counts[s]) for s, label in upscale.STATUS_LABELS.items()],
            "statuses": upscale.STATUS_LABELS,
            "subparks": subparks,
            "filters": {"status": status, "subpark": subpark, "q": q},
        },
    )
