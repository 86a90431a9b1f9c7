"""Expert review: conflicts of interest, assignment, score sheets, aggregated scores and ranking.

No expert is assigned to, sees or scores an application of an enterprise they are tied to (a declared
conflict or their affiliation). When the last sheet of an application is in, the platform completes
its review: the score is the mean of the experts' weighted totals, and the applications of the call
are ranked by it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts.audit import record
from zerobay.accounts.models import Role, User
from zerobay.accounts.notifications import notify

from ..models import Application, Call, ConflictOfInterest, ExpertProfile, ReviewAssignment, Score
from ..workflow import IllegalTransition, State
from .access import actor_roles, conflicted_enterprise_ids
from .applications import application_link, lock, move
from .errors import ProgramError
from .money import number

CENT = Decimal("0.01")


def declare_conflict(expert_user, enterprise, reason: str) -> ConflictOfInterest:
    if expert_user.role != Role.EXPERT:
        raise ProgramError(_("Only review experts can declare a conflict of interest."))
    reason = (reason or "").strip()
    if not reason:
        raise ProgramError(
            _("Give the reason of the conflict of interest (employment, shareholding, family, cooperation…).")
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                conflict = ConflictOfInterest.objects.create(
                    expert=expert_user, enterprise=enterprise, reason=reason[:200]
                )
        except IntegrityError:
            raise ProgramError(
                _("A conflict of interest with “%(name)s” is already declared.") % {"name": enterprise.name}
            ) from None
        record(
            "programs.conflict.declared",
            actor=expert_user,
            obj=conflict,
            org_unit_path=enterprise.org_path,
            summary=f"专家 {expert_user.username} 申报与 {enterprise.name} 的利益冲突：{reason}",
        )
    return conflict


def is_conflicted(expert_user, enterprise) -> str | None:
    """Why the expert may not review the enterprise's applications, or None."""
    declared = ConflictOfInterest.objects.filter(expert=expert_user, enterprise=enterprise).first()
    if declared:
        return _("declared conflict of interest: %(reason)s") % {"reason": declared.reason}
    profile = ExpertProfile.objects.filter(user=expert_user).first()
    if profile and profile.affiliated_enterprise_id == enterprise.pk:
        return _("works for the applicant (%(name)s)") % {"name": profile.affiliation or enterprise.name}
    return None


def experts_for(application: Application) -> list[dict]:
    """Every expert with whether they may be assigned (for the assignment page):
    {"expert", "conflict": reason or None, "assigned": bool}."""
    assigned = set(application.assignments.values_list("expert_id", flat=True))
    declared = dict(
        ConflictOfInterest.objects.filter(enterprise=application.enterprise).values_list(
            "expert_id", "reason"
        )
    )
    affiliated = set(
        ExpertProfile.objects.filter(affiliated_enterprise=application.enterprise).values_list(
            "user_id", flat=True
        )
    )
    rows = []
    for expert in User.objects.filter(role=Role.EXPERT, is_active=True).order_by("username"):
        conflict = None
        if expert.pk in declared:
            conflict = _("declared conflict of interest: %(reason)s") % {"reason": declared[expert.pk]}
        elif expert.pk in affiliated:
            conflict = _("works for the applicant")
        rows.append({"expert": expert, "conflict": conflict, "assigned": expert.pk in assigned})
    return rows


def assign_experts(application: Application, experts, user) -> list[ReviewAssignment]:
    """Assigns experts to a formally checked application (which goes to review) or one in review."""
    if "staff" not in actor_roles(user, application):
        raise IllegalTransition(_("Only district administrators and operators can assign review experts."))
    experts = list(experts)
    if not experts:
        raise ProgramError(_("Choose at least one review expert."))
    for expert in experts:
        if expert.role != Role.EXPERT:
            raise ProgramError(
                _("The user %(username)s is not a review expert.") % {"username": expert.username}
            )
        reason = is_conflicted(expert, application.enterprise)
        if reason:
            raise ProgramError(
                _(
                    "The expert %(expert)s has a conflict of interest with “%(enterprise)s” (%(reason)s) and cannot be assigned."
                )
                % {"expert": _name(expert), "enterprise": application.enterprise.name, "reason": reason}
            )
    with transaction.atomic():
        current = lock(application, None)
        if current.state not in (State.CHECKED, State.IN_REVIEW):
            raise IllegalTransition(
                _(
                    "The application %(code)s has not passed the formal check or its review is over: no expert can be assigned."
                )
                % {"code": current.code}
            )
        already = set(current.assignments.values_list("expert_id", flat=True))
        created = [
            ReviewAssignment.objects.create(application=current, expert=e, assigned_by=user)
            for e in experts
            if e.pk not in already
        ]
        record(
            "programs.review.assigned",
            actor=user,
            obj=current,
            org_unit_path=current.org_path,
            summary=f"{current.code} 分配评审专家：{'、'.join(_name(a.expert) for a in created) or '无新增'}",
        )
        if current.state == State.CHECKED:
            move(application, "start_review", user, {"staff"}, comment="分配评审专家")
        notify(
            [a.expert for a in created],
            title=f"新的评审任务：{current.title}",
            body=f"请对申报 {current.code} 评分",
            link=application_link(current),
            kind="programs.review",
        )
    return created


def my_assignments(user) -> QuerySet[ReviewAssignment]:
    """The expert's assignments, without those on enterprises they are tied to."""
    return (
        ReviewAssignment.objects.filter(expert=user)
        .exclude(application__enterprise_id__in=conflicted_enterprise_ids(user))
        .select_related("application", "application__call", "application__enterprise")
    )


def submit_scores(assignment: ReviewAssignment, scores: dict, opinion: str, user) -> ReviewAssignment:
    """The expert's score sheet: every criterion of the call within 0..max, and an opinion."""
    application = assignment.application
    if assignment.expert_id != user.pk:
        raise IllegalTransition(_("Only the assigned expert can submit this score sheet."))
    reason = is_conflicted(user, application.enterprise)
    if reason:
        raise IllegalTransition(
            _("You have a conflict of interest with the applicant (%(reason)s) and cannot score.")
            % {"reason": reason}
        )
    criteria = list(application.call.criteria.all())
    if not criteria:
        raise ProgramError(
            _("The call “%(title)s” has no scoring criteria.") % {"title": application.call.title}
        )
    values = {}
    for c in criteria:
        raw = scores.get(c.code, scores.get(c.pk))
        if raw in (None, ""):
            raise ProgramError(_("The criterion “%(name)s” has no score.") % {"name": c.name})
        value = number(
            raw,
            _("The score “%(value)s” of the criterion “%(name)s” is not a number.")
            % {"name": c.name, "value": raw},
        )
        if not (0 <= value <= c.max_score):
            raise ProgramError(
                _("The score %(value)s of the criterion “%(name)s” is outside 0–%(max)s.")
                % {"name": c.name, "value": value, "max": c.max_score}
            )
        values[c] = value
    opinion = (opinion or "").strip()
    if not opinion:
        raise ProgramError(_("Write your review opinion."))
    # Each criterion counts by its weight, on a 100-point scale whatever its own maximum.
    total = sum(values[c] * 100 / c.max_score * c.weight for c in criteria) / sum(c.weight for c in criteria)
    total = total.quantize(CENT, ROUND_HALF_UP)
    with transaction.atomic():
        current = lock(application, None)
        if current.state != State.IN_REVIEW:
            raise IllegalTransition(
                _("The application %(code)s is not in expert review: no score can be submitted.")
                % {"code": current.code}
            )
        sheet = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if sheet.submitted_at:
            raise ProgramError(_("The score sheet has already been submitted."))
        Score.objects.bulk_create([Score(assignment=sheet, criterion=c, score=v) for c, v in values.items()])
        sheet.opinion, sheet.total, sheet.submitted_at = opinion, total, timezone.now()
        sheet.save(update_fields=["opinion", "total", "submitted_at"])
        record(
            "programs.review.scored",
            actor=user,
            obj=sheet,
            org_unit_path=current.org_path,
            summary=f"{current.code} 专家评分 {total}",
            changes={c.code: str(v) for c, v in values.items()},
        )
        if not current.assignments.filter(submitted_at__isnull=True).exists():
            complete_review(application, None, system=True)
    assignment.refresh_from_db()
    return assignment


def complete_review(
    application: Application, user, *, system: bool = False, expected_version=None
) -> Application:
    """Ends the review with the mean of the submitted sheets as the score, and re-ranks the call
    (the rule lives in applications.move, so the workflow action does the same)."""
    roles = {"system"} if system else actor_roles(user, application)
    comment = "全部评分表已提交，系统完成评审" if system else ""
    move(application, "complete_review", user, roles, expected_version=expected_version, comment=comment)
    application.refresh_from_db()
    return application


def ranking(call: Call) -> list[dict]:
    apps = (
        Application.objects.filter(call=call, score__isnull=False)
        .select_related("enterprise", "clause")
        .annotate(experts=Count("assignments", filter=Q(assignments__submitted_at__isnull=False)))
        .order_by("rank", "id")
    )
    opinions = {}
    for a in ReviewAssignment.objects.filter(
        application__call=call, submitted_at__isnull=False
    ).select_related("expert"):
        opinions.setdefault(a.application_id, []).append(
            {"expert": _name(a.expert), "total": a.total, "opinion": a.opinion}
        )
    return [
        {
            "application": app,
            "code": app.code,
            "title": app.title,
            "enterprise": app.enterprise.name,
            "clause": app.clause.code,
            "state": app.state,
            "score": app.score,
            "rank": app.rank,
            "experts": app.experts,
            "opinions": opinions.get(app.pk, []),
        }
        for app in apps
    ]


def _name(user) -> str:
    return user.get_full_name() or user.username
