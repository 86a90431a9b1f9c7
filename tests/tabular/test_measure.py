"""Files measured before they are parsed: the limits, the values and the messages."""

import re
import zipfile

import openpyxl
import pytest
from django.utils import translation

from zerobay.tabular.measure import (
    FileRefused,
    Limits,
    column_letters,
    column_number,
    measure_file,
    measure_zip,
)
from zerobay.tabular.reading import UnreadableFile, sheets

from ..hostile import docx_bomb, far_cell, sheet_bomb


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


LIMITS = Limits(
    bytes=50 * 1024 * 1024,
    uncompressed_bytes=1024 * 1024 * 1024,
    ratio=100,
    entries=100,
    rows=1_048_576,
    columns=1_000,
    cells=30_000_000,
)


def test_a_cell_at_the_end_of_the_sheet_is_refused_with_its_column(tmp_path):
    with pytest.raises(FileRefused, match=r"column XFD \(16384\): the limit is 1000 columns"):
        measure_file(far_cell(tmp_path / "far.xlsx"), limits=LIMITS)


def test_the_reader_refuses_it_too_before_reading_it(tmp_path):
    with pytest.raises(FileRefused):
        list(sheets(far_cell(tmp_path / "far.xlsx")))


def test_an_expanding_sheet_is_refused_by_its_ratio_naming_the_part(tmp_path):
    with pytest.raises(FileRefused, match=r"sheet1.xml.* expands \d+ times .* limit is 100 times"):
        measure_file(sheet_bomb(tmp_path / "bomb.xlsx", mb=20), limits=LIMITS)


def test_a_document_bomb_is_refused_from_its_directory(tmp_path):
    with pytest.raises(FileRefused, match="document.xml"):
        measure_zip(docx_bomb(tmp_path / "bomb.docx", mb=20), limits=LIMITS)


def test_too_large_uncompressed_or_too_many_parts(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(101):
            archive.writestr(f"part{i}.xml", b"<x/>")
    with pytest.raises(FileRefused, match="101 parts: the limit is 100"):
        measure_file(path, limits=LIMITS)
    small = Limits(**{**LIMITS.__dict__, "uncompressed_bytes": 1024, "entries": 1000})
    with pytest.raises(FileRefused, match="Uncompressed, the file is"):
        measure_file(sheet_bomb(tmp_path / "b.xlsx", mb=1), limits=small)


def test_a_file_over_the_size_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" * 1000)
    with pytest.raises(FileRefused, match="the limit is"):
        measure_file(path, limits=Limits(**{**LIMITS.__dict__, "bytes": 100}))


def test_too_many_cells_by_rows_times_columns(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["CV1"], sheet["A100000"] = 1, 2, 3  # 100,000 rows × 100 columns
    path = tmp_path / "wide.xlsx"
    book.save(path)
    with pytest.raises(FileRefused, match="100000 rows × 100 columns: the limit is 1000000 cells"):
        measure_file(path, limits=Limits(**{**LIMITS.__dict__, "cells": 1_000_000}))


def test_a_real_workbook_is_measured_exactly(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(1, 301):
        sheet.append([f"企业{r}", *range(39)])  # 40 columns: A … AN
    path = tmp_path / "ok.xlsx"
    book.save(path)
    measure = measure_file(path, limits=LIMITS)
    (measured,) = measure.sheets
    assert (measured.rows, measured.columns) == (300, 40)
    assert measured.declared == "A1:AN300"
    assert sum(1 for _ in next(sheets(path))[2]) == 300


def test_a_renamed_file_is_unreadable_not_a_crash(tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(b"%PDF-1.7 not a workbook")
    with pytest.raises(UnreadableFile):
        measure_file(path, limits=LIMITS)


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("AN", 40), ("XFD", 16384)])
def test_column_numbers(letters, number):
    assert column_number(letters) == number
    assert column_letters(number) == letters


def _with_sheet_data(tmp_path, rows: bytes, name: str = "odd.xlsx"):
    """A workbook whose first sheet's <sheetData> is `rows`, written by hand as a hostile or odd
    writer would."""
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b"<sheetData", 1)
                data = head + b"<sheetData>" + rows + b"</sheetData>" + rest.split(b"</sheetData>", 1)[-1]
                data = data.replace(b"<sheetData/>", b"")
            target.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "cell",
    [
        b'<c s="0" r="XFD5"><v>1</v></c>',  # the reference after another attribute
        b"<c r='XFD5'><v>1</v></c>",  # in single quotes
        b'<c\nr = "XFD5"><v>1</v></c>',  # spaces and a line break around it
        b'<c r="xfd5"><v>1</v></c>',  # in lower case, which calamine reads as XFD5
    ],
)
def test_a_far_column_is_found_in_any_attribute_order_and_quoting(tmp_path, cell):
    path = _with_sheet_data(tmp_path, b'<row r="5"><c r="A5"><v>1</v></c>' + cell + b"</row>")
    with pytest.raises(FileRefused, match=r"column XFD \(16384\)"):
        measure_file(path, limits=LIMITS)


def test_a_far_row_in_a_cell_reference_alone_is_found(tmp_path):
    # The row tag carries no number; the cell says row 2,000,000.
    path = _with_sheet_data(tmp_path, b'<row><c r="B2000000"><v>1</v></c></row>')
    with pytest.raises(FileRefused, match=r"row 2000000: the limit is 1048576 rows"):
        measure_file(path, limits=LIMITS)
    path = _with_sheet_data(tmp_path, b'<row r="123456789"><c><v>1</v></c></row>', "eight.xlsx")
    with pytest.raises(FileRefused, match=r"row 10000000"):
        measure_file(path, limits=LIMITS)


def test_cells_and_rows_with_a_namespace_prefix_are_counted(tmp_path):
    # calamine reads <x:c> as a cell: 2,000 of them without references make a row 2,000 cells wide.
    path = _with_sheet_data(tmp_path, b"<x:row>" + b"<x:c><x:v>1</x:v></x:c>" * 2000 + b"</x:row>")
    with pytest.raises(FileRefused, match="the limit is 1000 cells"):
        measure_file(path, limits=Limits(**{**LIMITS.__dict__, "cells": 1000}))


def test_the_measure_agrees_with_the_reader_on_an_odd_sheet(tmp_path):
    import python_calamine

    rows = b'<row r="3"><c t="n" s="0" r="D3"><v>7</v></c></row><row r="7"><c r = "b7"><v>1</v></c></row>'
    path = _with_sheet_data(tmp_path, rows)
    (measured,) = measure_file(path, limits=LIMITS).sheets
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert (measured.rows, measured.columns) == (sheet.end[0] + 1, sheet.end[1] + 1) == (7, 4)


def test_references_cut_by_the_chunk_boundary_are_measured(tmp_path, monkeypatch):
    from zerobay.tabular import measure

    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="AN%d"><v>2</v></c></row>' % (r, r, r)
        for r in range(1, 400)
    )
    path = _with_sheet_data(tmp_path, rows)
    expected = measure_file(path, limits=LIMITS).sheets[0]
    for size in (29, 30, 31, 37, 64, 101):  # chunks that cut tags and references at every place
        monkeypatch.setattr(measure, "CHUNK", size)
        (measured,) = measure_file(path, limits=LIMITS).sheets
        assert (measured.rows, measured.columns, measured.cell_tags) == (399, 40, 798)
        assert (measured.rows, measured.columns) == (expected.rows, expected.columns)


def test_sheets_read_ahead_are_the_sheets_and_refuse_the_same_files(tmp_path):
    from zerobay.tabular.reading import sheets_ahead

    book = openpyxl.Workbook()
    for r in range(1, 51):
        book.active.append([f"企业{r}", r])
    path = tmp_path / "ok.xlsx"
    book.save(path)
    ahead = [(name, total, list(rows)) for name, total, rows in sheets_ahead(path)]
    assert ahead == [(name, total, list(rows)) for name, total, rows in sheets(path)]
    assert len(ahead[0][2]) == 50
    refused = sheets_ahead(far_cell(tmp_path / "far.xlsx"))  # measured in the background thread
    with pytest.raises(FileRefused, match=r"column XFD \(16384\)"):  # in the caller's language
        list(refused)
    with translation.override("zh-hans"), pytest.raises(FileRefused) as chinese:
        list(sheets_ahead(far_cell(tmp_path / "far2.xlsx")))
    assert "XFD" in str(chinese.value) and re.search("[\u4e00-\u9fff]", str(chinese.value))
