"""Status badges: the one mapping from a state to the tone of its badge. Templates ask
`{{ state|tone:"kind" }}` or `{% badge text tone %}`; the tones are the colours of zerobay.css
(.badge-green, -blue, -amber, -red, -grey)."""

from typing import Literal

Tone = Literal["green", "blue", "amber", "red", "grey"]

TONES: dict[str, dict[str, Tone]] = {
    # programmes: an application's workflow state (programs/workflow.py State)
    "application": {
        "draft": "grey",
        "submitted": "blue",
        "returned": "amber",
        "withdrawn": "grey",
        "checked": "blue",
        "rejected": "red",
        "in_review": "blue",
        "reviewed": "blue",
        "proposed": "amber",
        "approved": "green",
        "not_approved": "red",
        "paying": "green",
        "paid": "green",
        "closed": "grey",
    },
    # programmes: an approval batch
    "approval_batch": {"final": "green", "notice": "amber"},
    # a condition met (True), not met (False) or left to the reviewers (None)
    "met": {"True": "green", "False": "red", "None": "amber"},
    # indicators: the tracking status against the target
    "indicator": {
        "achieved": "green",
        "on_track": "green",
        "at_risk": "amber",
        "off_track": "red",
        "no_target": "grey",
        "no_data": "grey",
    },
    # statistics: an import batch
    "import": {
        "uploaded": "blue",
        "validating": "blue",
        "validated": "amber",
        "importing": "blue",
        "imported": "green",
        "rejected": "red",
        "failed": "red",
        "cancelled": "grey",
    },
    # registry: a qualification on a day
    "qualification": {"valid": "green", "not_yet_valid": "amber", "expired": "grey"},
    # cultivation: a qualification on the ladder
    "ladder": {"holds": "green", "eligible": "blue", "near": "amber", "not_eligible": "grey"},
    # cultivation: a monthly report against its deadline
    "reporting": {"on_time": "green", "late": "amber", "missing": "red"},
    # cultivation: 升规纳统 projection
    "upscale": {"crossed": "green", "on_course": "blue", "near": "amber"},
    # matching: achievements and demands in the hall (withdrawn, transferred, closed: grey)
    "achievement": {"published": "green", "review": "amber"},
    "demand": {"open": "green", "draft": "amber"},
}


def tone(kind: str, state) -> Tone:
    """The tone of `state` (a value or an enum member) of `kind`; grey when unknown."""
    key = str(getattr(state, "value", state))
    return TONES[kind].get(key, "grey")


def badge_class(kind: str, state) -> str:
    """The CSS class of the badge of `state`, for views that hand a class to a template."""
    return f"badge-{tone(kind, state)}"
