"""A month of the reporting chase for the page and API tests: on time, late and missing."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from zerobay.accounts.models import Role
from zerobay.statistics.models import ImportBatch, MonthlyReport, ReportingDuty

from ..factories import EnterpriseFactory, UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def arrived(enterprises, when):
    """Monthly reports of 2026-05 for `enterprises`, imported at `when` (Shanghai time)."""
    at = datetime.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
    batch = ImportBatch.objects.create(
        form="torch_monthly", year=2026, month=5, original_name=f"{when}.xlsx", status="imported"
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=at, finished_at=at)
    for n, e in enumerate(enterprises, start=2):
        MonthlyReport.objects.create(
            enterprise=e, year=2026, month=5, revenue_ytd=1000, batch=batch, source_row=n
        )


@pytest.fixture(name="month")
def month_fixture(district):
    """大零号湾: 按时 甲, 逾期 乙, 未报 丙 (with a contact and an enterprise user); 紫竹: 未报 丁."""
    e = {
        "甲": EnterpriseFactory(name="甲科技", org_unit=district["dlhw"], above_scale=True),
        "乙": EnterpriseFactory(name="乙科技", org_unit=district["block"], above_scale=True),
        "丙": EnterpriseFactory(name="丙科技", org_unit=district["dlhw"], above_scale=True),
        "丁": EnterpriseFactory(name="丁科技", org_unit=district["zizhu"], above_scale=True),
    }
    ReportingDuty.objects.create(enterprise=e["丙"], contact_name="张三", contact_email="zs@example.com")
    UserFactory(username="bing", role=Role.ENTERPRISE, enterprise=e["丙"], email="bing@example.com")
    arrived([e["甲"]], "2026-06-09T16:00")
    arrived([e["乙"]], "2026-06-13T09:00")
    return e
