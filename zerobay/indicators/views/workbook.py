"""The xlsx workbook of the indicator pages' exports."""

from __future__ import annotations

import math
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from zerobay.registry.exports import xlsx_download


def _xlsx(filename: str, sheets: list[tuple[str, list[str], list[list]]]):
    """A workbook with one sheet per (title, header, rows); numbers stay numbers."""

    def write(fileobj):
        workbook = xlsxwriter.Workbook(fileobj, {"strings_to_numbers": False, "in_memory": True})
        head = workbook.add_format({"bold": True, "bg_color": "#E8F0FB", "border": 1, "text_wrap": True})
        decimal = workbook.add_format({"num_format": "#,##0.00##"})
        for title, header, rows in sheets:
            sheet = workbook.add_worksheet(title[:31])
            sheet.write_row(0, 0, header, head)
            sheet.freeze_panes(1, 0)
            for r, row in enumerate(rows, start=1):
                for c, cell in enumerate(row):
                    if cell is None:
                        continue
                    if isinstance(cell, bool):
                        sheet.write_string(r, c, _("yes") if cell else _("no"))
                    elif isinstance(cell, int | float | Decimal):
                        if isinstance(cell, float) and not math.isfinite(cell):
                            continue
                        sheet.write_number(r, c, float(cell), decimal)
                    else:
                        sheet.write_string(r, c, str(cell))
            sheet.set_column(0, max(len(header) - 1, 0), 14)
            sheet.autofilter(0, 0, max(len(rows), 1), max(len(header) - 1, 0))
        workbook.close()

    return xlsx_download(write, filename)
