"""Refusals raised by the statistics and registry services read in the active language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from zerobay.registry.uscc import validate_uscc
from zerobay.statistics import completeness
from zerobay.statistics.models import ImportBatch
from zerobay.statistics.periods import Period

from ..factories import make_uscc


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The reporting period should be a month, e.g. 2026-05: '2026'"),
        ("zh-hans", "报送期应为月份，如 2026-05：'2026'"),
    ],
)
def test_month_period_refusal(language, expected):
    with translation.override(language), pytest.raises(ValueError) as refused:
        completeness.month_period("2026")
    assert str(refused.value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The reporting deadline of 2026-05 should fall after the month ends: 2026-05-20"),
        ("zh-hans", "2026-05 的报送截止日应在该月结束之后：2026-05-20"),
    ],
)
def test_deadline_inside_the_month_is_refused(language, expected, admin_user):
    with translation.override(language), pytest.raises(ValueError) as refused:
        completeness.set_deadline(Period.parse("2026-05"), datetime.date(2026, 5, 20), user=admin_user)
    assert str(refused.value) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The unified social credit code should be 18 upper-case letters and digits without spaces"),
        ("zh-hans", "统一社会信用代码应为18位大写字母和数字，不含空格"),
    ],
)
def test_uscc_format_refusal(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_uscc(" " + make_uscc())
    assert expected in refused.value.messages[0]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", 'Invalid unified social credit code "123"'), ("zh-hans", "无效的统一社会信用代码“123”")],
)
def test_uscc_invalid_refusal(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_uscc("123")
    assert refused.value.messages[0].startswith(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Import #{pk} is &quot;{status}&quot; and cannot be cancelled"),
        ("zh-hans", "导入 #{pk} 的状态为“{status}”，不能取消"),
    ],
)
def test_the_import_page_refuses_in_the_chosen_language(client, admin_user, settings, language, expected):
    batch = ImportBatch.objects.create(
        form="torch_annual",
        year=2025,
        original_name="done.xlsx",
        file="x",
        status=ImportBatch.Status.IMPORTED,
        created_by=admin_user,
    )
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post(reverse("import-cancel", args=[batch.pk]), follow=True).content.decode()
    with translation.override(language):
        status = str(ImportBatch.Status.IMPORTED.label)
    assert expected.format(pk=batch.pk, status=status) in page
