"""The import API's refusals and summaries read in the caller's language: English with
`Accept-Language: en`, the same Chinese as before without it."""

import pytest
from django.conf import settings

from zerobay.statistics.models import ImportBatch

pytestmark = pytest.mark.django_db


def _english(client, on: bool = True) -> None:
    """The language switch's choice (a cookie); without it the interface is Chinese."""
    if on:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    else:
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)


def test_read_only_refusal_in_english_and_chinese(
    client, viewer, two_enterprises, annual_book, upload, bearer
):
    mine, _ = two_enterprises
    book = annual_book([[mine.uscc, mine.name, 1, 1, 1]])
    _english(client)
    english = upload(book, bearer(viewer))
    assert english.status_code == 403
    assert english.json()["detail"] == "This account is read-only and cannot import data"
    _english(client, False)
    chinese = upload(book, bearer(viewer))
    assert chinese.json()["detail"] == "当前账号为只读，不能导入数据"
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("fields", "name", "english", "chinese"),
    [
        (
            {"period": "2025-03"},
            "annual.xlsx",
            'the report period should be a year (e.g. 2025), not "2025-03"',
            "报告期应为年份（如 2025），而不是“2025-03”",
        ),
        (
            {"period": "last year"},
            "annual.xlsx",
            'The report period "last year" is not valid: an annual report like 2025, a monthly one like 2025-03',
            "报告期“last year”格式不正确：年报如 2025，月报如 2025-03",
        ),
        (
            {},
            "annual.pdf",
            'Unsupported file type ".pdf": upload an xlsx, xls, xlsb, ods or csv file',
            "不支持的文件类型“.pdf”，请上传 xlsx、xls、xlsb、ods 或 csv 文件",
        ),
    ],
)
def test_refused_imports_in_english_and_chinese(
    client, admin_user, district, annual_book, upload, bearer, fields, name, english, chinese
):
    book = annual_book([], name=name)
    fields = {"period": "2025", **fields}
    _english(client)
    response = upload(book, bearer(admin_user), **fields)
    assert response.status_code == 400
    assert english in response.json()["detail"]
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)
    _english(client, False)
    response = upload(book, bearer(admin_user), **fields)
    assert chinese in response.json()["detail"]


def test_dry_run_summary_and_refusal_in_english(
    client, admin_user, two_enterprises, annual_book, upload, bearer
):
    mine, _ = two_enterprises
    _english(client)
    headers = bearer(admin_user)
    response = upload(annual_book([[mine.uscc, mine.name, 120, 5000, 30]]), headers, dry_run=True)
    assert response.json()["detail"] == "Dry run: validated, 1 valid rows, nothing was written"
    batch_id = response.json()["batch"]["id"]
    response = client.post(
        f"/api/imports/{batch_id}/confirm", "", content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == f"Import #{batch_id} is a dry run and cannot be confirmed: upload it again"
    )
