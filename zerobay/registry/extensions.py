"""Where apps above the registry add their figures to its enterprise pages, without the registry
importing them (DESIGN.md: no app imports a higher one). An app registers its providers at start-up,
in its AppConfig.ready(); the registry's pages call whatever is registered.

- list annotators: `fn(queryset) -> queryset` adding per-enterprise values to the enterprise list
  and its xlsx export. The statistics app adds `latest_year`, `latest_revenue` (yuan) and
  `latest_employees`; the pages show those names when present.
- detail providers: `fn(enterprise) -> dict`, merged into the enterprise page's template context.
- detail templates: templates the enterprise page includes, with its whole context, in one of its
  slots: "actions" (buttons in the page head), "source" (where the enterprise came from; the
  registry's own `source` text when none), "panels" (sections below the registry's facts) and
  "scripts" (script tags at the end of the page). The page links to other apps only through these.
"""

from collections.abc import Callable

from django.db.models import QuerySet

SLOTS = ("actions", "source", "panels", "scripts")

_list_annotators: list[Callable[[QuerySet], QuerySet]] = []
_detail_providers: list[Callable[[object], dict]] = []
_detail_templates: dict[str, list[str]] = {slot: [] for slot in SLOTS}


def register_list_annotator(fn: Callable[[QuerySet], QuerySet]) -> None:
    if fn not in _list_annotators:
        _list_annotators.append(fn)


def register_detail_provider(fn: Callable[[object], dict]) -> None:
    if fn not in _detail_providers:
        _detail_providers.append(fn)


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


def detail_context(enterprise) -> dict:
    context: dict = {"extension_templates": {slot: list(names) for slot, names in _detail_templates.items()}}
    for fn in _detail_providers:
        context.update(fn(enterprise))
    return context
