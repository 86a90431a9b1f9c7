"""Torch-format workbooks of a synthetic panel, as the district's templates look: one or two title
rows, then a header of the form's labels with their unit in full-width parentheses
(营业收入（千元）, 从业人员期末人数（人）), then one row per enterprise.

Headers come from the form declarations in `zerobay.statistics.reportforms`, so whatever the
importer is taught to read, the demo writes. Written with xlsxwriter in constant-memory mode:
a 250,000-row workbook never sits in memory.
"""

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from zerobay.statistics.periods import Period, PeriodType
from zerobay.statistics.reportforms import TORCH_ANNUAL, TORCH_MONTHLY, Field, Kind, ReportForm
from zerobay.tabular.units import MONEY_UNITS
from zerobay.tabular.xlsx import Workbook, write_cells

from .generator import Panel


def header(f: Field, money_unit: str) -> str:
    if f.kind == Kind.MONEY:
        return f"{f.label}（{money_unit}）"
    if f.kind == Kind.COUNT:
        return f"{f.label}（{f.unit or '个'}）"
    return f.label


def _money_converter(money_unit: str):
    """yuan (int, whole 千元) -> the number written for `money_unit`, exact in every unit."""
    if money_unit not in MONEY_UNITS:
        raise ValueError(f"unknown money unit {money_unit!r}; one of {', '.join(MONEY_UNITS)}")
    factor = MONEY_UNITS[money_unit]
    if factor == 1:
        return lambda v: v
    if factor == 1000:
        return lambda v: v // 1000
    # Divide in decimal, then take the float nearest to it: its shortest repr is that decimal,
    # which is what the importer reads back.
    return lambda v: float(Decimal(v) / factor)


def _columns(form: ReportForm, shuffle_columns: bool, seed: int) -> list[Field]:
    fields = list(form.fields)
    if shuffle_columns:
        random.Random(seed).shuffle(fields)
    return fields


def _write(path, form: ReportForm, title: str, subtitle: str, fields, rows, title_rows: bool, money_unit):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Streamed: rows are written in order (title rows first); text is never a formula or URL.
    workbook = Workbook(path, streaming=True)
    try:
        sheet = workbook.add_worksheet(form.name)
        r = 0
        if title_rows:
            sheet.write_string(0, 0, title, workbook.style("bold"))
            sheet.write_string(1, 0, subtitle)
            r = 2
        write_cells(sheet, r, 0, [header(f, money_unit) for f in fields], workbook.header)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 34)
        write_row = sheet.write_row
        for values in rows:
            r += 1
            write_row(r, 0, values)
        return r + 1  # rows written, title and header included
    finally:
        workbook.close()


def write_annual_workbook(
    path,
    panel: Panel,
    year: int,
    *,
    money_unit: str = "千元",
    title_rows: bool = True,
    shuffle_columns: bool = False,
    seed: int = 0,
) -> Path:
    """The Torch annual report of every enterprise of `panel` that existed in `year`."""
    if year not in panel.years:
        raise ValueError(f"the panel has no figures for {year}")
    money = _money_converter(money_unit)
    fields = _columns(TORCH_ANNUAL, shuffle_columns, seed)
    getters = []
    for f in fields:
        if f.key == "uscc":
            getters.append(lambda e, a: e.uscc)
        elif f.key == "name":
            getters.append(lambda e, a: e.name)
        elif f.kind == Kind.MONEY:
            getters.append(lambda e, a, k=f.key: money(getattr(a, k)))
        else:
            getters.append(lambda e, a, k=f.key: getattr(a, k))

    def rows():
        for e in panel.enterprises:
            a = e.annual.get(year)
            if a is not None:
                yield [g(e, a) for g in getters]

    _write(
        path,
        TORCH_ANNUAL,
        f"{year}年{TORCH_ANNUAL.name}（国家高新区企业和区外高新技术企业）",
        f"填报范围：张江高新区闵行园区　报告期：{year}年　金额单位：{money_unit}（演示数据）",
        fields,
        rows(),
        title_rows,
        money_unit,
    )
    return Path(path)


def write_monthly_workbook(
    path,
    panel: Panel,
    year: int,
    month: int,
    *,
    money_unit: str = "千元",
    title_rows: bool = True,
    shuffle_columns: bool = False,
    seed: int = 0,
) -> Path:
    """The Torch monthly report (cumulative revenue, employees) for `month` of the latest year."""
    if year != panel.latest_year:
        raise ValueError(f"the panel has monthly figures for {panel.latest_year} only")
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12")
    money = _money_converter(money_unit)
    fields = _columns(TORCH_MONTHLY, shuffle_columns, seed)
    value = {
        "uscc": lambda e, rev, emp: e.uscc,
        "name": lambda e, rev, emp: e.name,
        "revenue_ytd": lambda e, rev, emp: money(rev),
        "employees": lambda e, rev, emp: emp,
    }
    getters = [value[f.key] for f in fields]

    def rows():
        for e, rev, emp in panel.monthly_rows(month):
            yield [g(e, rev, emp) for g in getters]

    _write(
        path,
        TORCH_MONTHLY,
        f"{year}年{month}月{TORCH_MONTHLY.name}",
        f"填报范围：张江高新区闵行园区　报告期：{year}年1-{month}月　金额单位：{money_unit}（演示数据）",
        fields,
        rows(),
        title_rows,
        money_unit,
    )
    return Path(path)


@dataclass
class WorkbookFile:
    path: Path
    form_code: str
    period: Period


def write_workbooks(
    panel: Panel,
    out_dir: Path,
    *,
    money_unit: str | None = "千元",
    months: int = 0,
) -> list[WorkbookFile]:
    """Annual workbooks for every year of the panel and monthly ones for months 1..`months` of the
    latest year, in the order they are to be imported. `money_unit=None` varies the layout by year
    as real files do: the latest year in 千元 under title rows, the year before in 千元 without
    them, earlier years in 万元 with the columns in another order (an older district template)."""
    out_dir = Path(out_dir)
    files = []
    latest = panel.latest_year
    for year in panel.years:
        if money_unit is not None:
            options = {"money_unit": money_unit}
        elif year == latest:
            options = {"money_unit": "千元"}
        elif year == latest - 1:
            options = {"money_unit": "千元", "title_rows": False}
        else:
            options = {"money_unit": "万元", "shuffle_columns": True, "seed": year}
        path = write_annual_workbook(out_dir / f"torch_annual_{year}.xlsx", panel, year, **options)
        files.append(WorkbookFile(path, TORCH_ANNUAL.code, Period(year)))
    for month in range(1, months + 1):
        path = write_monthly_workbook(
            out_dir / f"torch_monthly_{latest}-{month:02d}.xlsx",
            panel,
            latest,
            month,
            money_unit=money_unit or "千元",
        )
        files.append(WorkbookFile(path, TORCH_MONTHLY.code, Period(latest, PeriodType.MONTH, month)))
    return files
