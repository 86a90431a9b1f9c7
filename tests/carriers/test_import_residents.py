"""`zerobay import carrier-residents`: the form's incubated-enterprise sheet through the pipeline."""

import datetime
from decimal import Decimal

import pytest

from zerobay.carriers.models import Residency, ResidentStatement
from zerobay.registry.models import Enterprise

from ..factories import EnterpriseFactory, make_uscc
from ..statistics.helpers import rules, run_import
from .conftest import CarrierFactory

pytestmark = pytest.mark.django_db
HEADER = [
    "序号",
    "统一社会信用代码",
    "企业名称",
    "所在载体",
    "入孵时间",
    "离孵时间",
    "使用面积（平方米）",
    "营业收入（万元）",
    "研发投入（万元）",
    "当年获得投融资额（万元）",
    "知识产权授权数（件）",
    "毕业时间",
]


def test_residents_import_with_row_errors_and_land_as_residencies(workbook, district):
    incubator = CarrierFactory(name="零号湾创新孵化器", org_unit=district["dlhw"])
    known = EnterpriseFactory(name="已登记企业")
    new_uscc = make_uscc()
    rows = [
        [
            1,
            known.uscc,
            known.name,
            "零号湾创新孵化器",
            "2022-03-01",
            None,
            "1,200",
            "1,234.5",
            300,
            500,
            4,
            None,
        ],
        [2, new_uscc, "新入孵企业", incubator.uscc, "2024年5月1日", None, 80, 12, 1, 0, 0, "2025-06-30"],
        [
            3,
            make_uscc(),
            "日期颠倒企业",
            "零号湾创新孵化器",
            "2024-05-01",
            "2023-01-01",
            10,
            1,
            1,
            0,
            0,
            None,
        ],
        [4, make_uscc(), "无此载体企业", "不存在的孵化器", "2024-05-01", None, 10, 1, 1, 0, 0, None],
    ]
    path = workbook(HEADER, rows, title_rows=[["2025年在孵企业情况表"]])
    status, report = run_import(path, "--skip-invalid", form="carrier-residents", period=("--year", "2025"))
    assert status == 0 and report["rows_imported"] == 2 and report["enterprises_created"] == 1
    assert rules(report) == [(5, "date_order"), (6, "unknown_carrier")]
    residency = Residency.objects.get(enterprise=known)
    assert residency.carrier == incubator and residency.area_m2 == Decimal("1200")
    statement = ResidentStatement.objects.get(residency=residency, year=2025)
    assert statement.revenue == Decimal("12345000") and statement.ip_granted == 4
    newcomer = Residency.objects.get(enterprise__uscc=new_uscc)
    assert newcomer.entered_on == datetime.date(2024, 5, 1)
    assert newcomer.declared_graduated_on == datetime.date(2025, 6, 30)
    assert Enterprise.objects.get(uscc=new_uscc).name == "新入孵企业"

    # The same file again changes no residency: one per carrier, enterprise and entry date.
    run_import(path, "--skip-invalid", form="carrier-residents", period=("--year", "2025"))
    assert Residency.objects.count() == 2 and ResidentStatement.objects.count() == 2


def test_the_residents_tab_shows_stated_revenue_beside_the_torch_report(
    client, admin_user, district, workbook
):
    from django.urls import reverse

    from tests.accounts.catalogue import compiled_catalogue  # noqa: F401

    incubator = CarrierFactory(name="零号湾创新孵化器", org_unit=district["dlhw"])
    firm = EnterpriseFactory(name="在孵企业甲")
    torch = workbook(
        ["统一社会信用代码", "企业名称", "营业收入（万元）"], [[firm.uscc, firm.name, 800]], name="t.xlsx"
    )
    assert run_import(torch, period=("--year", "2025"))[0] == 0
    sheet = workbook(
        HEADER, [[1, firm.uscc, firm.name, incubator.name, "2023-01-01", None, 100, 1500, 0, 0, 0, None]]
    )
    assert run_import(sheet, form="carrier-residents", period=("--year", "2025"))[0] == 0
    client.force_login(admin_user)
    page = client.get(
        reverse("carrier-detail", args=[incubator.pk]), {"tab": "residents", "year": 2025}
    ).content
    row = page.decode()[page.decode().index("在孵企业甲") :]
    assert row.index("1500") < row.index("800")
