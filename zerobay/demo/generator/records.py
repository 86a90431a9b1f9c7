"""The panel's plain records: enterprises, their qualifications and annual figures."""

import datetime
from dataclasses import dataclass, field


@dataclass(slots=True)
class Qualification:
    kind: str  # zerobay.registry.models.QualificationType value
    certificate_no: str
    valid_from: datetime.date
    valid_to: datetime.date | None  # None: does not expire

    def valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(slots=True)
class AnnualFigures:
    """One Torch annual report: every value field of TORCH_ANNUAL (money in yuan)."""

    employees: int
    revenue: int
    industrial_output: int
    net_profit: int
    taxes_paid: int
    exports: int
    rd_staff: int
    st_staff: int
    rd_expenditure: int
    patent_applications: int
    invention_applications: int
    pct_applications: int
    valid_invention_patents: int
    value_added: int
    hightech_revenue: int


@dataclass(slots=True)
class Enterprise:
    uscc: str
    name: str
    org_unit: str  # code of the sub-park or block
    subpark: str  # code of the sub-park
    tracks: tuple[str, ...]  # plan tracks
    park_classes: tuple[str, ...]
    founded: datetime.date
    above_scale: bool  # 规上
    qualifications: list[Qualification] = field(default_factory=list)
    annual: dict[int, AnnualFigures] = field(default_factory=dict)  # year -> figures
    # Latest year, index 0 = January: cumulative revenue (yuan) and employees; None = not reported.
    # Drawn on first use (Panel.fill_monthly) from `monthly_seed`: most callers never need them.
    monthly_seed: int = 0
    monthly_revenue_ytd: tuple[int | None, ...] = ()
    monthly_employees: tuple[int | None, ...] = ()

    def qualified(self, kind: str, day: datetime.date) -> bool:
        return any(q.kind == kind and q.valid_on(day) for q in self.qualifications)
