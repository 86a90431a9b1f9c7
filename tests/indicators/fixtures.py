"""A small park with two years of Torch annual reports, imported as a user would import them, so that
the indicators are recomputed by the import itself (the fixtures in conftest.py build it).

    2024 (千元)     revenue   R&D      2025 (千元)     revenue   R&D
    A 向阳园        100,000   5,000                    120,000   8,000
    B 大零号湾       50,000   2,500                     60,000   4,000
    C 紫竹           50,000   2,500                     70,000   3,000

R&D intensity (park.rd_intensity, %): park 5.00 → 6.00 (target 6.8 in 2026, published),
大零号湾 5.00 → 6.67, 紫竹 5.00 → 4.29.
"""

from zerobay.indicators.figures import sync_published
from zerobay.indicators.models import PublishedFigure

from ..factories import EnterpriseFactory, QualificationFactory
from ..statistics.helpers import HEADER, run_import

# employees, revenue, net profit, R&D staff, R&D expenditure, patents, inventions, high-tech revenue
FIGURES = {
    2024: {"A": (100, 100_000, 5_000), "B": (60, 50_000, 2_500), "C": (40, 50_000, 2_500)},
    2025: {"A": (110, 120_000, 8_000), "B": (70, 60_000, 4_000), "C": (45, 70_000, 3_000)},
}


def annual_rows(enterprises: dict, year: int) -> list[list]:
    rows = []
    for key, (employees, revenue, rd) in FIGURES[year].items():
        e = enterprises[key]
        rows.append([e.uscc, e.name, employees, revenue, revenue // 10, 10, rd, 3, 1, revenue // 2])
    return rows


def import_year(workbook, capture, rows: list[list], year: int, name: str | None = None):
    """Imports an annual workbook with `zerobay import`; the import's commit recomputes the indicators."""
    path = workbook(HEADER, rows, name=name or f"年报{year}.xlsx")
    with capture(execute=True):
        status, report = run_import(path, period=("--year", str(year)))
    assert status == 0, report["errors"][:3]
    return report


def ensure_published() -> None:
    """The documents' published figures are synchronised after every migrate; again here if a
    transactional test's flush removed them."""
    if not PublishedFigure.objects.exists():
        sync_published()


def build_park(district: dict, workbook, capture) -> dict:
    """Three enterprises (two in 大零号湾's subtree, one in 紫竹) with 2024 and 2025 annual reports,
    imported, and the indicators recomputed by the imports."""
    ensure_published()
    enterprises = {
        "A": EnterpriseFactory(name="零号湾智能科技有限公司", org_unit=district["block"]),
        "B": EnterpriseFactory(name="零号湾医疗器械有限公司", org_unit=district["dlhw"]),
        "C": EnterpriseFactory(name="紫竹生物医药有限公司", org_unit=district["zizhu"]),
    }
    QualificationFactory(enterprise=enterprises["A"])
    for year in (2024, 2025):
        import_year(workbook, capture, annual_rows(enterprises, year), year)
    return {**district, **enterprises}
