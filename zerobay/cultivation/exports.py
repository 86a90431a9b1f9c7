"""Candidate lists and the certificate watch as xlsx, for the staff who visit the enterprises."""

from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, write_cells, xlsx_download

from .screening import STATUS_LABELS, STATUSES, Screening

MET_TEXT = {True: "✓", False: "✗", None: "待确认"}


def write_screening(result: Screening, positions, fileobj) -> int:
    book = Workbook(fileobj, streaming=True)
    criteria = result.rule.criteria
    header = [_("Unified social credit code"), _("Enterprise name"), _("Org unit"), _("Status"), _("Gap")]
    header += [c.label for c in criteria]
    sheet = book.table(result.rule.name, header, freeze_columns=2)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 34)
    sheet.set_column(4, 4, 40)
    sheet.set_column(5, 4 + len(criteria), 30)
    n = 0
    for n, pos in enumerate(positions, start=1):
        pos = int(pos)
        status = STATUSES[result.status[pos]]
        f = result.facts
        write_cells(
            sheet,
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
        book = Workbook(fileobj, streaming=True)
        sheet = book.table(
            _("Expiring HTE certificates"),
            [
                _("Unified social credit code"),
                _("Enterprise name"),
                _("Org unit"),
                _("Valid to"),
                _("Would qualify again"),
            ],
            widths=[24] * 5,
        )
        for n, e in enumerate(watch["expiring"], start=1):
            write_cells(
                sheet,
                n,
                0,
                [e["uscc"], e["name"], e["org_unit"] or "", e["valid_to"], e["would_requalify_label"]],
            )
        book.close()

    return xlsx_download(write, f"高企证书到期-{watch['as_of']}.xlsx")


def table_xlsx_response(filename: str, title: str, header: list[str], rows: list[list]):
    """One sheet of rows under a header (the chase and 升规纳统 lists), keyed by code and name."""

    def write(fileobj):
        book = Workbook(fileobj, in_memory=True)
        sheet = book.table(title, header, widths=[22, 36] + [14] * (len(header) - 2), freeze_columns=2)
        for n, row in enumerate(rows, start=1):
            write_cells(sheet, n, 0, row)
        sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        book.close()

    return xlsx_download(write, filename)
