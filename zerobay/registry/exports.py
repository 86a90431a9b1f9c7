"""Enterprise rows as the list page shows them and as xlsx exports write them.

The latest annual figures are added by the apps above the registry (see extensions.py).
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, xlsx_download

from .extensions import annotate_list
from .formatting import to_wan
from .models import Enterprise, Qualification

WAN = Decimal(10_000)
EXPORT_CHUNK = 2000


def with_valid_qualifications(
    enterprises: QuerySet[Enterprise], today: datetime.date
) -> QuerySet[Enterprise]:
    """Prefetches the qualifications valid today as `valid_qualifications`."""
    return enterprises.prefetch_related(
        Prefetch(
            "qualifications",
            queryset=Qualification.objects.valid_on(today).order_by("kind"),
            to_attr="valid_qualifications",
        )
    )


def _headers() -> list[str]:
    return [
        _("Unified social credit code"),
        _("Enterprise name"),
        _("Org unit"),
        _("Date founded"),
        _("Above designated size"),
        _("Industries"),
        _("Qualifications (valid today)"),
        _("Latest annual report year"),
        _("Revenue (10k yuan)"),
        _("Employees (persons)"),
    ]


def write_enterprises_xlsx(enterprises: QuerySet[Enterprise], fileobj, *, today: datetime.date) -> int:
    """Writes every enterprise of the queryset to `fileobj` as one sheet; returns the row count.
    Rows are fetched in chunks and written in xlsxwriter's constant-memory mode."""
    rows = with_valid_qualifications(
        annotate_list(enterprises.select_related("org_unit")).prefetch_related("industries"), today
    )
    workbook = Workbook(fileobj, streaming=True)
    widths = [22, 36, 16, 12, 10, 30, 30, 12, 16, 14]
    sheet = workbook.table(_("Enterprises"), _headers(), widths=widths, freeze_columns=2)
    money, count, date = workbook.style("money"), workbook.style("count"), workbook.style("date")
    yes, no = _("yes"), _("no")
    sep = _(", ")
    n = 0
    for n, e in enumerate(rows.iterator(chunk_size=EXPORT_CHUNK), start=1):
        sheet.write_string(n, 0, e.uscc)
        sheet.write_string(n, 1, e.name)
        sheet.write_string(n, 2, e.org_unit.name if e.org_unit else "")
        if e.founded:
            sheet.write_datetime(n, 3, datetime.datetime.combine(e.founded, datetime.time()), date)
        sheet.write_string(n, 4, yes if e.above_scale else no)
        sheet.write_string(n, 5, sep.join(i.name for i in e.industries.all()))
        sheet.write_string(n, 6, sep.join(str(q.get_kind_display()) for q in e.valid_qualifications))
        if getattr(e, "latest_year", None):
            sheet.write_number(n, 7, e.latest_year)
        if getattr(e, "latest_revenue", None) is not None:
            sheet.write_number(n, 8, float(to_wan(e.latest_revenue)), money)
        if getattr(e, "latest_employees", None) is not None:
            sheet.write_number(n, 9, e.latest_employees, count)
    sheet.autofilter(0, 0, max(n, 1), len(widths) - 1)
    workbook.close()
    return n


def enterprises_xlsx_response(enterprises: QuerySet[Enterprise], *, today: datetime.date) -> FileResponse:
    return xlsx_download(
        lambda f: write_enterprises_xlsx(enterprises, f, today=today),
        f"{_('enterprises')}-{today:%Y%m%d}.xlsx",
    )
