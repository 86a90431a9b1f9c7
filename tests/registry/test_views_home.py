"""The home page counts what the user may see."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.factories import EnterpriseFactory, QualificationFactory
from zerobay.registry.models import QualificationType
from zerobay.statistics.models import AnnualReport, ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(two_enterprises, district, admin_user, operator):
    mine, other = two_enterprises
    QualificationFactory(enterprise=mine, kind=QualificationType.HTE)
    QualificationFactory(enterprise=other, kind=QualificationType.HTE)
    QualificationFactory(  # expired: not counted
        enterprise=other,
        kind=QualificationType.SRDI,
        valid_from=datetime.date(2018, 1, 1),
        valid_to=datetime.date(2020, 1, 1),
    )
    EnterpriseFactory(name="未分配公司")
    batch = ImportBatch.objects.create(
        form="torch_annual",
        year=2024,
        original_name="紫竹年报.xlsx",
        file="x",
        status="imported",
        scope_path=district["zizhu"].path,
        created_by=admin_user,
    )
    for e in (mine, other):
        AnnualReport.objects.create(enterprise=e, year=2024, batch=batch, source_row=2)
    return mine, other


def _stat(page: str, label: str) -> str:
    start = page.index(label)
    value = page.index(">", page.index('class="value"', start)) + 1
    return page[value : page.index("<small>", value)].strip()


def test_district_admin_sees_the_whole_district(client, admin_user, scene):
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    assert "张江高新区闵行园区" in page
    assert _stat(page, ">企业<") == "3"
    assert _stat(page, "2024 年年报") == "2"
    assert _stat(page, "未分配园区") == "1"
    assert 'href="/enterprises/?qual=hte">2</a>' in page
    assert "紫竹年报.xlsx" in page and "已导入" in page


def test_operator_sees_its_own_sub_park_only(client, operator, scene):
    client.force_login(operator)
    page = client.get(reverse("home")).content.decode()
    assert "<h1>大零号湾</h1>" in page
    assert _stat(page, ">企业<") == "1"
    assert _stat(page, "2024 年年报") == "1"
    assert 'href="/enterprises/?qual=hte">1</a>' in page
    assert "未分配园区" not in page
    assert "紫竹年报.xlsx" not in page  # another sub-park's import
