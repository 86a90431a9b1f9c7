"""Expert review: assignment refuses conflicted experts, an expert sees and scores only assigned
applications without conflict, weighted totals, automatic completion, ranking with opinions."""

from decimal import Decimal

import pytest
from django.http import Http404

from zerobay.programs import services
from zerobay.programs.models import ExpertProfile
from zerobay.programs.services import IllegalTransition, ProgramError
from zerobay.programs.workflow import State

from .factories import advance, eligible_enterprise, new_application

pytestmark = pytest.mark.django_db

GOOD = {"innovation": 90, "feasibility": 80, "benefit": 70}  # weighted: 36 + 24 + 21 = 81


@pytest.fixture
def checked(scenario):
    return advance(scenario, new_application(scenario), State.CHECKED)


def test_an_expert_sees_only_assigned_applications(scenario, checked):
    s = scenario
    _e, user = eligible_enterprise(s, "零号湾另一家企业")
    other = advance(s, new_application(s, user=user), State.CHECKED)
    services.assign_experts(checked, [s.expert], s.staff)
    assert checked.state == State.IN_REVIEW
    assert list(services.visible_applications(s.expert)) == [checked]
    assert list(services.visible_applications(s.expert2)) == []
    assert services.get_application(s.expert, checked.code) == checked
    with pytest.raises(Http404):
        services.get_application(s.expert, other.code)
    assert [a.application for a in services.my_assignments(s.expert)] == [checked]


def test_a_conflicted_expert_cannot_be_assigned_nor_score(scenario, checked):
    s = scenario
    services.declare_conflict(s.expert2, s.enterprise, "曾为该企业技术顾问")
    assert services.is_conflicted(s.expert2, s.enterprise) == "已申报利益冲突：曾为该企业技术顾问"
    with pytest.raises(ProgramError, match="李专家.*存在利益冲突（已申报利益冲突：曾为该企业技术顾问）"):
        services.assign_experts(checked, [s.expert, s.expert2], s.staff)
    assert not checked.assignments.exists()
    rows = {r["expert"].username: r["conflict"] for r in services.experts_for(checked)}
    assert rows == {"expert1": None, "expert2": "已申报利益冲突：曾为该企业技术顾问"}
    # affiliation is a tie too
    ExpertProfile.objects.filter(user=s.expert).update(affiliated_enterprise=s.enterprise)
    assert services.is_conflicted(s.expert, s.enterprise).startswith("任职于申报企业")


def test_a_conflict_declared_after_assignment_hides_the_application_and_blocks_the_score(scenario, checked):
    s = scenario
    (sheet,) = services.assign_experts(checked, [s.expert], s.staff)
    services.declare_conflict(s.expert, s.enterprise, "亲属在该企业任职")
    assert list(services.visible_applications(s.expert)) == []
    with pytest.raises(IllegalTransition, match="利益冲突"):
        services.submit_scores(sheet, GOOD, "同意", s.expert)
    assert not sheet.scores.exists()


def test_scores_are_checked_weighted_and_complete_the_review(scenario, checked):
    s = scenario
    first, second = services.assign_experts(checked, [s.expert, s.expert2], s.staff)
    with pytest.raises(IllegalTransition, match="只有被分配的专家本人"):
        services.submit_scores(first, GOOD, "同意", s.expert2)
    with pytest.raises(ProgramError, match="“效益”未打分"):
        services.submit_scores(first, {"innovation": 90, "feasibility": 80}, "同意", s.expert)
    with pytest.raises(ProgramError, match="“创新性”的分数 101 超出范围 0–100"):
        services.submit_scores(first, {**GOOD, "innovation": 101}, "同意", s.expert)
    with pytest.raises(ProgramError, match="评审意见"):
        services.submit_scores(first, GOOD, "  ", s.expert)
    services.submit_scores(first, GOOD, "创新性突出", s.expert)
    assert first.total == Decimal("81.00")
    checked.refresh_from_db()
    assert checked.state == State.IN_REVIEW  # one sheet is still out
    with pytest.raises(ProgramError, match="重复提交"):
        services.submit_scores(first, GOOD, "再交一次", s.expert)
    services.submit_scores(second, {"innovation": 70, "feasibility": 70, "benefit": 70}, "可行", s.expert2)
    checked.refresh_from_db()
    assert checked.state == State.REVIEWED and checked.score == Decimal("75.50") and checked.rank == 1
    assert services.timeline(checked)[-1]["actor"] == "系统"


def test_ranking_orders_the_call_with_opinions(scenario, checked):
    s = scenario
    _e, user = eligible_enterprise(s, "零号湾第二家企业")
    better = advance(s, new_application(s, user=user), State.CHECKED)
    for app, score in ((checked, 60), (better, 95)):
        (sheet,) = services.assign_experts(app, [s.expert], s.staff)
        services.submit_scores(sheet, dict.fromkeys(GOOD, score), f"意见{score}", s.expert)
    rows = services.ranking(s.call)
    assert [(r["code"], r["rank"], r["score"]) for r in rows] == [
        (better.code, 1, Decimal("95.00")),
        (checked.code, 2, Decimal("60.00")),
    ]
    assert rows[0]["experts"] == 1 and rows[0]["opinions"][0]["opinion"] == "意见95"
    assert rows[0]["opinions"][0]["expert"] == "王专家"


def test_staff_complete_a_review_only_once_a_sheet_is_in(scenario, checked):
    s = scenario
    first, _second = services.assign_experts(checked, [s.expert, s.expert2], s.staff)
    with pytest.raises(ProgramError, match="尚无专家提交评分表"):
        services.transition(checked, "complete_review", s.staff)
    services.submit_scores(first, GOOD, "同意", s.expert)
    services.transition(checked, "complete_review", s.staff, comment="第二位专家回避")
    assert checked.state == State.REVIEWED and checked.score == Decimal("81.00") and checked.rank == 1
    with pytest.raises(IllegalTransition):
        services.assign_experts(checked, [s.expert2], s.staff)


@pytest.mark.parametrize("bad", ["NaN", "abc", "-1", "Infinity"])
def test_unreadable_scores_are_refused(scenario, checked, bad):
    (sheet,) = services.assign_experts(checked, [scenario.expert], scenario.staff)
    with pytest.raises(ProgramError, match="评分项“创新性”"):
        services.submit_scores(sheet, {**GOOD, "innovation": bad}, "同意", scenario.expert)
    assert not sheet.scores.exists()
