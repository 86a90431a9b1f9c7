"""Innovation carriers as the list page and its export show them."""

from django.db.models import Q, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, write_cells, xlsx_download

from .models import Carrier, OrgUnit


def filter_carriers(
    carriers: QuerySet[Carrier], *, q: str = "", kind: str = "", org_unit: OrgUnit | None = None
):
    """By name or operator, kind, and org-unit subtree."""
    if q:
        carriers = carriers.filter(Q(name__icontains=q) | Q(operator__icontains=q))
    if kind:
        carriers = carriers.filter(kind=kind)
    if org_unit is not None:
        carriers = carriers.filter(org_unit__path__startswith=org_unit.path)
    return carriers.select_related("org_unit").order_by("kind", "name")


def carriers_xlsx_response(carriers: QuerySet[Carrier]) -> FileResponse:
    return xlsx_download(lambda f: _write_carriers(carriers, f), f"{_('carriers')}.xlsx")


def _write_carriers(carriers: QuerySet[Carrier], fileobj) -> None:
    workbook = Workbook(fileobj, streaming=True)
    columns = [_("Name"), _("Kind"), _("Level"), _("Operator"), _("Org unit"), _("Source")]
    sheet = workbook.table(_("Carriers"), columns, widths=[36, 18, 10, 24, 18, 28])
    for n, c in enumerate(carriers, start=1):
        write_cells(
            sheet,
            n,
            0,
            [
                c.name,
                str(c.get_kind_display()),
                str(c.get_level_display()) if c.level else "",
                c.operator,
                c.org_unit.name if c.org_unit else "",
                c.source,
            ],
        )
    workbook.close()
