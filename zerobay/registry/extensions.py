"""Where apps above the registry add their figures to its enterprise pages, without the registry
importing them (DESIGN.md: no app imports a higher one). An app registers its providers at start-up,
in its AppConfig.ready(); the registry's pages call whatever is registered.

- list annotators: `fn(queryset) -> queryset` adding per-enterprise values to the enterprise list
  and its xlsx export. The statistics app adds `latest_year`, `latest_revenue` (yuan) and
  `latest_employees`; the pages show those names when present.
- detail providers: `fn(enterprise) -> dict`, merged into the enterprise page's template context.
"""

from collections.abc import Callable

from django.db.models import QuerySet

_list_annotators: list[Callable[[QuerySet], QuerySet]] = []
_detail_providers: list[Callable[[object], dict]] = []


def register_list_annotator(fn: Callable[[QuerySet], QuerySet]) -> None:
    if fn not in _list_annotators:
        _list_annotators.append(fn)


def register_detail_provider(fn: Callable[[object], dict]) -> None:
    if fn not in _detail_providers:
        _detail_providers.append(fn)


def annotate_list(enterprises: QuerySet) -> QuerySet:
    for fn in _list_annotators:
        enterprises = fn(enterprises)
    return enterprises


def detail_context(enterprise) -> dict:
    context: dict = {}
    for fn in _detail_providers:
        context.update(fn(enterprise))
    return context
