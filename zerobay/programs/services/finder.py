"""政策找企业: the enterprises that meet every machine-checkable condition of a clause and have not
applied to it, with the reasons; and inviting them in the app (once per clause).

The facts of all candidate enterprises are loaded in bulk (eligibility.load_facts), and the cheap
conditions (org unit, qualification held, above designated size) narrow the candidates in the
database first.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from zerobay.accounts.audit import record
from zerobay.accounts.notifications import notify
from zerobay.registry.access import visible_enterprises
from zerobay.registry.models import Enterprise, OrgUnit, Qualification

from .. import eligibility
from ..models import Application, Clause, Invitation
from ..workflow import IllegalTransition, State
from .access import can_manage
from .applications import enterprise_users
from .errors import ProgramError


def eligible_not_applied(clause: Clause, as_of: datetime.date, user=None) -> list[dict]:
    """[{"enterprise", "eligibility"}] by enterprise name; empty when the clause has no machine-checkable condition."""
    if not eligibility.has_machine_conditions(clause):
        return []
    candidates = _candidates(clause, as_of, user)
    facts = eligibility.load_facts(candidates, as_of)
    checker = eligibility.Checker(clause.conditions)
    found = []
    for enterprise in candidates.order_by("name"):
        result = checker.check(facts[enterprise.pk], as_of)
        machine = [c for c in result.conditions if c["kind"] in eligibility.MACHINE_KINDS]
        if all(c["met"] is True for c in machine):
            found.append({"enterprise": enterprise, "eligibility": result})
    return found


def notify_eligible(clause: Clause, as_of: datetime.date, user) -> int:
    """Invites the enterprises found eligible and not yet invited; returns how many were invited."""
    if not can_manage(user):
        raise IllegalTransition(
            _("Only district administrators and operators can notify eligible enterprises.")
        )
    if not clause.active:
        raise ProgramError(_("The clause “%(title)s” is no longer in force.") % {"title": clause.title})
    found = eligible_not_applied(clause, as_of, user)
    invited = set(Invitation.objects.filter(clause=clause).values_list("enterprise_id", flat=True))
    new = [f for f in found if f["enterprise"].pk not in invited]
    if not new:
        return 0
    with transaction.atomic():
        Invitation.objects.bulk_create(
            [
                Invitation(
                    clause=clause,
                    enterprise=f["enterprise"],
                    reasons=[c for c in f["eligibility"].conditions if c["met"]],
                    notified_by=user,
                )
                for f in new
            ],
            ignore_conflicts=True,  # a concurrent run invited some of them: once per clause still holds
        )
        ids = [f["enterprise"].pk for f in new]
        users = list(enterprise_users(ids))
        notify(
            users,
            title=f"您的企业可能符合政策条款：{clause.title}",
            body="根据平台数据，贵企业符合该条款的可自动核验条件，欢迎在申报期内提交申报。",
            link=_clause_link(clause),
            kind="programs.eligible",
        )
        record(
            "programs.clause.invited",
            actor=user,
            obj=clause,
            summary=f"条款 {clause.code}：通知 {len(new)} 家符合条件的企业",
            changes={"enterprises": [f["enterprise"].uscc for f in new], "as_of": as_of.isoformat()},
        )
    return len(new)


def _candidates(clause: Clause, as_of, user):
    qs = visible_enterprises(user) if user is not None else Enterprise.objects.all()
    applied = Application.objects.filter(clause=clause).exclude(state=State.WITHDRAWN).values("enterprise_id")
    qs = qs.exclude(pk__in=applied)
    for c in clause.conditions:
        kind = c.get("kind")
        if kind == "org_unit":
            unit = OrgUnit.objects.filter(code=c.get("org_unit")).first()
            qs = qs.filter(org_path__startswith=unit.path) if unit else qs.none()
        elif kind == "qualification":
            holders = Qualification.objects.valid_on(as_of).filter(
                kind__in=eligibility.qualification_kinds(c)
            )
            qs = qs.filter(pk__in=holders.values("enterprise_id"))
        elif kind == "above_scale":
            qs = qs.filter(above_scale=True)
        elif kind == "founded_years":
            qs = qs.filter(~Q(founded=None))
    return qs


def _clause_link(clause: Clause) -> str:
    try:
        return reverse("programs-clause", args=[clause.code])
    except NoReverseMatch:
        return ""
