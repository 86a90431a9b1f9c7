"""规上, 专精特新, 小巨人 and 创新型中小企业: thresholds at their boundaries and what cannot be decided."""

import pytest

from ..factories import EnterpriseFactory
from .panel import annual, criteria, hold, profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "threshold_wan"),
    [
        ("3562", 2000),
        ("6513", 2000),
        ("7320", 1000),
        ("7212", 1000),
        ("8310", 1000),
        ("7090", 500),
        ("8710", 500),
    ],
)
def test_above_scale_threshold_by_sector(district, code, threshold_wan):
    for revenue, met in ((threshold_wan, True), (threshold_wan - 0.01, False)):
        e = EnterpriseFactory()
        annual(e, 2025, revenue=revenue)
        profile(e, industry_code=code)
        c = criteria("above_scale", e)["revenue_threshold"]
        assert c["met"] is met and c["threshold"] == threshold_wan * 10_000
        assert c["value"] == pytest.approx(revenue * 10_000)
        if not met:
            assert "还差" in c["message"]


def test_above_scale_cannot_decide_without_code_or_for_other_sectors(district):
    for code in (None, "7010", "5211"):
        e = EnterpriseFactory()
        annual(e, 2025, revenue=100_000)
        profile(e, industry_code=code)
        assert criteria("above_scale", e)["revenue_threshold"]["met"] is None
    flagged = EnterpriseFactory(above_scale=True)
    assert criteria("above_scale", flagged)["_status"] == "holds"


@pytest.mark.parametrize(("rd", "met"), [(100, True), (99.99, False)])
def test_srdi_rd_amount(district, rd, met):
    e = EnterpriseFactory()
    annual(e, 2025, revenue=1000, rd_expenditure=rd)
    assert criteria("srdi_sme", e)["rd_amount"]["met"] is met


@pytest.mark.parametrize(("rd", "met"), [(30, True), (29.99, False)])
def test_srdi_rd_ratio(district, rd, met):
    e = EnterpriseFactory()
    annual(e, 2025, revenue=1000, rd_expenditure=rd)
    assert criteria("srdi_sme", e)["rd_ratio"]["met"] is met


def test_srdi_revenue_below_the_floor_is_to_be_confirmed(district):
    at, below = EnterpriseFactory(), EnterpriseFactory()
    annual(at, 2025, revenue=1000)
    annual(below, 2025, revenue=999.99)
    assert criteria("srdi_sme", at)["revenue_or_financing"]["met"] is True
    c = criteria("srdi_sme", below)["revenue_or_financing"]
    assert c["met"] is None and "融资" in c["message"]
    assert criteria("srdi_sme", at)["score"]["met"] is None


@pytest.mark.parametrize(("ip1", "met"), [(2, True), (1, False)])
def test_little_giant_class1_ip(district, ip1, met):
    e = EnterpriseFactory()
    profile(e, ip_class1=ip1)
    assert criteria("little_giant", e)["ip_class1"]["met"] is met


def test_little_giant_growth_and_rd_intensity(district):
    e = EnterpriseFactory()
    # growth 5% then 5%: average exactly 5%
    for year, revenue, rd in ((2023, 10000, 300), (2024, 10500, 315), (2025, 11025, 330.75)):
        annual(e, year, revenue=revenue, rd_expenditure=rd)
    c = criteria("little_giant", e)
    assert c["revenue_growth"]["met"] is True and c["revenue_growth"]["value"] == pytest.approx(0.05)
    assert c["rd_intensity"]["met"] is True and c["rd_intensity"]["threshold"] == 0.03
    small = EnterpriseFactory()
    for year in (2024, 2025):
        annual(small, year, revenue=4000, rd_expenditure=400)
    assert criteria("little_giant", small)["rd_intensity"]["met"] is None  # the financing route


def test_innovative_sme_direct_with_hte(district):
    e = EnterpriseFactory()
    hold(e, "hte")
    assert criteria("innovative_sme", e)["_status"] == "eligible"
    assert criteria("innovative_sme", e)["specialisation_points"]["met"] is None
