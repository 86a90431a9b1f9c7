"""The policy package (政策数智包) of an enterprise: the clauses of the calls open now that it
qualifies for by the programmes' own eligibility checks, and those it misses by one condition
(with that condition's gap); pushed to its users as notifications, each clause once."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zerobay.accounts.models import Notification
from zerobay.accounts.notifications import notify
from zerobay.programs.eligibility import Checker, has_machine_conditions, load_facts
from zerobay.programs.services.applications import open_calls
from zerobay.registry.models import Enterprise

from .notices import enterprise_users

KIND = "service.package"


def policy_package(enterprise: Enterprise, as_of: datetime.date) -> dict:
    """{"eligible": [...], "near": [...]}, each item {call, clause, to_check, gap}: `to_check` lists
    the conditions left to the reviewers, `gap` the one condition not met (near only)."""
    facts = load_facts(Enterprise.objects.filter(pk=enterprise.pk), as_of).get(enterprise.pk)
    out: dict[str, list] = {"eligible": [], "near": []}
    if facts is None:
        return out
    pairs = [
        (call, clause)
        for call in open_calls(as_of).prefetch_related("clauses")
        for clause in call.clauses.all()
        if has_machine_conditions(clause)
    ]
    checkers = Checker.many([clause.conditions for _call, clause in pairs])
    for (call, clause), checker in zip(pairs, checkers, strict=True):
        results = checker.check(facts, as_of).conditions
        unmet = [r for r in results if r["met"] is False]
        item = {
            "call": call,
            "clause": clause,
            "to_check": [r["label"] for r in results if r["met"] is None],
            "gap": unmet[0]["message"] if len(unmet) == 1 else "",
        }
        if not unmet:
            out["eligible"].append(item)
        elif len(unmet) == 1:
            out["near"].append(item)
    return out


def push(enterprise: Enterprise, as_of: datetime.date) -> int:
    """Tells the enterprise's users of each clause it qualifies for that they were not told of yet."""
    users = list(enterprise_users(enterprise.pk))
    if not users:
        return 0
    told = set(Notification.objects.filter(user__in=users, kind=KIND).values_list("link", flat=True))
    sent = 0
    for item in policy_package(enterprise, as_of)["eligible"]:
        link = reverse("programs-clause", args=[item["clause"].code])
        if link in told:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            title = _("You may qualify for “{clause}” (call {call}, open until {day})").format(
                clause=item["clause"].title, call=item["call"].title, day=item["call"].closes_on
            )
        sent += notify(users, title=title[:200], link=link, kind=KIND)
    return sent
