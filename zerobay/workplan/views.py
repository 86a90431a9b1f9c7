"""Pages of the key tasks: the task list, a task, the liaison's weekly update, the weekly meeting and
the wall chart. Thin: parse, check access, call a service, render."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import role_required
from zerobay.registry.models import Unit
from zerobay.web.pagination import paginate

from . import assessment, dispatch, exports, importing, links, milestones
from . import board as boards
from .access import (
    access_decision_by_pk,
    access_editable_task_by_pk,
    access_list_by_pk,
    access_milestone_by_pk,
    access_task_by_pk,
    can_file_update_on,
    can_file_updates,
    can_manage_workplan,
    can_read_all_tasks,
    can_see_key_tasks,
    visible_lists,
    visible_tasks,
)
from .forms import CloseForm, DecisionForm, ImportForm, LeadershipForm, LinkForm, MilestoneForm, UpdateForm
from .models import Status, WeeklyUpdate
from .services import ensure_fresh, filter_tasks, states, task_detail, with_details
from .status import ORDER, TONES, rule_text

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen_list(request):
    """The list asked for (?list=ID), else the latest the user may see; None when there is none."""
    pk = request.GET.get("list")
    if pk:
        return access_list_by_pk(request.user, pk)
    return visible_lists(request.user).order_by("-year", "-id").first()


def _filters(request, task_list):
    tasks = visible_tasks(request.user).filter(task_list=task_list)
    chosen = {k: request.GET.get(k, "") for k in ("unit", "category", "status")}
    units = Unit.objects.filter(led_tasks__in=tasks).distinct().order_by("sort", "code")
    categories = list(
        tasks.exclude(category="").order_by("sort").values_list("category", flat=True).distinct()
    )
    categories = list(dict.fromkeys(categories))
    return tasks, chosen, units, categories


@role_required(can_see_key_tasks)
def task_list(request):
    task_list = _chosen_list(request)
    context: dict = {
        "task_list": task_list,
        "lists": visible_lists(request.user),
        "rule": rule_text(),
        "can_import": bool(can_manage_workplan(request.user)),
    }
    if task_list is not None:
        ensure_fresh(task_list)
        tasks, chosen, units, categories = _filters(request, task_list)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(exports.tasks_xlsx(filter_tasks(tasks, **chosen)), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="tasks-{task_list.year}.xlsx"'
            return response
        page = paginate(request, with_details(filter_tasks(tasks, **chosen)), PAGE_SIZE)
        context |= {
            "page": page,
            "rows": states(page.object_list),
            "chosen": chosen,
            "units": [(str(u.pk), str(u)) for u in units],
            "categories": [(c, c) for c in categories],
            "statuses": [(s.value, s.label) for s in ORDER],
            "counts": boards.status_counts(tasks),
        }
    return render(request, "workplan/task_list.html", context)


@role_required(can_see_key_tasks)
def task_page(request, pk: int):
    task = access_task_by_pk(request.user, pk)
    context = task_detail(task)
    staff = bool(can_manage_workplan(request.user))
    context |= {
        "rule": rule_text(),
        "staff": staff,
        "milestone_form": MilestoneForm() if staff else None,
        "link_form": LinkForm() if staff else None,
        "can_update": bool(can_file_update_on(request.user, task)),
        "week": dispatch.iso_week(dispatch.parse_week(None)),
    }
    return render(request, "workplan/task_detail.html", context)


@require_POST
@role_required(can_manage_workplan)
def milestone_add(request, pk: int):
    task = access_task_by_pk(request.user, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        milestones.add_milestone(
            request.user, task, form.cleaned_data["due"], form.cleaned_data["deliverable"]
        )
        messages.success(request, _("Milestone added."))
    else:
        messages.error(request, _("The milestone was not added: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("workplan-task", pk=task.pk)


@require_POST
@role_required(can_manage_workplan)
def link_add(request, pk: int):
    task = access_task_by_pk(request.user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            links.add_link(request.user, task, form.cleaned_data["kind"], form.cleaned_data["key"])
            messages.success(request, _("Link added."))
        except links.LinkRefused as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("The link was not added: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("workplan-task", pk=task.pk)


@require_POST
@role_required(can_manage_workplan)
def remind_units(request):
    week = dispatch.parse_week(request.POST.get("week"))
    missing = dispatch.remind(week, visible_tasks(request.user))
    messages.success(request, _("Reminded %(n)s units of their missing updates.") % {"n": len(missing)})
    return redirect(f"{_meeting_url()}?week={dispatch.iso_week(week)}")


@require_POST
@role_required(can_manage_workplan)
def milestone_mark(request, pk: int):
    milestone = access_milestone_by_pk(request.user, pk)
    action = request.POST.get("action", "")
    if action not in milestones.ACTIONS:
        raise Http404("no such action")
    milestones.mark_milestone(request.user, milestone, action)
    messages.success(request, _("Milestone updated."))
    return redirect("workplan-task", pk=milestone.task_id)


def _form_errors(form) -> str:
    return "；".join(
        f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields
    )


@role_required(can_file_updates)
def update_form(request, pk: int):
    task = access_editable_task_by_pk(request.user, pk)
    week = dispatch.parse_week(request.POST.get("week") or request.GET.get("week"))
    existing = WeeklyUpdate.objects.filter(task=task, unit_id=request.user.unit_id, week=week).first()
    if request.method == "POST":
        form = UpdateForm(request.POST)
        if form.is_valid():
            _update, created = dispatch.file_update(request.user, task, week, form.cleaned_data)
            messages.success(
                request,
                (_("Update for %(week)s filed.") if created else _("Update for %(week)s corrected."))
                % {"week": dispatch.iso_week(week)},
            )
            return redirect("workplan-task", pk=task.pk)
    else:
        initial = (
            {f: getattr(existing, f) for f in UpdateForm.base_fields}
            if existing
            else {"declared_status": task.status if task.status != Status.DONE else Status.GREEN}
        )
        form = UpdateForm(initial=initial)
    return render(
        request,
        "workplan/update_form.html",
        {
            "task": task,
            "form": form,
            "week": dispatch.iso_week(week),
            "deadline": dispatch.deadline_of(week),
            "existing": existing,
        },
    )


@role_required(can_read_all_tasks)
def meeting(request):
    week = dispatch.parse_week(request.GET.get("week"))
    tasks = visible_tasks(request.user)
    for task_list in visible_lists(request.user).filter(year=week.year):
        ensure_fresh(task_list)
    staff = bool(can_manage_workplan(request.user))
    week_later = week + datetime.timedelta(days=7)
    form = (
        DecisionForm(tasks=tasks.order_by("task_list", "sort"), initial={"due": week_later})
        if staff
        else None
    )
    return render(
        request,
        "workplan/meeting.html",
        {
            "agenda": dispatch.agenda(tasks, week),
            "week": dispatch.iso_week(week),
            "previous": dispatch.iso_week(week - datetime.timedelta(days=7)),
            "next": dispatch.iso_week(week_later),
            "form": form,
            "close_form": CloseForm() if staff else None,
            "staff": staff,
        },
    )


@require_POST
@role_required(can_manage_workplan)
def decision_add(request):
    week = dispatch.parse_week(request.POST.get("week"))
    form = DecisionForm(request.POST, tasks=visible_tasks(request.user))
    if form.is_valid():
        dispatch.record_decision(request.user, week, form.cleaned_data)
        messages.success(request, _("Decision recorded."))
    else:
        errors = "；".join(
            f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields
        )
        messages.error(request, _("The decision was not recorded: %(errors)s") % {"errors": errors})
    return redirect(f"{_meeting_url()}?week={dispatch.iso_week(week)}")


@require_POST
@role_required(can_manage_workplan)
def decision_close(request, pk: int):
    decision = access_decision_by_pk(request.user, pk)
    if decision.closed_on is not None:
        raise Http404("already closed")
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    dispatch.close_decision(request.user, decision, note)
    messages.success(request, _("Decision closed."))
    return redirect(f"{_meeting_url()}?week={request.POST.get('week', '')}")


def _meeting_url() -> str:
    return reverse("workplan-meeting")


@role_required(can_see_key_tasks)
def board(request):
    task_list = _chosen_list(request)
    context: dict = {
        "task_list": task_list,
        "lists": visible_lists(request.user),
        "rule": rule_text(),
        "tones": TONES,
    }
    if task_list is not None:
        ensure_fresh(task_list)
        tasks, chosen, units, categories = _filters(request, task_list)
        context |= boards.build(filter_tasks(tasks, **chosen), task_list)
        context |= {
            "chosen": chosen,
            "units": [(str(u.pk), str(u)) for u in units],
            "categories": [(c, c) for c in categories],
            "statuses": [(s.value, s.label) for s in ORDER],
        }
    return render(request, "workplan/board.html", context)


def _quarter(request) -> assessment.Quarter:
    try:
        return assessment.Quarter.parse(request.GET.get("quarter") or request.POST.get("quarter") or "")
    except ValueError:
        return assessment.Quarter.of(timezone.localdate())


@role_required(can_see_key_tasks)
def assessment_page(request):
    """Every unit's score for staff and leadership; a liaison sees its own unit's breakdown only."""
    quarter = _quarter(request)
    everyone = bool(can_read_all_tasks(request.user))
    result = assessment.assess(quarter, unit_id=None if everyone else request.user.unit_id)
    if request.GET.get("format") == "xlsx" and everyone:
        response = HttpResponse(assessment.xlsx_bytes(result), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="assessment-{quarter}.xlsx"'
        return response
    staff = bool(can_manage_workplan(request.user))
    return render(
        request,
        "workplan/assessment.html",
        {
            "result": result,
            "quarter": quarter,
            "previous": assessment.Quarter.of(quarter.start - datetime.timedelta(days=1)),
            "next": assessment.Quarter.of(quarter.end + datetime.timedelta(days=1)),
            "everyone": everyone,
            "form": LeadershipForm(initial={"quarter": str(quarter)}) if staff else None,
        },
    )


@require_POST
@role_required(can_manage_workplan)
def leadership_score(request):
    form = LeadershipForm(request.POST)
    if form.is_valid():
        quarter = assessment.Quarter.parse(form.cleaned_data["quarter"])
        data = form.cleaned_data
        assessment.enter_leadership_score(request.user, data["unit"], quarter, data["score"], data["note"])
        messages.success(request, _("Leadership evaluation recorded."))
        return redirect(f"{reverse('workplan-assessment')}?quarter={quarter}")
    messages.error(request, _("The evaluation was not recorded: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("workplan-assessment")


@role_required(can_manage_workplan)
def import_page(request):
    """Staff import a task list from the office's workbook: the same report as the command line."""
    report = task_list = None
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task_list, report = importing.import_upload(
            data["file"],
            year=data["year"],
            list_name=data["list_name"] or None,
            user=request.user,
            dry_run=data["dry_run"],
            skip_invalid=data["skip_invalid"],
        )
    return render(request, "workplan/import.html", {"form": form, "report": report, "task_list": task_list})
