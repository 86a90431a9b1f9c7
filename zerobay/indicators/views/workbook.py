"""The xlsx workbook of the indicator pages' exports."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.translation import gettext as _

from zerobay.tabular.xlsx import Workbook, xlsx_download


def _xlsx(filename: str, sheets: list[tuple[str, list[str], list[list]]]):
    """A workbook with one sheet per (title, header, rows); numbers stay numbers."""

    def write(fileobj):
        workbook = Workbook(fileobj, in_memory=True)
        decimal = workbook.style("decimal")
        for title, header, rows in sheets:
            sheet = workbook.table(title, header)
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
