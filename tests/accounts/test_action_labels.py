"""The audit log names actions in words: a workflow step by its workflow's label, other actions by
their object and verb; no action is shown as its code (issue 19: `matching.demo.loaded`)."""

import re

import pytest
from django.utils import translation

from zerobay.accounts.actions import action_label
from zerobay.service import workflow as _service_workflow  # noqa: F401 (declares service.request)

CODE = re.compile(r"\b[a-z_]+\.[a-z_]+")


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("matching.demo.loaded", "演示数据：载入"),
        ("service.request.submit", "企业诉求：提交"),
        ("statistics.import.committed", "导入数据"),
        ("carriers.inspection.recorded", "检查：记录"),
    ],
)
def test_actions_read_as_words(code, label):
    with translation.override("zh-hans"):
        assert action_label(code) == label


def test_a_workflow_step_reads_as_the_step():
    with translation.override("zh-hans"):
        step = _service_workflow.REQUEST.by_name["sign"].label
        assert action_label("service.request.sign") == f"企业诉求：{step}" and "sign" not in action_label(
            "service.request.sign"
        )


def test_an_unknown_action_is_still_no_code():
    with translation.override("zh-hans"):
        assert not CODE.search(action_label("someapp.some_thing.did_it"))


def test_the_blank_choice_of_a_form_speaks_chinese():
    from django.db.models.fields import BLANK_CHOICE_LABEL

    with translation.override("zh-hans"):
        assert str(BLANK_CHOICE_LABEL) == "— 请选择 —"
