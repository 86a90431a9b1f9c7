"""Turning cells into values: numbers as written in real workbooks, and USCCs."""

import unicodedata
from decimal import Decimal, InvalidOperation

from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

# What statisticians write for "nothing to report".
EMPTY_MARKS = frozenset({"", "-", "--", "—", "——", "/", "无", "空", "n/a", "na", "none", "null"})
CENT = Decimal("0.01")


class NotANumber(ValueError):
    pass


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


def uscc_problem(code: str) -> str | None:
    """None if `code` is a valid USCC (GB 32100-2015, check character included), else why not."""
    try:
        stdnum_uscc.validate(code)
    except InvalidLength:
        return f"长度为{len(code)}位，应为18位"
    except InvalidChecksum:
        return "校验码错误"
    except (InvalidFormat, InvalidComponent):
        return "含有不允许的字符或编码段无效"
    return None
