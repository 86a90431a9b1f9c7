"""The enterprise pages: list with filters and export, the enterprise page, the edit form."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from tests.factories import EnterpriseFactory, QualificationFactory
from zerobay.accounts.models import AuditRecord
from zerobay.registry.models import Industry, QualificationType
from zerobay.statistics.models import AnnualReport, ImportBatch, MonthlyReport

pytestmark = pytest.mark.django_db


def xlsx_rows(response) -> list[list]:
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def tracks(db):
    field = Industry.objects.create(code="F1", name="生命健康", scheme="plan", level="field")
    track = Industry.objects.create(
        code="T1", name="高端医疗器械", scheme="plan", level="track", parent=field
    )
    return field, track


def _annual(enterprise, year, revenue, employees):
    batch = ImportBatch.objects.create(form="torch_annual", year=year, original_name=f"{year}.xlsx", file="x")
    return AnnualReport.objects.create(
        enterprise=enterprise, year=year, batch=batch, source_row=3, revenue=revenue, employees=employees
    )


def test_list_shows_enterprises_with_qualifications_and_latest_figures(admin_client, two_enterprises):
    mine, other = two_enterprises
    QualificationFactory(enterprise=mine, kind=QualificationType.HTE)
    QualificationFactory(
        enterprise=other,
        kind=QualificationType.SRDI,
        valid_from=datetime.date(2018, 1, 1),
        valid_to=datetime.date(2021, 1, 1),
    )
    _annual(mine, 2023, Decimal("5000000"), 40)
    _annual(mine, 2024, Decimal("12345678.90"), 52)
    page = admin_client.get(reverse("enterprise-list")).content.decode()
    assert "企业名称" in page and "统一社会信用代码" in page and "最新营业收入" in page
    assert mine.name in page and other.name in page and mine.uscc in page
    assert "向阳园" in page and "紫竹" in page
    assert '<span class="badge badge-green">高新技术企业</span>' in page
    assert "专精特新中小企业</span>" not in page  # expired: no badge
    assert "1,234.57" in page and ">52<" in page and ">2024<" in page  # the latest year, in 万元


def test_search_by_name_or_uscc(admin_client, two_enterprises):
    mine, other = two_enterprises
    page = admin_client.get(reverse("enterprise-list"), {"q": "紫竹"}).content.decode()
    assert other.name in page and mine.name not in page
    page = admin_client.get(reverse("enterprise-list"), {"q": mine.uscc.lower()}).content.decode()
    assert mine.name in page and other.name not in page
    page = admin_client.get(reverse("enterprise-list"), {"q": "不存在的公司"}).content.decode()
    assert "没有符合条件的企业" in page


def test_org_unit_filter_includes_the_blocks(admin_client, two_enterprises, district):
    mine, other = two_enterprises
    page = admin_client.get(reverse("enterprise-list"), {"org": district["dlhw"].pk}).content.decode()
    assert mine.name in page and other.name not in page  # mine sits in 大零号湾's block


def test_filters_by_track_qualification_scale_and_unassigned(admin_client, two_enterprises, tracks):
    mine, other = two_enterprises
    field, track = tracks
    mine.industries.add(track)
    other.above_scale = True
    other.save()
    QualificationFactory(enterprise=other, kind=QualificationType.LITTLE_GIANT)
    loose = EnterpriseFactory(name="尚未分配园区的公司", org_unit=None)

    def names(**params):
        page = admin_client.get(reverse("enterprise-list"), params).content.decode()
        return {e.name for e in (mine, other, loose) if e.name in page}

    assert names(industry=field.pk) == {mine.name}  # a field includes its tracks
    assert names(industry=track.pk) == {mine.name}
    assert names(qual="little_giant") == {other.name}
    assert names(scale="1") == {other.name}
    assert names(scale="0") == {mine.name, loose.name}
    assert names(unassigned="on") == {loose.name}


def test_pagination_keeps_the_filters(admin_client, district):
    for i in range(60):
        EnterpriseFactory(org_unit=district["zizhu"], name=f"分页测试科技有限公司{i:03d}")
    page = admin_client.get(reverse("enterprise-list"), {"q": "分页测试"}).content.decode()
    assert "共 60 条" in page
    assert "?q=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95&amp;page=2" in page
    second = admin_client.get(reverse("enterprise-list"), {"q": "分页测试", "page": 2}).content.decode()
    assert second.count("分页测试") >= 10


def test_export_has_every_filtered_row_with_chinese_headers(admin_client, district, two_enterprises):
    mine, _other = two_enterprises
    _annual(mine, 2024, Decimal("12345678.90"), 52)
    EnterpriseFactory.create_batch(55, org_unit=district["block"])
    response = admin_client.get(reverse("enterprise-list"), {"org": district["dlhw"].pk, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["统一社会信用代码", "企业名称", "所属园区"]
    assert "营业收入（万元）" in rows[0] and "从业人员（人）" in rows[0]
    assert len(rows) == 1 + 56  # every row, not one page
    row = next(r for r in rows if r[0] == mine.uscc)
    assert row[rows[0].index("营业收入（万元）")] == pytest.approx(1234.56789)
    # The separate export address gives the same rows.
    same = admin_client.get(reverse("enterprise-export"), {"org": district["dlhw"].pk})
    assert len(xlsx_rows(same)) == 57


def test_enterprise_page_shows_facts_qualifications_and_monthly_figures(
    admin_client, two_enterprises, tracks
):
    mine, _other = two_enterprises
    mine.industries.add(tracks[1])
    QualificationFactory(enterprise=mine, kind=QualificationType.HTE, certificate_no="GR202331000001")
    QualificationFactory(
        enterprise=mine,
        kind=QualificationType.TECH_SME,
        valid_from=datetime.date(2019, 1, 1),
        valid_to=datetime.date(2020, 12, 31),
    )
    batch = ImportBatch.objects.create(
        form="torch_monthly", year=2025, month=3, original_name="3月.xlsx", file="x"
    )
    MonthlyReport.objects.create(
        enterprise=mine,
        year=2025,
        month=3,
        batch=batch,
        source_row=7,
        revenue_ytd=Decimal("3000000"),
        employees=41,
    )
    _annual(mine, 2023, Decimal("5000000"), 40)
    _annual(mine, 2024, Decimal("6000000"), 45)
    page = admin_client.get(reverse("enterprise-detail", args=[mine.uscc])).content.decode()
    assert "登记信息" in page and "闵行区 / 张江高新区闵行园区 / 大零号湾 / <strong>向阳园</strong>" in page
    assert "生命健康 · 高端医疗器械" in page
    assert "GR202331000001" in page and ">有效<" in page and ">已过期<" in page
    assert "2025-03" in page and "300.00" in page and "3月.xlsx" in page
    assert 'id="revenue-chart"' in page and "echarts.min.js" in page
    assert "500.00" in page and "600.00" in page


def test_unknown_enterprise_is_404_in_chinese(admin_client):
    response = admin_client.get(reverse("enterprise-detail", args=["91310112MA1XXXXXX1"]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_operator_edits_an_enterprise_and_the_change_is_audited(
    client, operator, two_enterprises, district, tracks
):
    mine, _other = two_enterprises
    client.force_login(operator)
    form = client.get(reverse("enterprise-edit", args=[mine.uscc])).content.decode()
    assert "编辑企业信息" in form and "紫竹" not in form  # only its own org units to choose
    response = client.post(
        reverse("enterprise-edit", args=[mine.uscc]),
        {
            "name": "零号湾智能科技股份有限公司",
            "org_unit": district["dlhw"].pk,
            "founded": "2019-05-20",
            "above_scale": "on",
            "industries": [tracks[1].pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "企业信息已保存" in page and "零号湾智能科技股份有限公司" in page and "2019-05-20" in page
    mine.refresh_from_db()
    assert mine.org_unit == district["dlhw"] and mine.above_scale and mine.org_path == district["dlhw"].path
    record = AuditRecord.objects.get(action="registry.enterprise.updated")
    assert record.actor == operator and record.org_unit_path == district["dlhw"].path
    assert record.changes["name"] == ["零号湾智能科技有限公司", "零号湾智能科技股份有限公司"]
    assert record.changes["org_unit"] == ["向阳园", "大零号湾"]
    assert record.changes["industries"] == [[], ["高端医疗器械"]]

    audit = client.get(reverse("audit-list")).content.decode()
    assert "修改企业信息" in audit and "<del>零号湾智能科技有限公司</del>" in audit


def test_operator_cannot_move_an_enterprise_outside_its_subtree(client, operator, two_enterprises, district):
    mine, _other = two_enterprises
    client.force_login(operator)
    response = client.post(
        reverse("enterprise-edit", args=[mine.uscc]), {"name": mine.name, "org_unit": district["zizhu"].pk}
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    mine.refresh_from_db()
    assert mine.org_unit == district["block"]
    assert not AuditRecord.objects.exists()


def test_viewer_cannot_edit(client, viewer, two_enterprises):
    mine, _other = two_enterprises
    client.force_login(viewer)
    page = client.get(reverse("enterprise-detail", args=[mine.uscc])).content.decode()
    assert mine.name in page and reverse("enterprise-edit", args=[mine.uscc]) not in page
    assert client.get(reverse("enterprise-edit", args=[mine.uscc])).status_code == 403
    response = client.post(reverse("enterprise-edit", args=[mine.uscc]), {"name": "改名"})
    assert response.status_code == 403
    assert "无权操作" in response.content.decode()
    mine.refresh_from_db()
    assert mine.name == "零号湾智能科技有限公司"


def test_saving_without_changes_writes_no_audit_record(admin_client, two_enterprises):
    mine, _other = two_enterprises
    response = admin_client.post(
        reverse("enterprise-edit", args=[mine.uscc]),
        {"name": mine.name, "org_unit": mine.org_unit_id},
        follow=True,
    )
    assert "没有任何修改" in response.content.decode()
    assert not AuditRecord.objects.exists()


def test_update_service_refuses_a_move_outside_the_subtree_and_read_only_users(
    operator, viewer, two_enterprises, district
):
    from django.core.exceptions import PermissionDenied, ValidationError

    from zerobay.registry.services import update_enterprise

    mine, other = two_enterprises
    with pytest.raises(ValidationError) as refused:
        update_enterprise(mine, acting_user=operator, org_unit=district["zizhu"])
    assert "org_unit" in refused.value.message_dict
    with pytest.raises(ValidationError):
        update_enterprise(mine, acting_user=operator, org_unit=None)  # unassigned is district-only
    with pytest.raises(PermissionDenied):
        update_enterprise(other, acting_user=operator, name="改名")  # not its enterprise
    with pytest.raises(PermissionDenied):
        update_enterprise(mine, acting_user=viewer, name="改名")
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.org_unit == district["block"] and other.name == "紫竹生物医药有限公司"
    assert not AuditRecord.objects.exists()
