"""One notion of a reporting period: a year, a quarter or a month."""

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum


class PeriodType(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class Period:
    year: int
    type: PeriodType = PeriodType.YEAR
    number: int = 0  # quarter 1-4 or month 1-12; 0 for a year

    def __post_init__(self):
        limits = {PeriodType.YEAR: (0, 0), PeriodType.QUARTER: (1, 4), PeriodType.MONTH: (1, 12)}
        low, high = limits[self.type]
        if not (1900 <= self.year <= 2200 and low <= self.number <= high):
            raise ValueError(f"invalid period: {self.type} {self.year} {self.number}")

    @classmethod
    def parse(cls, text: str) -> "Period":
        """'2025', '2025-Q2', '2025-03' (also '2025Q2', '202503', '2025-3')."""
        text = text.strip().upper()
        if m := re.fullmatch(r"(\d{4})", text):
            return cls(int(m[1]))
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text):
            return cls(int(m[1]), PeriodType.QUARTER, int(m[2]))
        if m := re.fullmatch(r"(\d{4})-?(\d{1,2})", text):
            return cls(int(m[1]), PeriodType.MONTH, int(m[2]))
        raise ValueError(f"not a period: {text!r} (expected 2025, 2025-Q2 or 2025-03)")

    def __str__(self) -> str:
        if self.type == PeriodType.YEAR:
            return str(self.year)
        if self.type == PeriodType.QUARTER:
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def start(self) -> datetime.date:
        month = {PeriodType.YEAR: 1, PeriodType.QUARTER: 3 * self.number - 2, PeriodType.MONTH: self.number}
        return datetime.date(self.year, month[self.type], 1)

    @property
    def end(self) -> datetime.date:
        month = {PeriodType.YEAR: 12, PeriodType.QUARTER: 3 * self.number, PeriodType.MONTH: self.number}
        last = month[self.type]
        return datetime.date(self.year, last, calendar.monthrange(self.year, last)[1])
