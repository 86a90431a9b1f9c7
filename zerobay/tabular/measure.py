"""Measuring a file before anything parses it.

A 5 KB workbook with one cell at XFD1048576 makes the spreadsheet reader allocate the whole grid,
and a 3 MB workbook can hold a sheet that expands to gigabytes: both take down the process that
reads them. So every workbook and document is measured first, from its zip directory and a
streaming scan of its sheets' XML, against limits in settings, and refused with a message that
names the limit and the value. The scan reads the XML in bounded chunks and keeps only a few
numbers, so measuring costs no memory whatever the file holds.

Formats without a zip container (xls, xlsb, csv) are bounded by their size: their readers allocate
in proportion to the file (xls also caps a sheet at 65,536 × 256 cells).
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import UnreadableFile

MB = 1024 * 1024
CHUNK = 4 * MB
ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".docx"}
# A cell reference's letters with two or three letters: a sheet of at most 26 columns has none,
# so the common case costs one failed search per chunk.
_ROW = re.compile(rb'<row r="([0-9]+)"')
_ROW_TAG = re.compile(rb"<row[ >]")
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class FileRefused(UnreadableFile):
    """The file is over a limit: refused before parsing, with the limit and the value."""


@dataclass(frozen=True)
class Limits:
    bytes: int
    uncompressed_bytes: int
    ratio: int
    entries: int
    rows: int
    columns: int
    cells: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            bytes=settings.ZEROBAY_MAX_FILE_BYTES,
            uncompressed_bytes=settings.ZEROBAY_MAX_UNCOMPRESSED_BYTES,
            ratio=settings.ZEROBAY_MAX_COMPRESSION_RATIO,
            entries=settings.ZEROBAY_MAX_ZIP_ENTRIES,
            rows=settings.ZEROBAY_MAX_SHEET_ROWS,
            columns=settings.ZEROBAY_MAX_SHEET_COLUMNS,
            cells=settings.ZEROBAY_MAX_SHEET_CELLS,
        )


@dataclass
class SheetMeasure:
    entry: str
    rows: int = 0  # the highest row number holding a cell (or the number of rows)
    columns: int = 0  # the highest column number holding a cell
    declared: str = ""  # the sheet's own <dimension ref>, which a hostile file may leave out
    cell_tags: int = 0

    @property
    def cells(self) -> int:
        return max(self.rows * self.columns, self.cell_tags)


@dataclass
class Measure:
    size: int
    uncompressed: int = 0
    entries: int = 0
    sheets: list[SheetMeasure] = field(default_factory=list)


def column_number(letters: bytes | str) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def measure_file(path: Path, name: str | None = None, limits: Limits | None = None) -> Measure:
    """Measures `path` (its format from `name` or the path's suffix); raises FileRefused over a limit
    and UnreadableFile for a zip-based format that is not a zip."""
    limits = limits or Limits.from_settings()
    suffix = Path(name or path).suffix.lower()
    size = path.stat().st_size
    if size > limits.bytes:
        raise FileRefused(
            _("The file is %(size)s MB: the limit is %(limit)s MB")
            % {"size": _mb(size), "limit": _mb(limits.bytes)}
        )
    measure = Measure(size=size)
    if suffix not in ZIP_SUFFIXES:
        return measure
    try:
        with zipfile.ZipFile(path) as archive:
            _measure_zip(archive, measure, limits)
            if suffix in (".xlsx", ".xlsm"):
                for info in archive.infolist():
                    if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                        measure.sheets.append(_measure_sheet(archive, info, limits))
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(
            _("Cannot read the workbook: the file is damaged or not a valid %(suffix)s file (%(error)s)")
            % {"suffix": suffix, "error": exc}
        ) from None
    return measure


def measure_zip(path_or_file, limits: Limits | None = None) -> Measure:
    """Measures the zip directory of a document (docx, xlsx) given as a path or a binary file."""
    limits = limits or Limits.from_settings()
    with zipfile.ZipFile(path_or_file) as archive:
        measure = Measure(size=0)
        _measure_zip(archive, measure, limits)
    return measure


def _measure_zip(archive: zipfile.ZipFile, measure: Measure, limits: Limits) -> None:
    infos = archive.infolist()
    measure.entries = len(infos)
    if len(infos) > limits.entries:
        raise FileRefused(
            _("The file holds %(count)s parts: the limit is %(limit)s")
            % {"count": len(infos), "limit": limits.entries}
        )
    measure.uncompressed = sum(info.file_size for info in infos)
    if measure.uncompressed > limits.uncompressed_bytes:
        raise FileRefused(
            _("Uncompressed, the file is %(size)s MB: the limit is %(limit)s MB")
            % {"size": _mb(measure.uncompressed), "limit": _mb(limits.uncompressed_bytes)}
        )
    for info in infos:
        # Small parts compress well without harm; a bomb is a large part from very few bytes.
        if info.file_size > MB and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise FileRefused(
                _(
                    "Part “%(part)s” of the file expands %(ratio)s times when uncompressed: "
                    "the limit is %(limit)s times"
                )
                % {
                    "part": info.filename,
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "limit": limits.ratio,
                }
            )


def _measure_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> SheetMeasure:
    sheet = SheetMeasure(entry=info.filename)
    numbered_rows = counted_rows = 0
    tail = b""
    with archive.open(info) as stream:  # zipfile yields at most the declared size
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            if not sheet.declared and (found := _DIMENSION.search(data)):
                sheet.declared = found.group(1).decode("ascii")
            tags, widest = _cells(data)
            sheet.columns = max(sheet.columns, widest)
            rows = _ROW.findall(data)
            if rows:
                numbered_rows = max(numbered_rows, max(int(r) for r in rows))
            counted_rows += len(_ROW_TAG.findall(chunk))
            sheet.rows = max(numbered_rows, counted_rows)
            # Cells written without a reference still take a place each: count them too (those of
            # the chunk: the tail's were counted with the chunk before).
            sheet.cell_tags += tags - (_cells(tail)[0] if tail else 0)
            _check_sheet(sheet, limits)
            tail = data[-64:]  # a tag cut by the chunk boundary is found in the next round
    return sheet


def _cells(data: bytes) -> tuple[int, int]:
    """(cell tags, the number of the rightmost column a cell reference names) in `data`, in one numpy
    pass over its '<' bytes: a sheet of 4 million cells would otherwise cost a regex match object or
    a bytes object per cell. A reference counts as the patterns `<c r="A1` to `<c r="XFD1` say."""
    a = np.frombuffer(data + b"\0" * 12, dtype=np.uint8)
    lt = np.flatnonzero(a[: len(data)] == ord("<"))
    after = a[lt + 2]
    tags = lt[(a[lt + 1] == ord("c")) & ((after == ord(" ")) | (after == ord(">")))]
    refs = tags[(a[tags + 3] == ord("r")) & (a[tags + 4] == ord("=")) & (a[tags + 5] == ord('"'))]
    l1, l2, l3, l4 = (a[refs + k].astype(np.int64) for k in (6, 7, 8, 9))

    def letter(x):
        return (x >= ord("A")) & (x <= ord("Z"))

    def digit(x):
        return (x >= ord("0")) & (x <= ord("9"))

    widest = 0
    for match, number in (
        (letter(l1) & digit(l2), l1 - 64),
        (letter(l1) & letter(l2) & digit(l3), (l1 - 64) * 26 + (l2 - 64)),
        (letter(l1) & letter(l2) & letter(l3) & digit(l4), ((l1 - 64) * 26 + (l2 - 64)) * 26 + (l3 - 64)),
    ):
        if match.any():
            widest = max(widest, int(number[match].max()))
    return len(tags), widest


def _check_sheet(sheet: SheetMeasure, limits: Limits) -> None:
    name = sheet.entry.rsplit("/", 1)[-1]
    if sheet.columns > limits.columns:
        raise FileRefused(
            _("Sheet %(sheet)s has a cell in column %(letters)s (%(value)s): the limit is %(limit)s columns")
            % {
                "sheet": name,
                "letters": column_letters(sheet.columns),
                "value": sheet.columns,
                "limit": limits.columns,
            }
        )
    if sheet.rows > limits.rows:
        raise FileRefused(
            _("Sheet %(sheet)s has a cell in row %(value)s: the limit is %(limit)s rows")
            % {"sheet": name, "value": sheet.rows, "limit": limits.rows}
        )
    if sheet.cells > limits.cells:
        raise FileRefused(
            _("Sheet %(sheet)s spans %(rows)s rows × %(columns)s columns: the limit is %(limit)s cells")
            % {"sheet": name, "rows": sheet.rows, "columns": sheet.columns, "limit": limits.cells}
        )


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".rstrip("0").rstrip(".")
