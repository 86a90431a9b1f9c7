"""升规纳统: who is on course to cross its sector's threshold this year, with the projection and its basis."""

from decimal import Decimal

import pytest
from django.urls import reverse

from zerobay.cultivation import upscale
from zerobay.statistics.models import AnnualReport, EnterpriseProfile, ImportBatch, MonthlyReport

from ..factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
WAN = 10_000


@pytest.fixture
def batch(db):
    return ImportBatch.objects.create(
        form="torch_monthly", year=2025, original_name="m.xlsx", status="imported"
    )


@pytest.fixture
def firm(batch, district):
    """An enterprise with an industry code and cumulative monthly revenue (in 万元) by (year, month)."""

    def make(name, code="7320", months=None, unit="dlhw", above=False, last_annual=None):
        e = EnterpriseFactory(name=name, org_unit=district[unit], above_scale=above)
        if code is not None:
            EnterpriseProfile.objects.create(
                enterprise=e, year=2025, industry_code=code, batch=batch, source_row=2
            )
        for (year, month), wan in (months or {}).items():
            MonthlyReport.objects.create(
                enterprise=e,
                year=year,
                month=month,
                revenue_ytd=Decimal(wan) * WAN,
                batch=batch,
                source_row=2,
            )
        if last_annual is not None:
            AnnualReport.objects.create(
                enterprise=e, year=2024, revenue=Decimal(last_annual) * WAN, batch=batch, source_row=2
            )
        return e

    return make


def by_name(**kwargs):
    return {c.name: c for c in upscale.candidates(**kwargs)}


@pytest.mark.parametrize(
    ("code", "sector", "threshold"),
    [
        ("7320", "科学研究和技术服务业", 10_000_000),
        ("6513", "信息传输、软件和信息技术服务业", 20_000_000),
        ("3841", "工业", 20_000_000),
        ("7212", "租赁和商务服务业", 10_000_000),
        ("8010", "居民服务、修理和其他服务业", 5_000_000),
        ("5219", "零售业", 5_000_000),
        ("7010", "房地产开发经营（按资质纳统）", None),
        ("4710", "建筑业（按资质纳统）", None),
        ("", "", None),
    ],
)
def test_sector_thresholds(code, sector, threshold):
    assert upscale.sector(code) == (sector, threshold)


def test_run_rate_projection_at_and_below_the_threshold(firm):
    firm("刚好", months={(2025, 10): Decimal("833.34")})  # × 12 / 10 = 1,000.008 万 ≥ 1,000 万
    firm("差一点", months={(2025, 10): Decimal("833.33")})  # 999.996 万: near, not on course
    firm("太小", months={(2025, 10): 600})  # 720 万 < 80% of 1,000 万: not listed
    firm("已规上", months={(2025, 10): 2000}, above=True)
    found = by_name()
    assert found["刚好"].status == "on_course" and found["刚好"].method == "run_rate"
    assert found["刚好"].projection == Decimal("10000080.00")
    assert "1–10月累计 833.3 万元，按月均推算全年 1,000.0 万元" in found["刚好"].basis
    assert "科学研究和技术服务业门槛 1,000.0 万元" in found["刚好"].basis
    assert found["差一点"].status == "near"
    assert found["差一点"].monthly_needed == Decimal("833350.00")  # (1,000 − 833.33) 万 over 2 months
    assert "太小" not in found and "已规上" not in found


def test_seasonal_projection_from_last_years_months(firm):
    # Last year: 500 万 by October, 800 万 for the year (a strong December): factor 1.6.
    firm("季节", months={(2024, 10): 500, (2024, 12): 800, (2025, 10): 650})
    # Without last year's December, the annual report gives the full year.
    firm("年报", months={(2024, 10): 500, (2025, 10): 650}, last_annual=800)
    found = by_name(year=2025)
    for name in ("季节", "年报"):
        c = found[name]
        assert (c.method, c.projection, c.status) == ("seasonal", Decimal("10400000.00"), "on_course")
        assert "按上年季节规律（×1.60）推算全年 1,040.0 万元" in c.basis


def test_crossed_already_and_industry_threshold(firm):
    firm("已达标", months={(2025, 3): 1100})
    firm("工业企业", code="3841", months={(2025, 10): 1500})  # 1,800 万 < 2,000 万 but ≥ 80%
    found = by_name()
    assert found["已达标"].status == "crossed"
    assert found["工业企业"].status == "near" and found["工业企业"].threshold == Decimal(20_000_000)


def test_unknown_sector_is_to_be_confirmed_not_passed(firm):
    firm("无行业", code=None, months={(2025, 10): 900})
    firm("建筑", code="4710", months={(2025, 10): 9000})
    found = by_name()
    assert found["无行业"].status == "unknown_sector" and found["无行业"].threshold is None
    assert "缺少国民经济行业代码" in found["无行业"].basis
    assert "建筑" not in found


def test_month_limits_the_reports_used(firm):
    firm("后来居上", months={(2025, 5): 300, (2025, 10): 900})
    assert "后来居上" not in by_name(month=5)  # 720 万 projected in May
    assert by_name()["后来居上"].status == "on_course"


def test_page_and_export_keep_to_the_operators_sub_park(client, operator, firm):
    firm("湾内候选", months={(2025, 10): 900})
    firm("紫竹候选", months={(2025, 10): 900}, unit="zizhu")
    client.force_login(operator)
    html = client.get(reverse("upscale-candidates")).content.decode()
    assert "湾内候选" in html and "紫竹候选" not in html
    assert 'data-count="on_course">1<' in html
    response = client.get(reverse("upscale-candidates"), {"format": "xlsx"})
    import io

    from python_calamine import CalamineWorkbook

    table = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert [r[1] for r in table[1:]] == ["湾内候选"]
    assert table[1][8] == 1080.0 and table[1][11] == "预计年内达标"
