"""The demo's refusals read in the active language (English msgid, the former Chinese in the catalogue)."""

import pytest
from django.utils import translation

from zerobay.demo.generator import generate_panel
from zerobay.demo.services import DemoError, register_enterprises

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Reference data lack the codes: "),
        ("zh-hans", "参考数据缺少代码："),
    ],
)
def test_missing_reference_data_is_refused_in_the_active_language(language, expected):
    panel = generate_panel(5, [2025])
    with translation.override(language), pytest.raises(DemoError) as refused:
        register_enterprises(panel)
    assert str(refused.value).startswith(expected)
    assert "zerobay load_reference" in str(refused.value)
