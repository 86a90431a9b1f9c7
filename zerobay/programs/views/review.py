"""The expert's pages (assignments, score sheet, declared conflicts) and the ranking of a call."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zerobay.access import role_required
from zerobay.registry.models import Enterprise

from .. import services
from ..forms import ConflictForm, score_form
from ..models import Call, ConflictOfInterest
from .common import attempt, can_review, can_view_district_work


@role_required(can_review)
def assignments(request):
    mine = services.my_assignments(request.user).order_by("submitted_at", "-assigned_at")
    return render(
        request,
        "programs/assignments.html",
        {
            "pending": [a for a in mine if a.submitted_at is None],
            "done": [a for a in mine if a.submitted_at is not None],
        },
    )


@role_required(can_review)
def score_sheet(request, pk: int):
    """The score sheet of one assignment: only the assigned expert, never on a conflicted enterprise
    (my_assignments leaves those out, so they are a 404)."""
    assignment = get_object_or_404(services.my_assignments(request.user), pk=pk)
    app = assignment.application
    criteria = list(app.call.criteria.all())
    form = score_form(criteria, request.POST or None)
    if request.method == "POST" and assignment.submitted_at is None and form.is_valid():
        scores = {c.code: form.cleaned_data[f"c_{c.pk}"] for c in criteria}
        _sheet, ok = attempt(
            request,
            lambda: services.submit_scores(assignment, scores, form.cleaned_data["opinion"], request.user),
            success=_("Your score sheet has been submitted."),
        )
        if ok:
            return redirect("programs-assignments")
    submitted = {s.criterion_id: s.score for s in assignment.scores.all()}
    return render(
        request,
        "programs/score_sheet.html",
        {
            "assignment": assignment,
            "app": app,
            "form": form,
            "criteria_fields": [form[f"c_{c.pk}"] for c in criteria],
            "submitted": [(c, submitted.get(c.pk)) for c in criteria],
            "attachments": list(app.attachments.all()),
        },
    )


@role_required(can_review)
def conflicts(request):
    """The expert's declared ties to enterprises, and the form to declare one."""
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enterprise = Enterprise.objects.filter(uscc=form.cleaned_data["uscc"].strip().upper()).first()
        if enterprise is None:
            form.add_error("uscc", _("No enterprise has this code in the register."))
        else:
            _c, ok = attempt(
                request,
                lambda: services.declare_conflict(request.user, enterprise, form.cleaned_data["reason"]),
                success=_("The conflict of interest has been declared: you will not review this enterprise."),
            )
            if ok:
                return redirect("programs-conflicts")
    declared = ConflictOfInterest.objects.filter(expert=request.user).select_related("enterprise")
    return render(request, "programs/conflicts.html", {"form": form, "declared": declared})


@role_required(can_view_district_work)
def ranking(request, code: str):
    """The applications of a call by mean weighted score, with the experts' opinions (within the
    user's scope)."""
    call = get_object_or_404(Call, code=code)
    visible = set(services.visible_applications(request.user).filter(call=call).values_list("pk", flat=True))
    rows = [r for r in services.ranking(call) if r["application"].pk in visible]
    if not rows and not visible:
        messages.info(request, _("No application of this call is in your scope."))
    return render(request, "programs/ranking.html", {"call": call, "rows": rows})
