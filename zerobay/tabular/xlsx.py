"""The one xlsx writer of the project: one header style, named number formats, column widths, a
frozen header row, constant-memory streaming for big exports, and the download response.

Every text is written as text, never as a formula, a link or a number: a title such as
`=HYPERLINK("http://evil","x")` or one starting with + - @ lands in the cell as the literal text
(the workbook is opened with strings_to_formulas/urls/numbers off, and `write_cells` writes every
str with write_string).
"""

import datetime
import tempfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from django.http import FileResponse
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The only cell formats of the project's workbooks; the header style is defined here and nowhere else.
STYLES: dict[str, dict] = {
    "header": {"bold": True, "bg_color": "#E8F0FB", "border": 1, "text_wrap": True},
    "title": {"bold": True, "font_size": 14},
    "bold": {"bold": True},
    "money": {"num_format": "#,##0.00"},
    "decimal": {"num_format": "#,##0.00##"},
    "count": {"num_format": "#,##0"},
    "percent": {"num_format": "0.0%"},
    "date": {"num_format": "yyyy-mm-dd"},
    "wrap": {"text_wrap": True, "valign": "top"},
}
TEXT_ONLY = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


class Workbook(xlsxwriter.Workbook):
    """An xlsxwriter workbook that writes text as text. `streaming` (constant memory, rows written in
    order through a temporary directory) is for exports that can be large."""

    def __init__(self, target, *, streaming: bool = False, in_memory: bool = False):
        options = dict(TEXT_ONLY, tmpdir=tempfile.gettempdir())
        if streaming:
            options["constant_memory"] = True
        elif in_memory:
            options["in_memory"] = True
        super().__init__(str(target) if isinstance(target, Path) else target, options)
        self._styles: dict[str, Format] = {}

    def style(self, name: str) -> Format:
        """The format named in STYLES (made once per workbook)."""
        if name not in self._styles:
            self._styles[name] = self.add_format(STYLES[name])
        return self._styles[name]

    @property
    def header(self) -> Format:
        return self.style("header")

    def table(
        self,
        name: str,
        headers: Sequence[str],
        *,
        widths: Sequence[float | None] = (),
        row: int = 0,
        freeze_columns: int = 0,
        freeze: bool = True,
    ) -> Worksheet:
        """A new sheet with `headers` in the header style on `row`, column widths set and the rows
        down to the header frozen."""
        sheet = self.add_worksheet(name[:31] if name else None)
        for col, width in enumerate(widths):
            if width is not None:
                sheet.set_column(col, col, width)
        write_cells(sheet, row, 0, headers, self.header)
        if freeze:
            sheet.freeze_panes(row + 1, freeze_columns)
        return sheet


def write_cell(sheet: Worksheet, row: int, col: int, value, fmt: Format | None = None) -> None:
    """One value by its type: str always as a string, numbers as numbers, dates as dates (in the
    given format), None as nothing."""
    if value is None:
        if fmt is not None:
            sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value, fmt)
    elif isinstance(value, datetime.datetime | datetime.date):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())
        sheet.write_datetime(row, col, value.replace(tzinfo=None), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def write_cells(
    sheet: Worksheet,
    row: int,
    col: int,
    values: Iterable,
    fmt: Format | Sequence[Format | None] | None = None,
) -> None:
    """A row of values from `col` on; `fmt` is one format for all or one per value."""
    per_value = fmt if isinstance(fmt, list | tuple) else None
    for i, value in enumerate(values):
        if per_value is None:
            write_cell(sheet, row, col + i, value, fmt)  # type: ignore[arg-type]
        else:
            write_cell(sheet, row, col + i, value, per_value[i] if i < len(per_value) else None)


def xlsx_download(write: Callable, filename: str) -> FileResponse:
    """A workbook as a download: `write(fileobj)` fills a temporary file, which is streamed and
    removed when sent, so a large export never sits in memory."""
    spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    write(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
