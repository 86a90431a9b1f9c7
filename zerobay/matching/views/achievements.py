"""An achievement's page, its editing and its publishing steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import require
from zerobay.registry.access import visible_enterprises
from zerobay.web.refusals import refusal_text

from .. import access, editing, ranking, workflow
from ..forms import (
    AchievementForm,
)
from ..models import Achievement
from .listings import ranked


@login_not_required
def achievement_detail(request, code: str):
    a = access.access_achievement_by_code(
        request.user, code, Achievement.objects.select_related("field", "track")
    )
    context = {
        "a": a,
        "actions": [(x, workflow.ACTION_LABELS[x]) for x in workflow.achievement_actions(request.user, a)],
        "can_edit": access.can_edit_achievement(request.user, a),
        "interested": request.user.is_authenticated and a.interests.filter(user=request.user).exists(),
        "can_express": request.user.is_authenticated
        and not access.is_hall_staff(request.user)
        and a.status == Achievement.Status.PUBLISHED,
    }
    if access.is_hall_staff(request.user):
        context["demand_hits"] = ranked(
            access.public_demands(), ranking.demands_for_achievement(a, access.public_demands(), top=10)
        )
        context["enterprise_fits"] = ranking.enterprises_for_achievement(
            a, visible_enterprises(request.user), today=timezone.localdate(), top=10
        )
        context["matches"] = a.matches.select_related("demand").order_by("-score")
        context["interests"] = a.interests.select_related("user", "enterprise")
    return render(request, "matching/achievement_detail.html", context)


def achievement_edit(request, code: str | None = None):
    if code is None:
        if not (access.can_review(request.user) or access.own_enterprise_id(request.user)):
            raise Http404("not found")
        instance = None
    else:
        instance = access.access_achievement_by_code(request.user, code)
        require(access.can_edit_achievement(request.user, instance))
    form = AchievementForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        a = editing.save_achievement(form, user=request.user)
        messages.success(request, _("The achievement has been saved."))
        return redirect("hall-achievement", code=a.code)
    return render(request, "matching/achievement_form.html", {"form": form, "a": instance})


@require_POST
def achievement_move(request, code: str):
    a = access.access_achievement_by_code(request.user, code)
    try:
        workflow.move_achievement(
            a, request.POST.get("action", ""), user=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, _("Done: %(status)s") % {"status": a.get_status_display()})
    return redirect("hall-achievement", code=a.code)
