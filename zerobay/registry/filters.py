"""Filtering enterprise lists: one plain function shared by the list page and its xlsx export.

The queryset passed in is already limited to what the user may see (access.visible_enterprises);
the filters only narrow it further.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Enterprise, Industry, OrgUnit, Qualification


@dataclass(frozen=True)
class EnterpriseFilter:
    q: str = ""  # part of the name, or of the USCC
    org_unit: OrgUnit | None = None  # the unit and its subtree
    industry: Industry | None = None  # the industry and everything under it
    qualification: str = ""  # a QualificationType valid on the day
    above_scale: bool | None = None
    unassigned: bool = False  # no org unit yet (district-wide users only: see forms)

    @property
    def is_empty(self) -> bool:
        return self == EnterpriseFilter()


def industry_subtree_ids(industry: Industry) -> list[int]:
    """The industry and all its descendants (the taxonomy is a few hundred nodes at most)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Industry.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = [], [industry.pk]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, ()))
    return found


def filter_enterprises(
    enterprises: QuerySet[Enterprise], f: EnterpriseFilter, *, today: datetime.date
) -> QuerySet[Enterprise]:
    if q := f.q.strip():
        enterprises = enterprises.filter(Q(name__icontains=q) | Q(uscc__icontains=q.upper()))
    if f.unassigned:
        enterprises = enterprises.filter(org_unit__isnull=True)
    elif f.org_unit is not None:
        enterprises = enterprises.filter(org_path__startswith=f.org_unit.path)
    if f.industry is not None:
        links = Enterprise.industries.through.objects.filter(
            enterprise_id=OuterRef("pk"), industry_id__in=industry_subtree_ids(f.industry)
        )
        enterprises = enterprises.filter(Exists(links))
    if f.qualification:
        valid = Qualification.objects.valid_on(today).filter(
            enterprise_id=OuterRef("pk"), kind=f.qualification
        )
        enterprises = enterprises.filter(Exists(valid))
    if f.above_scale is not None:
        enterprises = enterprises.filter(above_scale=f.above_scale)
    return enterprises
