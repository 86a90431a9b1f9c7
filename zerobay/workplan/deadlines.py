"""完成时限 as governments write it, resolved to a date (or to "continuous").

Plain text in, plain data out; the year of the list fills in a text that has none:
- a date the importers read (an Excel date, 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日) or a
  day without its year (6月30日, 6/30), each with or without 前 / 底前 / 之前 / 以前;
- a month (2026年6月, 6月, 6月底, 2026-06) → its last day;
- a quarter (三季度, 第三季度, Q3, 2026年三季度末) → its last day;
- 上半年 / 年中 → 30 June; 下半年 / 年底 / 年末 / 年内 / 12月底 → 31 December;
- 持续推进 / 长期 / 常态化 / 全年推进 (and 持续 / 长期推进) → continuous, no due date.
Anything else raises UnreadableDeadline.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from zerobay.tabular.values import NotADate, parse_date


class UnreadableDeadline(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Deadline:
    due: datetime.date | None
    continuous: bool = False


CONTINUOUS = Deadline(None, True)
CONTINUOUS_WORDS = frozenset(
    {"持续推进", "长期", "长期推进", "常态化", "常态化推进", "全年推进", "持续", "长期坚持"}
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTHS_CN |= {"十一": 11, "十二": 12}
# "before / by / at the end of" words that do not change the date: 6月底前, 2026年6月30日之前
_SUFFIX = re.compile(r"(?:底前|末前|之前|以前|前|底|末|止)$")
_YEAR = r"(?:(\d{4})年)?"
_MONTH = re.compile(rf"^{_YEAR}(\d{{1,2}}|十[一二]?|[一二三四五六七八九])月(?:份)?$")
_MONTH_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_DAY = re.compile(rf"^{_YEAR}(\d{{1,2}})月(\d{{1,2}})日?$")
_DAY_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_QUARTER = re.compile(rf"^{_YEAR}(?:第)?([一二三四1-4])季度$")
_QUARTER_Q = re.compile(r"^(?:(\d{4})年?)?q([1-4])$")
_HALF = re.compile(r"^(?:(\d{4})年?)?(上半年|年中|下半年|年底|年末|年内|12月底|十二月底)$")
_BEFORE = re.compile(r"(?:之前|以前|前)$")


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).casefold()


FIRST_YEAR, LAST_YEAR = 1990, 2100  # a deadline outside is a typing error


def parse_deadline(value, year: int) -> Deadline:
    """The due date (or continuous) of a 完成时限 cell; `year` is the list's year."""
    try:
        deadline = _parse(value, year)
    except ValueError:  # a year 0, a 31 June, a 13th month: not a date
        raise UnreadableDeadline(value) from None
    if deadline.due is not None and not FIRST_YEAR <= deadline.due.year <= LAST_YEAR:
        raise UnreadableDeadline(value)
    return deadline


def _parse(value, year: int) -> Deadline:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UnreadableDeadline(value)
    if not isinstance(value, str):  # an Excel date or a date serial number
        try:
            day = parse_date(value)
        except NotADate:
            raise UnreadableDeadline(value) from None
        if day is None:
            raise UnreadableDeadline(value)
        return Deadline(day)
    text = _clean(value)
    if text in CONTINUOUS_WORDS:
        return CONTINUOUS
    if m := _HALF.match(text):  # before the suffix is cut: 年底 is a word, not 年 + 底
        return _half(int(m[1] or year), m[2])
    if m := _HALF.match(_BEFORE.sub("", text)):  # 年底前, 上半年前
        return _half(int(m[1] or year), m[2])
    bare = _SUFFIX.sub("", text)
    for candidate in (text, bare):
        try:
            day = parse_date(candidate)
        except NotADate:
            continue
        if day is not None:
            return Deadline(day)
    return _resolve(bare, year)


def _half(year: int, word: str) -> Deadline:
    if word in ("上半年", "年中"):
        return Deadline(datetime.date(year, 6, 30))
    return Deadline(datetime.date(year, 12, 31))


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS_CN[text]


def _resolve(text: str, year: int) -> Deadline:
    if m := _DAY.match(text):
        return Deadline(datetime.date(int(m[1] or year), int(m[2]), int(m[3])))
    if m := _DAY_SLASH.match(text):
        return Deadline(datetime.date(year, int(m[1]), int(m[2])))
    if m := _MONTH.match(text):
        return Deadline(_last_day(int(m[1] or year), _month_number(m[2])))
    if m := _MONTH_ISO.match(text):
        return Deadline(_last_day(int(m[1]), int(m[2])))
    for pattern in (_QUARTER, _QUARTER_Q):
        if m := pattern.match(text):
            return Deadline(_last_day(int(m[1] or year), _QUARTERS[m[2]] * 3))
    raise UnreadableDeadline(text)
