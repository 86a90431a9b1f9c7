"""The demo district shows a month with on-time, late and missing reports, and 升规纳统 candidates."""

import pytest

from zerobay.accounts.models import Notification, User
from zerobay.cultivation import upscale
from zerobay.cultivation.chase import demo as chase_demo
from zerobay.demo.services import load_demo
from zerobay.statistics import completeness as svc
from zerobay.statistics.models import ImportBatch, MonthlyReport, ReportingDuty
from zerobay.statistics.periods import Period

pytestmark = pytest.mark.django_db(transaction=False)


def quiet(_):
    pass


@pytest.fixture
def demo(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    load_demo(enterprises=300, out_dir=tmp_path, progress=quiet)
    logins = chase_demo.load(password="pw", seed=42, progress=quiet)  # a second call if demo.load made one
    return logins


def test_demo_month_has_on_time_late_and_missing_reports(demo):
    assert demo[0][0] == "baoku"
    november = Period.parse("2025-11")
    result = svc.completeness(november)
    t = result.total
    assert t.on_time > t.late > 0 and t.missing > 0 and t.expected == t.on_time + t.late + t.missing
    assert len({g.on_time_rate for g in result.groups}) > 1  # sub-parks differ
    days = svc.daily_progress(result)
    assert sum(d["reported_that_day"] > 0 for d in days) >= 5  # reports come in day by day
    # The panel's months came in on time, but for the enterprise-months the generator left out.
    october = svc.completeness(Period.parse("2025-10"))
    assert october.total.late == 0 and october.total.on_time > 0
    assert ReportingDuty.objects.filter(duty="required").exists()
    # The enterprise user acts for a missing enterprise and has its reminder.
    user = User.objects.get(username="baoku")
    assert user.check_password("pw")
    assert next(r for r in result.rows if r.enterprise_id == user.enterprise_id).status == "missing"
    assert Notification.objects.filter(user=user, kind="cultivation.report_reminder").count() == 1


def test_demo_has_upscale_candidates_with_sectors(demo):
    found = upscale.candidates()
    assert any(c.status in ("on_course", "crossed") for c in found)
    assert all(c.status != upscale.UNKNOWN_SECTOR for c in found)


def test_demo_load_again_changes_nothing_and_wipe_removes_it(demo):
    before = (ImportBatch.objects.count(), MonthlyReport.objects.count(), ReportingDuty.objects.count())
    chase_demo.load(password="other", seed=42, progress=quiet)
    assert (
        ImportBatch.objects.count(),
        MonthlyReport.objects.count(),
        ReportingDuty.objects.count(),
    ) == before
    assert User.objects.get(username="baoku").check_password("other")
    assert chase_demo.wipe() > 0
    assert not ReportingDuty.objects.exists() and not User.objects.filter(username="baoku").exists()
