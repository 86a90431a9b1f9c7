"""Cultivation's refusals read in the user's language: English when the language switch says so, the
same Chinese as before without it (issue 16)."""

import pytest
from django.utils import translation

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.language import english
from zerobay.cultivation.screening import UnknownQualification, get_rule

pytestmark = pytest.mark.django_db


def test_an_unsupported_report_form_is_refused_in_english_and_chinese(client, admin_user):
    client.force_login(admin_user)
    query = {"form": "quarterly", "period": "2026-05"}
    english(client)
    in_english = client.get("/api/reporting/completeness", query)
    assert in_english.status_code == 400
    assert in_english.json()["detail"] == "Unsupported report form: quarterly (choose monthly)"
    english(client, False)
    chinese = client.get("/api/reporting/completeness", query)
    assert (
        chinese.status_code == 400 and chinese.json()["detail"] == "不支持的报表：quarterly（可选 monthly）"
    )


def test_an_unknown_qualification_is_named_in_english_and_chinese():
    with (
        translation.override("en"),
        pytest.raises(UnknownQualification, match="^Unknown qualification “gazelle”"),
    ):
        get_rule("gazelle")
    with (
        translation.override("zh-hans"),
        pytest.raises(UnknownQualification, match="^未知的资质“gazelle”，可选：tsme"),
    ):
        get_rule("gazelle")
