"""Indicator pages: the overview against targets, one indicator (series, target path, forecast,
tracking, published figures with their sources, conflicts, breakdowns), the drill-down to the
enterprises and report rows behind a computed value, and the sub-park composite evaluation.
Every table can be exported to xlsx (`?format=xlsx`).

Views parse the query, call `services` (and `drill`) and render. Org units are reached only
through `registry.access` (`access_org_unit_by_code`, `visible_org_units`): an org unit outside the user's subtree
is a 404, like a missing one; the drill-down engine reads that subtree only.
"""

from .detail import indicator_detail
from .drilldown import indicator_drilldown
from .evaluation import evaluation_page
from .overview import overview

__all__ = ["evaluation_page", "indicator_detail", "indicator_drilldown", "overview"]
