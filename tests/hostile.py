"""Hostile files, built the way an attacker would: small on disk, enormous when read."""

import zipfile
from pathlib import Path

import openpyxl

MB = 1024 * 1024


def far_cell(path: Path) -> Path:
    """A few KB: a header and one cell at XFD1048576, the last cell of a sheet. A reader that
    allocates the sheet's range asks for about 2^39 bytes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "企业名称", "营业收入（千元）"])
    sheet["XFD1048576"] = 1
    book.save(path)
    return path


def _bomb(path: Path, part: str, head: bytes, tail: bytes, mb: int, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in extra.items():
            archive.writestr(name, data)
        with archive.open(part, "w", force_zip64=True) as stream:
            stream.write(head)
            padding = b"<!--" + b" " * MB + b"-->"
            for _ in range(mb):
                stream.write(padding)
            stream.write(tail)
    return path


def sheet_bomb(path: Path, mb: int = 120) -> Path:
    """An xlsx whose one sheet expands about a thousand times (comments of spaces)."""
    return _bomb(
        path,
        "xl/worksheets/sheet1.xml",
        b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
        b"</sheetData></worksheet>",
        mb,
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"},
    )


def docx_bomb(path: Path, mb: int = 120) -> Path:
    """A docx whose document.xml expands about a thousand times."""
    return _bomb(
        path,
        "word/document.xml",
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
        b"</w:body></w:document>",
        mb,
        {"[Content_Types].xml": b"<Types/>"},
    )
