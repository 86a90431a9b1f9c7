"""An enterprise follows the reminder it received to its own reporting page: the months due, what
arrived and when, and how to report; its home shows the missing month as a to-do."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.accounts.models import Notification
from zerobay.cultivation.chase.own import own_months

from .chase_fixtures import month_fixture  # noqa: F401 (the fixture "month")

pytestmark = pytest.mark.django_db
IN_JUNE = datetime.date(2026, 6, 20)  # May's deadline (10 June) has passed


def test_the_reminder_leads_the_enterprise_to_its_own_page(client, operator, month):
    client.force_login(operator)
    client.post(reverse("reporting-remind"), {"period": "2026-05"})
    link = Notification.objects.get().link
    assert link.startswith(reverse("reporting-mine"))
    client.force_login(month["丙"].users.get())
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="how-to-report"' in html and "火炬统计调查平台" in html and "张三" in html


def test_the_months_say_what_arrived_and_when(month):
    months = {str(m.period): m for m in own_months(month["乙"], IN_JUNE, months=2)}
    may = months["2026-05"]
    assert (may.status, may.deadline, may.days_late) == ("late", datetime.date(2026, 6, 10), 3)
    assert own_months(month["丙"], IN_JUNE, months=1)[0].status == "missing"


def test_an_enterprise_without_the_duty_is_told_so(client, month, district):
    from ..factories import EnterpriseFactory, UserFactory

    small = EnterpriseFactory(name="小微科技", org_unit=district["dlhw"], above_scale=False)
    client.force_login(UserFactory(username="small", role="enterprise", enterprise=small))
    assert 'id="no-duty"' in client.get(reverse("reporting-mine")).content.decode()


def test_staff_and_other_roles_cannot_open_it(client, operator, viewer, month):
    for user in (operator, viewer):
        client.force_login(user)
        assert client.get(reverse("reporting-mine")).status_code == 403


def test_the_home_of_an_enterprise_missing_a_month_shows_it(client, month, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: IN_JUNE)
    client.force_login(month["丙"].users.get())
    html = client.get("/").content.decode()
    assert 'data-todo="cultivation.monthly_report"' in html and "2026-05 营收月报尚未收到" in html
    assert "badge badge-red" in html  # past its deadline
