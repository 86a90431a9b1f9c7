"""Reading rows from workbooks (xlsx, xlsm, xlsb, xls, ods through python-calamine) and CSV files."""

import csv
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import python_calamine
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import UnreadableFile
from .measure import measure_file

__all__ = ["SUFFIXES", "UnreadableFile", "sheets", "sheets_ahead"]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = SPREADSHEET_SUFFIXES | CSV_SUFFIXES


def sheets(path: Path, name: str | None = None) -> Iterator[tuple[str, int, Iterator[tuple[int, list]]]]:
    """(sheet name, number of rows, rows) for each sheet; rows are (Excel row number, cells).
    The file is measured first (tabular.measure): over a limit it is refused unparsed."""
    suffix = Path(name or path).suffix.lower()
    if suffix in SUFFIXES:
        measure_file(Path(path), name)
    if suffix in CSV_SUFFIXES:
        rows = list(_csv_rows(path))
        yield "csv", len(rows), iter(rows)
        return
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            _("Unsupported file type “%(suffix)s”: upload an xlsx, xls, xlsb, ods or csv file")
            % {"suffix": suffix or _("no extension")}
        )
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of corruption
        raise UnreadableFile(
            _("Cannot read the workbook: the file is damaged or not a valid %(suffix)s file (%(error)s)")
            % {"suffix": suffix, "error": exc}
        ) from None
    for index, sheet_name in enumerate(workbook.sheet_names):
        try:
            sheet = workbook.get_sheet_by_index(index)
        except Exception as exc:
            raise UnreadableFile(
                _("Cannot read the sheet “%(sheet)s”: %(error)s") % {"sheet": sheet_name, "error": exc}
            ) from None
        # calamine pads rows from the first row of the sheet, so the position is the row number.
        yield (
            sheet_name,
            sheet.start[0] + sheet.height if sheet.start else 0,
            enumerate(sheet.iter_rows(), start=1),
        )


def sheets_ahead(
    path: Path, name: str | None = None
) -> Iterator[tuple[str, int, Iterator[tuple[int, list]]]]:
    """sheets(path, name), its first sheet measured and parsed from now on in a background thread:
    calamine parses without holding the GIL, so what the caller does meanwhile (reading the
    registry, say) costs no time. Errors are raised when the sheets are iterated, as sheets() does."""
    inner = sheets(path, name)
    language = translation.get_language()

    def first():
        with translation.override(language):  # messages in the language of the request
            return next(inner, None)

    pool = ThreadPoolExecutor(1)
    ahead = pool.submit(first)
    pool.shutdown(wait=False)  # the thread ends with its one job

    def gen():
        item = ahead.result()
        if item is not None:
            yield item
            yield from inner

    return gen()


def _csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(
            _("Cannot recognise the encoding of the CSV file (it should be UTF-8 or GBK/GB18030)")
        )
    yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
