"""The tech-based SME score of item 4: limits, points bands at their boundaries, the sum, the
direct route with an HTE, and what cannot be decided."""

import pytest

from ..factories import EnterpriseFactory
from .panel import annual, criteria, hold, profile

pytestmark = pytest.mark.django_db


def tsme(district=None, *, employees=100, st_staff=30, revenue=1000, rd=60, assets=1000, ip1=1, ip2=0):
    e = EnterpriseFactory()
    annual(e, 2025, employees=employees, st_staff=st_staff, revenue=revenue, rd_expenditure=rd)
    profile(e, total_assets=assets, ip_class1=ip1, ip_class2=ip2)
    return criteria("tsme", e)


@pytest.mark.parametrize(
    ("st_staff", "points"),
    [(30, 20), (29, 16), (25, 16), (24, 12), (20, 12), (19, 8), (15, 8), (14, 4), (10, 4), (9, 0)],
)
def test_st_staff_points_bands(district, st_staff, points):
    c = tsme(st_staff=st_staff)
    assert c["st_staff_points"]["value"] == points
    assert c["st_staff_points"]["met"] is (points > 0)


@pytest.mark.parametrize(
    ("rd", "points"),
    [
        (60, 50),
        (59.99, 40),
        (50, 40),
        (49.99, 30),
        (40, 30),
        (39.99, 20),
        (30, 20),
        (29.99, 10),
        (20, 10),
        (19.99, 0),
    ],
)
def test_rd_points_bands(district, rd, points):
    assert tsme(rd=rd)["rd_points"]["value"] == points


@pytest.mark.parametrize(
    ("ip1", "ip2", "points"),
    [(1, 0, 30), (2, 7, 30), (0, 4, 24), (0, 9, 24), (0, 3, 18), (0, 2, 12), (0, 1, 6), (0, 0, 0)],
)
def test_ip_points(district, ip1, ip2, points):
    assert tsme(ip1=ip1, ip2=ip2)["ip_points"]["value"] == points


@pytest.mark.parametrize(
    ("field", "at", "above"),
    [
        ("employees", {"employees": 500, "st_staff": 150}, {"employees": 501, "st_staff": 150}),
        ("revenue", {"revenue": 20000, "rd": 1200}, {"revenue": 20000.01, "rd": 1200}),
        ("assets", {"assets": 20000}, {"assets": 20000.01}),
    ],
)
def test_limits_exactly_at_and_just_above(district, field, at, above):
    key = {"employees": "staff_limit", "revenue": "revenue_limit", "assets": "assets_limit"}[field]
    assert tsme(**at)[key]["met"] is True
    c = tsme(**above)
    assert c[key]["met"] is False and c["_status"] == "near"


def test_score_is_the_sum_and_60_is_enough(district):
    # 12 (20%) + 30 (4%) + 18 (three II类) = 60
    c = tsme(st_staff=20, rd=40, ip1=0, ip2=3)
    assert c["score"]["value"] == 60 and c["score"]["met"] is True and c["_status"] == "eligible"
    # 12 + 30 + 12 = 54: near, the gap in points
    c = tsme(st_staff=20, rd=40, ip1=0, ip2=2)
    assert c["score"]["value"] == 54 and c["score"]["met"] is False and c["_status"] == "near"
    assert "还差 6 分" in c["score"]["message"]


def test_st_staff_points_must_not_be_zero_even_with_a_high_score(district):
    c = tsme(st_staff=9, rd=60, ip1=1)  # 0 + 50 + 30 = 80
    assert c["score"]["met"] is True and c["st_staff_points"]["met"] is False
    assert c["_status"] == "near"


def test_a_valid_hte_certificate_qualifies_directly(district):
    e = EnterpriseFactory()
    annual(e, 2025, employees=900, st_staff=10, revenue=50000, rd_expenditure=10)
    hold(e, "hte")
    c = criteria("tsme", e)
    assert c["_status"] == "eligible" and c["hte_certificate"]["met"] is True
    hold(e, "tech_sme")
    assert criteria("tsme", e)["_status"] == "holds"


def test_cannot_decide_without_assets_or_ip(district):
    e = EnterpriseFactory()
    annual(e, 2025, employees=100, st_staff=30, revenue=1000, rd_expenditure=60)
    c = criteria("tsme", e)
    assert c["assets_limit"]["met"] is None and "资产总计" in c["assets_limit"]["message"]
    assert c["ip_points"]["met"] is None and c["ip_points"]["value"] is None
    # 20 + 50 already reach 60 whatever the IP: the score is decided, its value is not.
    assert c["score"]["met"] is True and c["score"]["value"] is None
    poor = EnterpriseFactory()
    annual(poor, 2025, employees=100, st_staff=10, revenue=1000, rd_expenditure=20)
    c = criteria("tsme", poor)
    # 4 + 10 + at most 30 for the unknown IP: 60 is out of reach.
    assert c["score"]["met"] is False and "44 分" in c["score"]["message"] and c["_status"] == "near"
    middling = EnterpriseFactory()
    annual(middling, 2025, employees=100, st_staff=30, revenue=1000, rd_expenditure=20)
    c = criteria("tsme", middling)  # 20 + 10 + 0..30
    assert c["score"]["met"] is None and "最高可能 60 分" in c["score"]["message"]
    assert c["_status"] == "eligible"  # nothing decidable is unmet: the score is to be confirmed
