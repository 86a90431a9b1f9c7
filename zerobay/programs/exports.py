"""The programmes' xlsx exports: the application list and the programme dashboard."""

from decimal import Decimal

from django.http import FileResponse
from django.utils.translation import gettext as _

from zerobay.registry.formatting import to_wan
from zerobay.tabular.xlsx import Workbook, write_cells, xlsx_download

from .workflow import STATE_LABELS


def applications_xlsx_response(apps) -> FileResponse:
    return xlsx_download(lambda f: write_applications_xlsx(apps, f), f"{_('applications')}.xlsx")


def dashboard_xlsx_response(data: dict) -> FileResponse:
    return xlsx_download(lambda f: write_dashboard_xlsx(data, f), f"{_('programme dashboard')}.xlsx")


def write_applications_xlsx(apps, fileobj) -> None:
    wb = Workbook(fileobj)
    money = wb.style("money")
    header = [
        _("Application"),
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Call"),
        _("Clause"),
        _("Project title"),
        _("State"),
        _("Submitted"),
        _("Requested (10k yuan)"),
        _("Review score"),
        _("Approved (10k yuan)"),
        _("Paid (10k yuan)"),
    ]
    sheet = wb.table(_("Applications"), header, widths=(16, 32, 22, 30, 30, 36, 14, 12, 14, 10, 14, 14))
    for i, a in enumerate(apps.iterator(chunk_size=1000), start=1):
        write_cells(
            sheet,
            i,
            0,
            [
                a.code,
                a.enterprise.name,
                a.enterprise.uscc,
                a.call.title,
                f"{a.clause.code} {a.clause.title}",
                a.title,
                str(STATE_LABELS.get(a.state, a.state)),
                a.submitted_at.date().isoformat() if a.submitted_at else "",
            ],
        )
        sheet.write_number(i, 8, float(to_wan(a.requested_amount)), money)
        if a.score is not None:
            sheet.write_number(i, 9, float(a.score))
        if a.approved_amount is not None:
            sheet.write_number(i, 10, float(to_wan(a.approved_amount)), money)
        sheet.write_number(i, 11, float(to_wan(a.paid_amount)), money)
    wb.close()


def write_dashboard_xlsx(data: dict, fileobj) -> None:
    """The dashboard as a workbook: one sheet per funnel dimension, amounts by track, budgets.
    Money in 万元 as the pages show it."""
    wb = Workbook(fileobj)
    money, pct = wb.style("money"), wb.style("percent")
    wan = Decimal(10_000)
    stage_names = [name for _k, name in data["stages"]]
    titles = {
        "policy": _("By policy"),
        "call": _("By call"),
        "batch": _("By approval batch"),
        "subpark": _("By sub-park"),
    }
    for dim, rows in data["funnel"].items():
        header = [
            _("Name"),
            *stage_names,
            _("Approval rate"),
            _("Approved (10k yuan)"),
            _("Paid (10k yuan)"),
        ]
        sheet = wb.table(str(titles[dim]), header, widths=[36] + [12] * len(header))
        for i, r in enumerate(rows, start=1):
            sheet.write_string(i, 0, str(r["name"]))
            write_cells(sheet, i, 1, r["stages"])
            col = 1 + len(r["stages"])
            if r["approval_rate"] is not None:
                sheet.write_number(i, col, r["approval_rate"], pct)
            sheet.write_number(i, col + 1, float(r["approved_amount"] / wan), money)
            sheet.write_number(i, col + 2, float(r["paid_amount"] / wan), money)
    sheet = wb.table(
        _("By track"),
        [_("Track"), _("Projects"), _("Approved (10k yuan)"), _("Paid (10k yuan)")],
        widths=[30],
    )
    for i, r in enumerate(data["tracks"], start=1):
        sheet.write_string(i, 0, str(r["name"]))
        sheet.write_number(i, 1, float(r["projects"]))
        sheet.write_number(i, 2, float(r["approved_amount"] / wan), money)
        sheet.write_number(i, 3, float(r["paid_amount"] / wan), money)
    sheet = wb.table(
        _("Budget"),
        [
            _("Level"),
            _("Name"),
            _("Budget (10k yuan)"),
            _("Approved (10k yuan)"),
            _("Paid (10k yuan)"),
            _("Available (10k yuan)"),
        ],
        widths=[None, 40],
    )
    levels = {"policy": _("Policy"), "call": _("Call"), "clause": _("Clause")}
    i = 0
    for level, rows in data["budget"].items():
        for r in rows:
            i += 1
            sheet.write_string(i, 0, str(levels[level]))
            sheet.write_string(i, 1, str(r["name"]))
            for col, key in enumerate(("budget", "approved", "paid", "available"), start=2):
                if r.get(key) is not None:
                    sheet.write_number(i, col, float(r[key] / wan), money)
    wb.close()
