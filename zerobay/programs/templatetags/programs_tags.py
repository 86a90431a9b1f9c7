"""Template filters of the programme pages: money in 万元, state labels and badges."""

from django import template

from zerobay.registry.formatting import format_money_wan

from ..workflow import STATE_LABELS, State

register = template.Library()

BADGES = {
    State.DRAFT: "badge-grey",
    State.SUBMITTED: "badge-blue",
    State.RETURNED: "badge-amber",
    State.WITHDRAWN: "badge-grey",
    State.CHECKED: "badge-blue",
    State.REJECTED: "badge-red",
    State.IN_REVIEW: "badge-blue",
    State.REVIEWED: "badge-blue",
    State.PROPOSED: "badge-amber",
    State.APPROVED: "badge-green",
    State.NOT_APPROVED: "badge-red",
    State.PAYING: "badge-green",
    State.PAID: "badge-green",
    State.CLOSED: "badge-grey",
}


@register.filter
def wan(yuan) -> str:
    """Yuan as 万元 with thousands separators ("—" when missing)."""
    return format_money_wan(yuan) or "—"


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def state_badge(state: str) -> str:
    return BADGES.get(state, "badge-grey")


@register.filter
def percent(rate) -> str:
    return "—" if rate is None else f"{float(rate) * 100:.1f}%"


@register.filter
def met_badge(met) -> str:
    return {True: "badge-green", False: "badge-red"}.get(met, "badge-amber")


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, [])
