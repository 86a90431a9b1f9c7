"""The HTE criteria of item 3, each at its boundary (exactly at, just below) and when the data
cannot decide."""

import datetime

import pytest

from zerobay.statistics.models import AnnualReport, EnterpriseProfile

from ..factories import EnterpriseFactory
from .panel import AS_OF, annual, criteria, good_hte, hold, profile

pytestmark = pytest.mark.django_db


def test_a_good_enterprise_is_eligible_with_every_value(district):
    e = good_hte(district["dlhw"])
    c = criteria("hte", e)
    assert c["_status"] == "eligible"
    assert c["rd_ratio"]["met"] is True
    assert c["rd_ratio"]["value"] == pytest.approx(600 / 9000) and c["rd_ratio"]["threshold"] == 0.05
    assert c["hitech_income_share"]["value"] == pytest.approx(2000 / 3000)
    assert c["hitech_income_share"]["threshold"] == 0.6
    assert c["st_staff_share"]["value"] == pytest.approx(0.3) and c["st_staff_share"]["threshold"] == 0.1
    assert c["ip_owned"]["met"] is True and c["founded_one_year"]["met"] is True
    # What data cannot decide is listed, never passed.
    assert c["rd_in_china"]["met"] is None and "待" in c["rd_in_china"]["message"]
    assert c["innovation_score"]["met"] is None and c["innovation_score"]["threshold"] == 70


@pytest.mark.parametrize(("days", "met"), [(365, True), (364, False), (366, True)])
def test_founded_one_year_boundary(district, days, met):
    e = EnterpriseFactory()
    profile(e, registered_on=AS_OF - datetime.timedelta(days=days))
    c = criteria("hte", e)["founded_one_year"]
    assert c["met"] is met and c["value"] == days and c["threshold"] == 365
    if not met:
        assert "还差 1 天" in c["message"]


def test_founded_falls_back_to_the_registry_and_is_unknown_without_either(district):
    e = EnterpriseFactory(founded=AS_OF - datetime.timedelta(days=400))
    assert criteria("hte", e)["founded_one_year"]["met"] is True
    unknown = criteria("hte", EnterpriseFactory())["founded_one_year"]
    assert unknown["met"] is None and unknown["value"] is None and "注册时间" in unknown["message"]


# R&D share: summed over three years, the threshold by the latest year's revenue.
@pytest.mark.parametrize(
    ("latest_revenue", "rd_at", "threshold"),
    [(5000, 5, 0.05), (5000.01, 4, 0.04), (20000, 4, 0.04), (20000.01, 3, 0.03)],
)
def test_rd_ratio_threshold_by_latest_revenue_exactly_at_and_just_below(
    district, latest_revenue, rd_at, threshold
):
    for rd, met in ((None, True), (-0.01, False)):
        e = EnterpriseFactory()
        revenues = (1000, 1000, latest_revenue)
        total = sum(revenues)
        exact = round(total * rd_at / 100, 6)  # 万元; exactly the threshold
        for year, revenue, share in zip((2023, 2024, 2025), revenues, (0, 0, 1), strict=True):
            annual(e, year, revenue=revenue, rd_expenditure=exact * share + (rd or 0) * share)
        c = criteria("hte", e)["rd_ratio"]
        assert c["threshold"] == threshold
        assert c["met"] is met, (latest_revenue, rd, c)
        if not met:
            assert "还差" in c["message"] and "个百分点" in c["message"]


def test_rd_ratio_gap_message(district):
    e = EnterpriseFactory()
    annual(e, 2025, revenue=1000, rd_expenditure=42)
    c = criteria("hte", e)["rd_ratio"]
    assert c["value"] == pytest.approx(0.042) and c["met"] is False
    assert c["message"].startswith("研发费用占比 4.2%，还差 0.8 个百分点")


def test_rd_ratio_uses_the_three_latest_years_before_the_as_of_date(district):
    e = EnterpriseFactory()
    annual(e, 2021, revenue=1000, rd_expenditure=1000)  # fourth year back: left out
    for year in (2022, 2023, 2024):
        annual(e, year, revenue=1000, rd_expenditure=40)
    annual(e, 2026, revenue=1000, rd_expenditure=1000)  # not ended before the as-of date
    c = criteria("hte", e)["rd_ratio"]
    assert c["value"] == pytest.approx(0.04) and c["met"] is False
    # With fewer years, fewer are summed.
    young = EnterpriseFactory()
    annual(young, 2025, revenue=100, rd_expenditure=5)
    assert criteria("hte", young)["rd_ratio"]["met"] is True


def test_rd_ratio_cannot_decide(district):
    nothing = criteria("hte", EnterpriseFactory())["rd_ratio"]
    assert nothing["met"] is None and nothing["value"] is None and "年报" in nothing["message"]
    gap = EnterpriseFactory()
    annual(gap, 2024, revenue=1000, rd_expenditure=None)
    annual(gap, 2025, revenue=1000, rd_expenditure=80)
    assert criteria("hte", gap)["rd_ratio"]["met"] is None
    zero = EnterpriseFactory()
    annual(zero, 2025, revenue=0, rd_expenditure=0)
    assert criteria("hte", zero)["rd_ratio"]["met"] is None


@pytest.mark.parametrize(("hightech", "met"), [(600, True), (599.99, False)])
def test_hitech_income_share_boundary(district, hightech, met):
    e = EnterpriseFactory()
    annual(e, 2024, revenue=1000, hightech_revenue=0)  # only the latest year counts
    annual(e, 2025, revenue=1000, hightech_revenue=hightech)
    c = criteria("hte", e)["hitech_income_share"]
    assert c["met"] is met and c["threshold"] == 0.6


def test_hitech_income_share_cannot_decide(district):
    e = EnterpriseFactory()
    annual(e, 2025, revenue=1000, hightech_revenue=None)
    assert criteria("hte", e)["hitech_income_share"]["met"] is None


@pytest.mark.parametrize(
    ("st_staff", "employees", "met"), [(10, 100, True), (9, 100, False), (99, 1000, False)]
)
def test_st_staff_share_boundary(district, st_staff, employees, met):
    e = EnterpriseFactory()
    annual(e, 2025, employees=employees, st_staff=st_staff, rd_staff=employees)
    c = criteria("hte", e)["st_staff_share"]
    assert c["met"] is met and c["value"] == pytest.approx(st_staff / employees)


def test_st_staff_share_cannot_decide_without_st_staff_or_employees(district):
    e = EnterpriseFactory()
    annual(e, 2025, employees=100, st_staff=None, rd_staff=50)  # R&D staff is another quantity
    assert criteria("hte", e)["st_staff_share"]["met"] is None
    f = EnterpriseFactory()
    annual(f, 2025, employees=0, st_staff=0)
    assert criteria("hte", f)["st_staff_share"]["met"] is None


@pytest.mark.parametrize(
    ("ip1", "ip2", "met"),
    [(1, 0, True), (0, 1, True), (0, 0, False), (None, 2, True), (None, 0, None), (None, None, None)],
)
def test_ip_owned(district, ip1, ip2, met):
    e = EnterpriseFactory()
    profile(e, ip_class1=ip1, ip_class2=ip2)
    assert criteria("hte", e)["ip_owned"]["met"] is met


def test_innovation_score_is_estimated_where_the_data_allow(district):
    e = good_hte()
    c = criteria("hte", e)["innovation_score"]
    assert c["met"] is None and c["value"] is not None and "估算" in c["message"]
    # Without any IP the score cannot exceed 70.
    poor = EnterpriseFactory()
    profile(poor, ip_class1=0, ip_class2=0)
    assert criteria("hte", poor)["innovation_score"]["met"] is False
    assert criteria("hte", EnterpriseFactory())["innovation_score"]["value"] is None


def test_status_holds_near_and_not_eligible(district):
    holder = good_hte()
    hold(holder, "hte", end=AS_OF)
    assert criteria("hte", holder)["_status"] == "holds"
    assert criteria("hte", holder, AS_OF + datetime.timedelta(days=1))["_status"] == "eligible"
    near = good_hte(hightech_revenue=1500)
    c = criteria("hte", near)
    assert c["_status"] == "near" and c["hitech_income_share"]["met"] is False
    # Without IP the innovation score fails too, but the one gap to close is the IP.
    no_ip = good_hte()
    EnterpriseProfile.objects.filter(enterprise=no_ip).update(ip_class1=0, ip_class2=0)
    c = criteria("hte", no_ip)
    assert c["_status"] == "near" and c["ip_owned"]["met"] is False and c["innovation_score"]["met"] is False
    far = good_hte(hightech_revenue=1500, st_staff=5)
    assert criteria("hte", far)["_status"] == "not_eligible"
    assert criteria("hte", EnterpriseFactory())["_status"] == "not_eligible"  # nothing known
    assert AnnualReport.objects.count() == 12
