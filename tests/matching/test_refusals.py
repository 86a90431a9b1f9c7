"""The hall's refusals read in the user's language: English msgids, the Chinese of before in zh-hans."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from zerobay.matching import funnel, workflow
from zerobay.matching.models import Achievement, Demand, Match, Stage

from .conftest import make_achievement, make_demand

pytestmark = pytest.mark.django_db


def test_a_step_not_possible_now_is_explained_in_english_and_in_chinese(tto):
    a = make_achievement("CG-1", Achievement.Status.PUBLISHED)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        workflow.move_achievement(a, "return", user=tto)
    assert str(refused.value) == "achievement “CG-1” is now “Published”; it cannot: Return for changes"
    with pytest.raises(ValidationError) as refused:
        workflow.move_achievement(a, "return", user=tto)
    assert str(refused.value) == "成果“CG-1”当前状态为“已发布”，不能退回修改"


def test_a_funnel_move_backwards_and_a_contract_without_value_are_refused(firms, manager):
    d = make_demand("XQ-1", Demand.Status.OPEN, firms["a"])
    m = Match.objects.create(demand=d, achievement=make_achievement("CG-1", Achievement.Status.PUBLISHED))
    with translation.override("en"), pytest.raises(ValidationError, match="needs its value"):
        funnel.advance(m, Stage.CONTRACT, user=manager)
    with pytest.raises(ValidationError, match="技术合同须填写合同金额"):
        funnel.advance(m, Stage.CONTRACT, user=manager)
    funnel.advance(m, Stage.INTENTION, user=manager)
    with pytest.raises(ValidationError) as refused:
        funnel.advance(m, Stage.INTRODUCED, user=manager)
    assert str(refused.value) == "匹配“XQ-1 ↔ CG-1”当前处于“合作意向”，不能转到“已推介”"
    assert [s.stage for s in m.steps.all()] == ["intention"]
