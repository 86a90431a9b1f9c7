"""Where apps above the registry add their figures to its enterprise pages, without the registry
importing them (DESIGN.md: no app imports a higher one). An app registers its providers at start-up,
in its AppConfig.ready(); the registry's pages call whatever is registered.

- list annotators: `fn(queryset) -> queryset` adding per-enterprise values to the enterprise list
  and its xlsx export. The statistics app adds `latest_year`, `latest_revenue` (yuan) and
  `latest_employees`; the pages show those names when present.
- detail providers: `fn(enterprise, user) -> dict`, merged into the enterprise page's template context;
  `user` is whoever opens the page (it may be the enterprise's own user), so a provider leaves out
  what that user may not see.
- events: `fn(enterprise, user, today) -> list[Event]`, merged into the page's timeline (newest first).
- alerts: `fn(enterprise, user, today) -> list[Alert]`, shown at the top of the page, each with its rule.
- detail templates: templates the enterprise page includes, with its whole context, in one of its
  slots: "actions" (buttons in the page head), "source" (where the enterprise came from; the
  registry's own `source` text when none), "panels" (sections below the registry's facts) and
  "scripts" (script tags at the end of the page). The page links to other apps only through these.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

SLOTS = ("actions", "source", "panels", "scripts")
TIMELINE_SHOWN = 100  # the newest; each panel above lists its own records in full


@dataclass(frozen=True)
class Event:
    """One dated thing on the enterprise's timeline: what happened, where to read more (a URL the
    provider has checked the user may open, or "")."""

    day: datetime.date
    kind: str  # the panel it belongs to, shown as a label
    text: str
    url: str = ""


@dataclass(frozen=True)
class Alert:
    """Something to act on, with the rule that raised it (shown beside it)."""

    code: str  # e.g. "revenue_falling"; tests and styles key on it
    text: str
    rule: str
    url: str = ""


_list_annotators: list[Callable[[QuerySet], QuerySet]] = []
_detail_providers: list[Callable[[object, object], dict]] = []
_event_providers: list[Callable[[object, object, datetime.date], list[Event]]] = []
_alert_providers: list[Callable[[object, object, datetime.date], list[Alert]]] = []
_detail_templates: dict[str, list[str]] = {slot: [] for slot in SLOTS}


def register_list_annotator(fn: Callable[[QuerySet], QuerySet]) -> None:
    if fn not in _list_annotators:
        _list_annotators.append(fn)


def register_detail_provider(fn: Callable[[object, object], dict]) -> None:
    if fn not in _detail_providers:
        _detail_providers.append(fn)


def register_events(fn: Callable[[object, object, datetime.date], list[Event]]) -> None:
    if fn not in _event_providers:
        _event_providers.append(fn)


def register_alerts(fn: Callable[[object, object, datetime.date], list[Alert]]) -> None:
    if fn not in _alert_providers:
        _alert_providers.append(fn)


def register_detail_template(slot: str, template_name: str) -> None:
    """Include `template_name` in the enterprise page's `slot` (one of SLOTS)."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}; one of {SLOTS}")
    if template_name not in _detail_templates[slot]:
        _detail_templates[slot].append(template_name)


def annotate_list(enterprises: QuerySet) -> QuerySet:
    for fn in _list_annotators:
        enterprises = fn(enterprises)
    return enterprises


def detail_context(enterprise, user, today: datetime.date) -> dict:
    context: dict = {"extension_templates": {slot: list(names) for slot, names in _detail_templates.items()}}
    for fn in _detail_providers:
        context.update(fn(enterprise, user))
    events = [e for fn in _event_providers for e in fn(enterprise, user, today)]
    events.sort(key=lambda e: e.day, reverse=True)
    context["timeline"] = events[:TIMELINE_SHOWN]
    context["timeline_more"] = max(0, len(events) - TIMELINE_SHOWN)
    context["alerts"] = [a for fn in _alert_providers for a in fn(enterprise, user, today)]
    return context
