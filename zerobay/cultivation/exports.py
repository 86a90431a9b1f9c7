"""Candidate lists and the certificate watch as xlsx, for the staff who visit the enterprises."""

import tempfile

import xlsxwriter
from django.utils.translation import gettext as _

from zerobay.registry.exports import xlsx_download

from .screening import STATUS_LABELS, STATUSES, Screening

MET_TEXT = {True: "✓", False: "✗", None: "待确认"}


def _workbook(fileobj):
    book = xlsxwriter.Workbook(fileobj, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    head = book.add_format({"bold": True, "bg_color": "#E8F0FB", "border": 1, "text_wrap": True})
    return book, head


def write_screening(result: Screening, positions, fileobj) -> int:
    book, head = _workbook(fileobj)
    sheet = book.add_worksheet(result.rule.name[:31])
    criteria = result.rule.criteria
    header = [_("Unified social credit code"), _("Enterprise name"), _("Org unit"), _("Status"), _("Gap")]
    header += [c.label for c in criteria]
    sheet.write_row(0, 0, header, head)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 34)
    sheet.set_column(4, 4, 40)
    sheet.set_column(5, 4 + len(criteria), 30)
    sheet.freeze_panes(1, 2)
    n = 0
    for n, pos in enumerate(positions, start=1):
        pos = int(pos)
        status = STATUSES[result.status[pos]]
        f = result.facts
        sheet.write_row(
            n,
            0,
            [
                f.usccs[pos],
                f.names[pos],
                f.org_codes[pos] or "",
                STATUS_LABELS[status],
                result.gap(pos) if status == "near" else "",
            ],
        )
        for k, c in enumerate(result.criteria(pos)):
            sheet.write_string(n, 5 + k, f"{MET_TEXT[c['met']]} {c['message']}")
    sheet.autofilter(0, 0, max(n, 1), len(header) - 1)
    book.close()
    return n


def screening_xlsx_response(result: Screening, positions, prefix: str = ""):
    name = f"{prefix}{result.rule.name}-{result.as_of:%Y%m%d}.xlsx"
    return xlsx_download(lambda f: write_screening(result, positions, f), name)


def certificates_xlsx_response(watch: dict):
    def write(fileobj):
        book, head = _workbook(fileobj)
        sheet = book.add_worksheet(_("Expiring HTE certificates"))
        sheet.write_row(
            0,
            0,
            [
                _("Unified social credit code"),
                _("Enterprise name"),
                _("Org unit"),
                _("Valid to"),
                _("Would qualify again"),
            ],
            head,
        )
        sheet.set_column(0, 4, 24)
        for n, e in enumerate(watch["expiring"], start=1):
            sheet.write_row(
                n, 0, [e["uscc"], e["name"], e["org_unit"] or "", e["valid_to"], e["would_requalify_label"]]
            )
        book.close()

    return xlsx_download(write, f"高企证书到期-{watch['as_of']}.xlsx")
