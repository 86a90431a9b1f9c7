"""Turning cells into values: numbers as written in real workbooks, and USCCs."""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

# The conventional marks statisticians write for "nothing to report" (after NFKC, so the full-width
# forms count too). Read as empty, with a warning naming the cell; any other text in a number column
# (N/A, none, 空, 待定 …) is an error of its row, as the import contract says.
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无"})
EMPTY_MARKS = PLACEHOLDERS | {""}
CENT = Decimal("0.01")


class NotANumber(ValueError):
    pass


def is_placeholder(value) -> bool:
    """A text cell holding one of the conventional empty marks (not an empty cell)."""
    return isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in PLACEHOLDERS


def parse_number(value) -> Decimal | None:
    """Decimal from a cell: 1234, 1234.5, '1,234.5', '１２３', ' 12 ' and '(12)' as -12; None for empty."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise NotANumber(value)
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NotANumber(value)
        # repr gives the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055.
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.casefold() in EMPTY_MARKS:
        return None
    text = text.replace(",", "").replace(" ", "").replace("\u2212", "-")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise NotANumber(value) from None
    if not number.is_finite():
        raise NotANumber(value)
    return -number if negative else number


def clean_uscc(value) -> str:
    """Trimmed, upper-cased, full-width folded; inner spaces dropped."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():
        return "".join(value.split()).upper()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()


CHECKSUM_PROBLEM = "校验码错误"
FORMAT_PROBLEM = "含有不允许的字符或编码段无效"


def uscc_problem(code: str) -> str | None:
    """None if `code` is a valid USCC (GB 32100-2015, check character included), else why not.
    For many codes at once, usccs.uscc_problems gives the same answers faster."""
    try:
        stdnum_uscc.validate(code)
    except InvalidLength:
        return f"长度为{len(code)}位，应为18位"
    except InvalidChecksum:
        return CHECKSUM_PROBLEM
    except (InvalidFormat, InvalidComponent):
        return FORMAT_PROBLEM
    return None


class NotADate(ValueError):
    pass


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's leap-year quirk included)


def parse_date(value) -> datetime.date | None:
    """A date from a cell: an Excel date, its serial number, 2021-03-05, 2021/3/5, 2021.3.5 or
    2021年3月5日 (a time of day, if any, is dropped); None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value or not 1 <= value < 2_958_466:
            raise NotADate(value)
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.casefold() in EMPTY_MARKS:
        return None
    text = text.split(" ")[0] if " " in text and ":" in text else text  # "2021-03-05 00:00:00"
    if not (m := _DATE_TEXT.match(text)):
        raise NotADate(value)
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise NotADate(value) from None


def fold_text(value) -> str:
    """Text compared loosely: NFKC, no white space or quotes, case-folded."""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(c for c in text if not c.isspace() and c not in "\"'“”‘’「」").casefold()


def parse_code(value, digits: int) -> str | None:
    """A code of `digits` digits: a number cell loses its leading zeros in Excel, so they are put
    back; a leading section letter (I6520) is dropped. Raises ValueError when it is not one."""
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        value = int(value)
    if isinstance(value, int):
        text = str(value).zfill(digits)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().upper()
        if text.casefold() in EMPTY_MARKS:
            return None
        if text[:1].isalpha() and text[:1].isascii():
            text = text[1:]
    if len(text) != digits or not text.isdigit():
        raise ValueError(value)
    return text
