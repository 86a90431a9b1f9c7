"""`zerobay import enterprise-profile` and `zerobay import qualifications`: the facts the Torch form
lacks, through the same pipeline, flags and JSON report as the Torch import."""

import datetime
from decimal import Decimal

import pytest

from zerobay.cultivation.demo import PROFILE_HEADER, QUALIFICATION_HEADER
from zerobay.registry.models import Enterprise, Qualification
from zerobay.statistics.models import EnterpriseProfile, QualificationRevocation, ReportRevision

from ..factories import EnterpriseFactory, make_uscc
from ..statistics.helpers import rules, run_import

pytestmark = pytest.mark.django_db

PROFILE, QUALS = PROFILE_HEADER, QUALIFICATION_HEADER  # as district staff fill them in


def import_profile(path, *args):
    return run_import(path, *args, form="enterprise-profile", period=())


def test_profile_with_every_date_form_is_imported(workbook, district):
    a, b, c, d = (make_uscc() for _ in range(4))
    rows = [
        [a, "甲公司", datetime.datetime(2021, 3, 5), 1234.5, 1, 0, "电子信息", 6513],  # noqa: DTZ001
        [b, "乙公司", "2021-03-05", "20,000", 0, 4, "生物与新医药", "0511"],
        [c, "丙公司", "2021/3/5", 1, "", 2, "高技术服务", "I6520"],
        [d, "丁公司", "2021年3月5日", None, None, None, None, None],
    ]
    status, report = import_profile(workbook(PROFILE, rows))
    assert status == 0, report["errors"]
    assert report["rows_imported"] == 4 and report["enterprises_created"] == 4
    first = EnterpriseProfile.objects.get(enterprise__uscc=a)
    assert first.registered_on == datetime.date(2021, 3, 5)
    assert first.total_assets == Decimal("12345000.00")  # 1,234.5 万元
    assert (first.ip_class1, first.ip_class2, first.tech_field, first.industry_code) == (
        1,
        0,
        "电子信息",
        "6513",
    )
    second = EnterpriseProfile.objects.get(enterprise__uscc=b)
    assert second.industry_code == "0511" and second.total_assets == Decimal("200000000.00")
    third = EnterpriseProfile.objects.get(enterprise__uscc=c)
    assert third.ip_class1 is None and third.industry_code == "6520"
    assert EnterpriseProfile.objects.get(enterprise__uscc=d).registered_on == datetime.date(2021, 3, 5)


def test_bad_cells_name_row_column_and_rule_and_nothing_is_imported(workbook, district):
    a, b, c = make_uscc(), make_uscc(), make_uscc()
    rows = [
        [a, "甲公司", "2021-02-30", 10, 1, 0, "电子信息", "6513"],
        [b, "乙公司", "2021-03-05", 10, 1, 0, "人工智能", "6513"],
        [c, "丙公司", "2021-03-05", 10, -1, 0, "电子信息", "65130"],
    ]
    status, report = import_profile(workbook(PROFILE, rows))
    assert status == 1
    assert rules(report) == [(2, "not_a_date"), (3, "not_a_choice"), (4, "invalid_code"), (4, "negative")]
    choice = next(i for i in report["errors"] if i["rule"] == "not_a_choice")
    assert choice["column"] == "核心技术领域" and "电子信息" in choice["message"]
    assert not EnterpriseProfile.objects.exists() and not Enterprise.objects.exists()


def test_a_second_profile_updates_and_keeps_the_earlier_values_as_a_revision(workbook, district):
    firm = EnterpriseFactory(org_unit=district["dlhw"])
    status, _ = import_profile(
        workbook(PROFILE, [[firm.uscc, firm.name, "2020-01-01", 100, 0, 1, "新材料", 3011]])
    )
    assert status == 0
    status, report = import_profile(
        workbook(
            PROFILE, [[firm.uscc, firm.name, "2020-01-01", 100, 1, 1, "新材料", 3011]], name="again.xlsx"
        )
    )
    assert status == 0 and report["updated"] == 1
    assert EnterpriseProfile.objects.get(enterprise=firm).ip_class1 == 1
    revision = ReportRevision.objects.get(form="enterprise_profile", enterprise=firm)
    assert revision.values["ip_class1"] == "0" and revision.values["registered_on"] == "2020-01-01"
    # The same file a third time changes nothing.
    status, report = import_profile(
        workbook(
            PROFILE, [[firm.uscc, firm.name, "2020-01-01", 100, 1, 1, "新材料", 3011]], name="third.xlsx"
        )
    )
    assert report["unchanged"] == 1 and report["updated"] == 0


def test_dry_run_stores_nothing(workbook, district):
    status, report = import_profile(
        workbook(PROFILE, [[make_uscc(), "甲", "2021-03-05", 1, 0, 0, "新材料", 3011]]), "--dry-run"
    )
    assert status == 0 and report["rows_valid"] == 1 and report["rows_imported"] == 0
    assert not EnterpriseProfile.objects.exists()


def test_operator_cannot_import_the_profile_of_another_subpark(workbook, district, operator):
    other = EnterpriseFactory(org_unit=district["zizhu"])
    status, report = import_profile(
        workbook(PROFILE, [[other.uscc, other.name, "2021-03-05", 1, 0, 0, "新材料", 3011]]),
        "--user",
        operator.username,
    )
    assert status == 1 and rules(report) == [(2, "out_of_scope")]
    assert not EnterpriseProfile.objects.exists()


def test_qualification_list_creates_updates_and_revokes(workbook, district):
    firm = EnterpriseFactory(org_unit=district["dlhw"])
    rows = [
        [firm.uscc, firm.name, "高新技术企业", "GR202331001234", "2023-11-15", None, None, None],
        [firm.uscc, firm.name, "科技型中小企业", "202331011200001", "2024/5/1", "2024-12-31", None, None],
    ]
    status, report = run_import(workbook(QUALS, rows), form="qualifications", period=())
    assert status == 0, report["errors"]
    hte = Qualification.objects.get(enterprise=firm, kind="hte")
    assert hte.valid_to == datetime.date(2026, 11, 14)  # three years when the list gives no end
    assert Qualification.objects.get(enterprise=firm, kind="tech_sme").valid_from == datetime.date(2024, 5, 1)

    revoked = [
        [firm.uscc, firm.name, "高企", "GR202331001234", "2023-11-15", None, "2025年6月30日", "核查不合格"]
    ]
    status, report = run_import(workbook(QUALS, revoked, name="check.xlsx"), form="qualifications", period=())
    assert status == 0 and report["updated"] == 1
    hte.refresh_from_db()
    assert hte.valid_to == datetime.date(2025, 6, 29) and not hte.is_valid_on(datetime.date(2025, 7, 1))
    withdrawal = QualificationRevocation.objects.get(qualification=hte)
    assert withdrawal.reason == "核查不合格" and withdrawal.original_valid_to == datetime.date(2026, 11, 14)


def test_qualification_list_errors(workbook, district):
    firm = EnterpriseFactory(org_unit=district["dlhw"])
    rows = [
        [firm.uscc, firm.name, "高新技术企业", "GR1", "2023-11-15", "2022-01-01", None, None],
        [firm.uscc, firm.name, "金牌企业", "X1", "2023-11-15", None, None, None],
        [firm.uscc, firm.name, "高新技术企业", "GR2", None, None, None, None],
        [firm.uscc, firm.name, "高新技术企业", "GR3", "2023-01-01", None, None, None],
        [firm.uscc, firm.name, "高企", "GR3", "2023-01-01", None, None, None],
    ]
    status, report = run_import(workbook(QUALS, rows), form="qualifications", period=())
    assert status == 1
    assert rules(report) == [(2, "date_order"), (3, "not_a_choice"), (4, "required"), (6, "duplicate_row")]
    assert not Qualification.objects.exists()


def test_profile_revisions_show_on_the_enterprise_page_and_in_the_api(client, admin_user, workbook, district):
    firm = EnterpriseFactory(org_unit=district["dlhw"])
    import_profile(workbook(PROFILE, [[firm.uscc, firm.name, "2020-01-01", 100, 0, 1, "新材料", 3011]]))
    import_profile(
        workbook(PROFILE, [[firm.uscc, firm.name, "2020-02-01", 100, 0, 1, "新材料", 3011]], name="b.xlsx")
    )
    client.force_login(admin_user)
    page = client.get(f"/enterprises/{firm.uscc}/")
    assert page.status_code == 200 and "2020-01-01" in page.content.decode()
    revisions = client.get(f"/api/enterprises/{firm.uscc}/revisions").json()
    assert revisions and any(r["values"].get("registered_on") == "2020-01-01" for r in revisions)
