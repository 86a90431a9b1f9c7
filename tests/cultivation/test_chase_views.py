"""The reporting-chase pages: a month with on-time, late and missing reports, seen by the district,
by the 大零号湾 operator (only its sub-park) and by no enterprise user; reminders; calendar; duties."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.accounts.models import AuditRecord, Notification
from zerobay.cultivation.chase import chased_period
from zerobay.statistics.models import ReportingDeadline, ReportingReminder
from zerobay.statistics.periods import Period

from ..factories import EnterpriseFactory
from .chase_fixtures import month_fixture  # noqa: F401 (the fixture "month")

pytestmark = pytest.mark.django_db


def rows(page):
    html = page.content.decode()
    table = html[html.index('id="chase-table"') :]
    return table


def test_district_admin_sees_the_month_by_status_and_sub_park(client, admin_user, month):
    client.force_login(admin_user)
    page = client.get(reverse("reporting-chase"), {"period": "2026-05"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-count="expected">4<' in html and 'data-count="on_time">1<' in html
    assert 'data-count="late">1<' in html and 'data-count="missing">2<' in html
    assert "2026-06-10" in html  # the default deadline
    table = rows(page)
    for name, status in (
        ("甲科技", "on_time"),
        ("乙科技", "late"),
        ("丙科技", "missing"),
        ("丁科技", "missing"),
    ):
        assert f'data-status="{status}"' in table.split(name)[0].rsplit("<tr", 1)[1]
    assert "zs@example.com" in table and "bing@example.com" in table

    missing = rows(client.get(reverse("reporting-chase"), {"period": "2026-05", "status": "missing"}))
    assert "丙科技" in missing and "丁科技" in missing and "甲科技" not in missing


def test_operator_sees_only_its_sub_park_in_page_and_export(client, operator, month):
    client.force_login(operator)
    html = client.get(reverse("reporting-chase"), {"period": "2026-05"}).content.decode()
    assert "丙科技" in html and "丁科技" not in html and month["丁"].uscc not in html
    assert 'data-count="expected">3<' in html and 'data-subpark="ZZ"' not in html
    response = client.get(reverse("reporting-chase"), {"period": "2026-05", "format": "xlsx"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    table = sheet.get_sheet_by_index(0).to_python()
    assert table[0][:5] == ["统一社会信用代码", "企业名称", "子园", "报送义务", "报送状态"]
    assert {r[1]: r[4] for r in table[1:]} == {"甲科技": "按时报送", "乙科技": "逾期报送", "丙科技": "未报送"}


def test_enterprise_users_cannot_open_the_chase(client, month):
    client.force_login(month["丙"].users.get())
    for name in ("reporting-chase", "reporting-history", "reporting-calendar", "upscale-candidates"):
        assert client.get(reverse(name)).status_code == 403


def test_reminders_reach_the_missing_in_the_app_and_by_mail_once_a_day(client, operator, month):
    client.force_login(operator)
    response = client.post(reverse("reporting-remind"), {"period": "2026-05"})
    assert response.status_code == 302
    # Only 丙 (大零号湾, missing): 丁 is missing too but outside the operator's sub-park.
    assert [m.to for m in mail.outbox] == [["bing@example.com", "zs@example.com"]]
    assert "2026年5月" in mail.outbox[0].subject
    note = Notification.objects.get()
    assert note.user.username == "bing" and "2026-05" in note.link
    assert ReportingReminder.objects.get().enterprise == month["丙"]
    assert AuditRecord.objects.filter(action="cultivation.reminders.sent", actor=operator).exists()
    client.post(reverse("reporting-remind"), {"period": "2026-05"})
    assert len(mail.outbox) == 1 and ReportingReminder.objects.count() == 1
    assert "丙科技" in rows(
        client.get(reverse("reporting-chase"), {"period": "2026-05", "status": "missing"})
    )


def test_viewers_cannot_send_reminders(client, viewer, month):
    client.force_login(viewer)
    assert client.post(reverse("reporting-remind"), {"period": "2026-05"}).status_code == 403
    assert not mail.outbox


def test_calendar_is_set_by_the_district_only(client, admin_user, operator, month):
    client.force_login(operator)
    assert (
        client.post(
            reverse("reporting-calendar"), {"period": "2026-05", "deadline": "2026-06-15"}
        ).status_code
        == 403
    )
    client.force_login(admin_user)
    client.post(
        reverse("reporting-calendar"), {"period": "2026-05", "deadline": "2026-06-15", "note": "顺延"}
    )
    assert ReportingDeadline.objects.get().deadline == datetime.date(2026, 6, 15)
    html = client.get(reverse("reporting-chase"), {"period": "2026-05"}).content.decode()
    assert 'data-count="on_time">2<' in html and 'data-count="late">0<' in html
    page = client.get(reverse("reporting-calendar"), {"year": "2026"}).content.decode()
    assert "2026-06-15" in page
    # A deadline inside the month itself is refused, and nothing changes.
    client.post(reverse("reporting-calendar"), {"period": "2026-05", "deadline": "2026-05-20"})
    assert ReportingDeadline.objects.get().deadline == datetime.date(2026, 6, 15)


def test_operator_flags_an_enterprise_that_must_report(client, operator, month, district):
    small = EnterpriseFactory(name="戊科技", org_unit=district["dlhw"], above_scale=False)
    client.force_login(operator)
    assert "戊科技" not in rows(client.get(reverse("reporting-chase"), {"period": "2026-05"}))
    url = reverse("reporting-duty", args=[small.uscc])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {"duty": "required", "reason": "潜力企业", "contact_name": "李四", "contact_phone": "13800000000"},
    )
    table = rows(client.get(reverse("reporting-chase"), {"period": "2026-05"}))
    assert "戊科技" in table and "13800000000" in table
    assert AuditRecord.objects.filter(action="statistics.duty.changed").exists()
    # Another sub-park's enterprise answers as if it did not exist.
    assert client.get(reverse("reporting-duty", args=[month["丁"].uscc])).status_code == 404


def test_history_shows_on_time_rates_per_sub_park(client, admin_user, month):
    client.force_login(admin_user)
    html = client.get(reverse("reporting-history"), {"end": "2026-05"}).content.decode()
    assert "大零号湾" in html and "紫竹" in html
    assert "33.3%" in html  # 大零号湾 in May: 1 of 3 on time
    assert "2025-06" in html  # twelve months up to May


def test_daily_reminder_command(month):
    out = io.StringIO()
    call_command("reporting_reminders", "--period", "2026-05", "--dry-run", stdout=out)
    assert "未报 2 家，将提醒 1 家" in out.getvalue() and "无联系方式：丁科技" in out.getvalue()
    assert not mail.outbox
    call_command("reporting_reminders", "--period", "2026-05", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and ReportingReminder.objects.get().sent_by is None


def test_the_month_being_chased():
    assert chased_period(datetime.date(2026, 6, 1)) == Period.parse("2026-05")  # from 31 May
    assert chased_period(datetime.date(2026, 5, 30)) == Period.parse("2026-04")


def test_the_month_lists_the_missing_first(client, admin_user, month):
    client.force_login(admin_user)
    table = rows(client.get(reverse("reporting-chase"), {"period": "2026-05"}))
    order = [table.index(name) for name in ("丙科技", "丁科技", "乙科技", "甲科技")]
    assert order == sorted(order)  # missing, missing, late, on time
