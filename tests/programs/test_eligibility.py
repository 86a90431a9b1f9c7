"""Eligibility: each condition met or not, and why, from the registry and the Torch annual figures."""

import datetime

import pytest
from django.utils import timezone

from zerobay.programs import eligibility
from zerobay.programs.eligibility import Checker, check
from zerobay.programs.models import Clause
from zerobay.registry.models import Qualification
from zerobay.statistics.models import AnnualReport

from .factories import annual_report

pytestmark = pytest.mark.django_db


def by_kind(result):
    return {c["kind"]: c for c in result.conditions}


def test_each_condition_is_explained_for_an_eligible_enterprise(scenario):
    result = check(scenario.clause, scenario.enterprise, timezone.localdate())
    assert result.eligible is None  # all machine conditions met, the manual one remains
    c = by_kind(result)
    assert c["org_unit"]["met"] is True and c["org_unit"]["message"] == "企业位于大零号湾"
    assert c["qualification"]["met"] is True and c["qualification"]["label"] == "持有有效的高新技术企业资质"
    assert c["figure"]["met"] is True and c["figure"]["value"] == 8.0
    assert "年报研发投入强度（研发费用/营业收入）为 8.00%，符合要求" in c["figure"]["message"]
    assert c["track"]["message"] == "企业属于智能机器人"
    assert c["manual"] == {
        "kind": "manual",
        "label": "项目具有产业化前景",
        "met": None,
        "value": None,
        "threshold": None,
        "message": "需评审人员人工核实",
    }


def test_an_ineligible_enterprise_learns_every_reason(scenario):
    result = check(scenario.clause, scenario.other_enterprise, timezone.localdate())
    assert result.eligible is False
    c = by_kind(result)
    assert c["org_unit"]["met"] is False and "不在大零号湾范围内" in c["org_unit"]["message"]
    assert (
        c["qualification"]["met"] is False and "未持有有效的高新技术企业资质" in c["qualification"]["message"]
    )
    assert c["figure"]["met"] is False and "1.00%，不符合要求" in c["figure"]["message"]
    assert c["track"]["met"] is False
    assert [u["kind"] for u in result.unmet] == ["org_unit", "qualification", "figure", "track"]


def test_an_expired_qualification_does_not_count(scenario):
    today = timezone.localdate()
    Qualification.objects.filter(enterprise=scenario.enterprise).update(
        valid_to=today - datetime.timedelta(days=1)
    )
    assert by_kind(check(scenario.clause, scenario.enterprise, today))["qualification"]["met"] is False
    # ...but it did on a date when it was valid
    earlier = today - datetime.timedelta(days=2)
    assert by_kind(check(scenario.clause, scenario.enterprise, earlier))["qualification"]["met"] is True


def test_missing_figures_leave_the_condition_to_a_person(scenario):
    s = scenario
    AnnualReport.objects.filter(enterprise=s.enterprise).delete()
    c = by_kind(check(s.clause, s.enterprise, timezone.localdate()))["figure"]
    assert c["met"] is None and "无可用的研发投入强度" in c["message"]


def test_bands_founding_age_scale_and_field_level_tracks(scenario):
    s = scenario
    today = timezone.localdate()
    annual_report(s.enterprise, today.year, revenue=30_000_000, rd_expenditure=300_000)  # latest: 1 %
    clause = Clause(
        conditions=[
            {"kind": "figure", "figure": "revenue", "min": 2000, "max": 5000},  # 万元
            {"kind": "founded_years", "min": 5},
            {"kind": "above_scale"},
            {"kind": "track", "tracks": ["F-AI"]},  # the field of the enterprise's track
        ]
    )
    c = by_kind(check(clause, s.enterprise, today))
    assert (
        c["figure"]["met"] is True
        and c["figure"]["value"] == 3000.0
        and c["figure"]["threshold"] == " 2000–5000万元"
    )
    assert f"{today.year} 年报" in c["figure"]["message"]
    assert c["founded_years"]["met"] is False and c["founded_years"]["value"] == 4
    assert c["above_scale"]["met"] is False
    assert c["track"]["met"] is True


def test_conditions_are_validated_for_the_admin(scenario):
    assert eligibility.validate_conditions(scenario.clause.conditions) == []
    errors = eligibility.validate_conditions(
        [
            {"kind": "figure", "figure": "happiness", "min": 1},
            {"kind": "weather"},
            {"kind": "org_unit", "org_unit": "NOPE"},
        ]
    )
    assert len(errors) == 3 and "第 1 个条件" in errors[0] and "weather" in errors[1] and "NOPE" in errors[2]


def test_facts_of_many_enterprises_take_a_fixed_number_of_queries(scenario, django_assert_max_num_queries):
    from zerobay.registry.models import Enterprise

    checker = Checker(scenario.clause.conditions)
    with django_assert_max_num_queries(5):
        facts = eligibility.load_facts(Enterprise.objects.all(), timezone.localdate())
    results = {pk: checker.check(f, timezone.localdate()).eligible for pk, f in facts.items()}
    assert results == {scenario.enterprise.pk: None, scenario.other_enterprise.pk: False}
