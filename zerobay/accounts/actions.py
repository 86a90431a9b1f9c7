"""What an audit action (`<app>.<object>.<verb>`) means, for people: the audit log shows labels,
never the codes. A workflow step is labelled by its workflow (zerobay.workflow.DECLARED: the
object's name and the step's own label); other actions by their object and verb below."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zerobay import workflow

OBJECTS = {
    "achievement": _("Achievement"),
    "alerts": _("Alerts"),
    "api_token": _("API token"),
    "application": _("Application"),
    "assessment": _("Assessment"),
    "attachment": _("Attachment"),
    "batch": _("Approval batch"),
    "bulletin": _("Bulletin"),
    "callbacks": _("Call-backs"),
    "carrier": _("Carrier"),
    "challenge": _("Challenge"),
    "clause": _("Clause"),
    "conflict": _("Conflict of interest"),
    "deadline": _("Reporting deadline"),
    "decision": _("Decision"),
    "demand": _("Demand"),
    "demo": _("Demo data"),
    "duty": _("Reporting duty"),
    "enterprise": _("Enterprise"),
    "evaluation": _("Evaluation"),
    "event": _("Event"),
    "funnel": _("Matching funnel"),
    "import": _("Import"),
    "inspection": _("Inspection"),
    "key": _("Key enterprise"),
    "link": _("Link"),
    "milestone": _("Milestone"),
    "objection": _("Objection"),
    "payment": _("Payment"),
    "recognition": _("Recognition"),
    "reminders": _("Reminders"),
    "request": _("Service request"),
    "review": _("Review"),
    "update": _("Progress update"),
    "version": _("Data version"),
    "visit": _("Visit"),
}

VERBS = {
    "add": pgettext_lazy("audit", "added"),
    "added": pgettext_lazy("audit", "added"),
    "assigned": pgettext_lazy("audit", "assigned"),
    "changed": pgettext_lazy("audit", "changed"),
    "close": pgettext_lazy("audit", "closed"),
    "committed": pgettext_lazy("audit", "committed"),
    "correct": pgettext_lazy("audit", "corrected"),
    "create": pgettext_lazy("audit", "created"),
    "created": pgettext_lazy("audit", "created"),
    "declared": pgettext_lazy("audit", "declared"),
    "dismiss": pgettext_lazy("audit", "dismissed"),
    "draft": pgettext_lazy("audit", "drafted"),
    "drawn": pgettext_lazy("audit", "drawn"),
    "file": pgettext_lazy("audit", "filed"),
    "import": pgettext_lazy("audit", "imported"),
    "invited": pgettext_lazy("audit", "invited"),
    "issue": pgettext_lazy("audit", "issued"),
    "leadership": pgettext_lazy("audit", "scored by the leadership"),
    "loaded": pgettext_lazy("audit", "loaded"),
    "narrative": pgettext_lazy("audit", "text edited"),
    "officer": pgettext_lazy("audit", "officer assigned"),
    "raised": pgettext_lazy("audit", "raised"),
    "record": pgettext_lazy("audit", "recorded"),
    "recorded": pgettext_lazy("audit", "recorded"),
    "refresh": pgettext_lazy("audit", "refreshed"),
    "refreshed": pgettext_lazy("audit", "refreshed"),
    "registry": pgettext_lazy("audit", "registry changed"),
    "rejected": pgettext_lazy("audit", "rejected"),
    "removed": pgettext_lazy("audit", "removed"),
    "resolved": pgettext_lazy("audit", "resolved"),
    "respond": pgettext_lazy("audit", "responded"),
    "revoked": pgettext_lazy("audit", "revoked"),
    "scored": pgettext_lazy("audit", "scored"),
    "select": pgettext_lazy("audit", "selected"),
    "sent": pgettext_lazy("audit", "sent"),
    "set": pgettext_lazy("audit", "set"),
    "submit": pgettext_lazy("audit", "submitted"),
    "update": pgettext_lazy("audit", "updated"),
    "updated": pgettext_lazy("audit", "updated"),
}

LABELS = {
    "registry.enterprise.updated": _("Enterprise edited"),
    "statistics.import.committed": _("Data imported"),
    "statistics.import.rejected": _("Import rejected"),
}


def action_label(code: str) -> str:
    """The label of an audit action; the parts of an unknown one in words, not as a code."""
    if code in LABELS:
        return str(LABELS[code])
    head, _dot, verb = code.rpartition(".")
    declared = workflow.DECLARED.get(head)
    obj = head.rpartition(".")[2]
    noun = OBJECTS.get(obj, obj.replace("_", " "))
    if declared is not None and verb in declared.by_name:
        return str(_("%(object)s: %(step)s") % {"object": noun, "step": declared.by_name[verb].label})
    if obj == "import" and head.startswith("matching"):
        noun = _("Import of %(kind)s") % {"kind": {"achievements": _("achievements")}.get(verb, _("demands"))}
        return str(noun)
    return str(_("%(object)s: %(step)s") % {"object": noun, "step": VERBS.get(verb, verb.replace("_", " "))})


def action_choices(codes) -> list[tuple[str, str]]:
    """(code, label) of the given actions, by label: the audit log's filter."""
    return sorted(((c, action_label(c)) for c in codes), key=lambda p: p[1])
