"""The service app's xlsx exports, through the one writer (tabular/xlsx.py): the request list and
the dashboard's tables."""

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, write_cells, xlsx_download

from . import deadlines
from .workflow import REQUEST


def requests_xlsx_response(qs) -> FileResponse:
    return xlsx_download(lambda f: write_requests_xlsx(qs, f), f"{_('service requests')}.xlsx")


def dashboard_xlsx_response(data: dict) -> FileResponse:
    return xlsx_download(lambda f: write_dashboard_xlsx(data, f), f"{_('service dashboard')}.xlsx")


def write_requests_xlsx(qs, fileobj) -> None:
    today = timezone.localdate()
    wb = Workbook(fileobj, streaming=True)
    date = wb.style("date")
    header = [
        _("Request"),
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Category"),
        _("Subject"),
        _("Unit"),
        _("State"),
        _("Submitted"),
        _("Sign by"),
        _("Answer by"),
        _("Resolve by"),
        _("Overdue"),
        _("Working days open"),
        _("Rating"),
        _("Times reopened"),
        _("Times rerouted"),
    ]
    sheet = wb.table(
        _("Service requests"), header, widths=(15, 30, 22, 12, 36, 16, 14, 12, 12, 12, 12, 8, 10, 10, 8, 8)
    )
    for i, r in enumerate(qs.iterator(chunk_size=1000), start=1):
        write_cells(
            sheet,
            i,
            0,
            [
                r.code,
                r.enterprise.name,
                r.enterprise.uscc,
                r.get_category_display(),
                r.title,
                str(r.unit),
                REQUEST.label(r.state),
                r.submitted_on,
                r.sign_due,
                r.answer_due,
                r.resolve_due,
                _("yes") if deadlines.is_overdue(r, today) else "",
                deadlines.working_days_open(r, today),
                r.get_rating_display() if r.rating else "",
                r.reopen_count,
                r.reroute_count,
            ],
            [None] * 7 + [date] * 4,
        )
    wb.close()


def write_dashboard_xlsx(data: dict, fileobj) -> None:
    wb = Workbook(fileobj)
    percent = wb.style("percent")
    for table in data["tables"]:
        sheet = wb.table(str(table["title"]), [str(h) for h in table["headers"]], widths=[24] + [12] * 8)
        for i, row in enumerate(table["rows"], start=1):
            write_cells(
                sheet,
                i,
                0,
                [row["label"], *row["values"]],
                [None] + [percent if p else None for p in table["percent"]],
            )
    headers = [_("Unit"), _("Returned as not its business"), _("Rerouted away")]
    sheet = wb.table(_("Bounced between units"), headers, widths=(24, 14, 14))
    for i, b in enumerate(data["bounces"], start=1):
        write_cells(sheet, i, 0, [str(b["unit"]), b["returned"], b["rerouted"]])
    wb.close()
