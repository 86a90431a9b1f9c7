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
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import UnreadableFile

MB = 1024 * 1024
CHUNK = 4 * MB
SCANNERS = 2  # chunks scanned at once
ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".docx"}
# Bytes after the "r" of a reference that its value may need: ` = "XFDD12345678`.
LOOKAHEAD = 24
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
    counts = [0, 0]  # rows numbered (the highest r), rows counted (tags)
    tail = b""
    first = 0  # where this round's positions start: the tail's first byte was looked at last round
    scans: deque = deque()

    def merge(found: tuple[int, int, int, int]) -> None:
        widest, highest, cells, rows = found
        sheet.columns = max(sheet.columns, widest)
        counts[0] = max(counts[0], highest)
        counts[1] += rows
        sheet.cell_tags += cells
        sheet.rows = max(counts)
        _check_sheet(sheet, limits)

    # zipfile yields at most the declared size. The next chunk is decompressed (zlib, without the
    # GIL) while numpy scans the ones before it, two at a time (numpy's loops release the GIL too):
    # the caller, who waits for the measure before anything parses the file, has both cores.
    with archive.open(info) as stream, ThreadPoolExecutor(1) as reader, ThreadPoolExecutor(SCANNERS) as pool:
        pending = reader.submit(stream.read, CHUNK)
        while True:
            chunk = pending.result()
            if chunk:
                pending = reader.submit(stream.read, CHUNK)
            data = tail + chunk
            if not sheet.declared and not tail and (found := _DIMENSION.search(data)):
                sheet.declared = found.group(1).decode("ascii")
            # Positions up to `end` are scanned now; a reference may need LOOKAHEAD bytes after its
            # start, so the last ones wait for the next chunk (all of them at the end of the part).
            end = len(data) - LOOKAHEAD if chunk else len(data)
            if end > first:
                scans.append(pool.submit(_scan, data, first, end))
                while len(scans) >= SCANNERS:
                    merge(scans.popleft().result())
            if not chunk:
                while scans:
                    merge(scans.popleft().result())
                return sheet
            tail, first = data[max(end, first) - 1 :], 1


def _scan(data: bytes, first: int, end: int) -> tuple[int, int, int, int]:
    """(rightmost column, highest row number, cell tags, row tags) of the references and tags that
    start in data[first:end]."""
    widest, highest = _references(data, first, end)
    # Every tag starting "<c" is taken for a cell and every "<row" for a row, with a namespace
    # prefix too (calamine reads <x:c> as a cell): the few other tags that start so (<cols>,
    # <rowBreaks>) only make the bound safer.
    cells = data.count(b"<c", first, end + 1)
    rows = data.count(b"<row", first, end + 3)
    if data.find(b":", first, end + 1) != -1:  # a memchr: chunks of numbers have none
        cells += data.count(b":c", first, end + 1)
        rows += data.count(b":row", first, end + 3)
    return widest, highest, cells, rows


def _references(data: bytes, first: int, end: int) -> tuple[int, int]:
    """(the rightmost column, the highest row) that an attribute r names, of those whose "r" lies in
    data[first:end], in one numpy pass: a sheet of 4 million cells would otherwise cost a match
    object per cell. Found in any attribute order, quoting and letter case (`<c s="1" r='xfd9'>`, as
    calamine reads it), as `r="A1"` in a cell or `r="1"` in a row; a row number of eight digits or more
    counts as 10,000,000, beyond any sheet."""
    a = np.frombuffer(data + b"\0" * (LOOKAHEAD + 8), dtype=np.uint8)
    at = np.flatnonzero(a[first:end] == ord("r")) + first
    at = at[_space(a[at - 1])]
    q = at + 1
    for _round in range(2):  # r = "…": a space or two either side of "=" is still XML
        q += _space(a[q])
    q = q[a[q] == ord("=")] + 1
    for _round in range(2):
        q += _space(a[q])
    q = q[(a[q] == ord('"')) | (a[q] == ord("'"))] + 1
    # Letters, then digits: a fixed number of rounds, each advancing the references still alive.
    column = np.zeros(len(q), dtype=np.int64)
    alive = np.ones(len(q), dtype=bool)
    for _round in range(4):  # XFD is Excel's last column: a fourth letter is beyond every limit
        c = a[q].astype(np.int64)
        upper = (c >= ord("A")) & (c <= ord("Z"))
        alive &= upper | ((c >= ord("a")) & (c <= ord("z")))  # calamine reads "xfd1" as XFD1
        column[alive] = column[alive] * 26 + np.where(upper, c - 64, c - 96)[alive]
        q += alive
    row = np.zeros(len(q), dtype=np.int64)
    alive[:] = True
    for _round in range(8):
        c = a[q]
        alive &= (c >= ord("0")) & (c <= ord("9"))
        if not alive.any():
            break
        row[alive] = row[alive] * 10 + c[alive] - 48
        q += alive
    row[alive] = 10_000_000  # eight digits: beyond any sheet
    return int(column.max(initial=0)), int(row.max(initial=0))


def _space(c: np.ndarray) -> np.ndarray:
    return (c == ord(" ")) | (c == ord("\n")) | (c == ord("\t")) | (c == ord("\r"))


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
