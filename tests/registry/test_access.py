"""The registry's access conventions: loaders answer 404 for missing and forbidden alike, checks
answer a Decision whose reason reads in the active language."""

import pytest
from django.http import Http404
from django.utils import translation

from zerobay.access import Decision
from zerobay.registry.access import access_enterprise_by_uscc, access_org_unit_by_code, can_edit_enterprise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "read_only", "outside"),
    [
        ("en", "Your role is read-only.", "The enterprise is outside your org unit."),
        ("zh-hans", "当前账号为只读。", "该企业不在您的组织单元范围内。"),
    ],
)
def test_can_edit_enterprise_decides_with_a_reason(
    language, read_only, outside, operator, viewer, two_enterprises
):
    mine, other = two_enterprises
    with translation.override(language):
        assert can_edit_enterprise(operator, mine) == Decision(True, "")
        assert can_edit_enterprise(viewer, mine) == Decision(False, read_only)
        assert can_edit_enterprise(operator, other) == Decision(False, outside)
        assert not can_edit_enterprise(operator, other)


def test_loaders_answer_404_for_missing_and_forbidden_alike(operator, two_enterprises):
    mine, other = two_enterprises
    assert access_enterprise_by_uscc(operator, mine.uscc.lower()) == mine
    assert access_org_unit_by_code(operator, "DLHW").code == "DLHW"
    for load, key in (
        (access_enterprise_by_uscc, other.uscc),
        (access_enterprise_by_uscc, "91310000000000000X"),
        (access_org_unit_by_code, "ZZ"),
        (access_org_unit_by_code, "NOWHERE"),
    ):
        with pytest.raises(Http404):
            load(operator, key)
