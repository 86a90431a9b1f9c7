"""The indicator pages: overview against targets, one indicator with its published figures and
conflicts, the drill-down to the enterprises behind a value, the sub-park evaluation, and the
xlsx exports of each."""

import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.indicators import tracking
from zerobay.indicators.catalogue import catalogue
from zerobay.indicators.models import IndicatorValue, PublishedFigure

from ..factories import EnterpriseFactory
from ..statistics.helpers import run_import
from .fixtures import import_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def xlsx(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_of(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def table(page: str, table_id: str) -> str:
    start = page.index(f'id="{table_id}"')
    return page[start : page.index("</table>", start)]


def script_data(page: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', page, re.S)
    assert match, f"no {element_id}"
    return json.loads(match[1])


def series_by_id(spec: dict) -> dict:
    """The data of each series of a chart spec (zerobay/web/charts.py), by its id."""
    return {s["id"]: s["data"] for s in spec["series"]}


def test_published_figures_are_synchronised_into_the_database_after_migrate(db):
    figure = PublishedFigure.objects.get(
        indicator="district.tech_contract_value", year=2024, source="002_2592a937df914d84.txt"
    )
    assert (
        figure.value == Decimal("367.58") and figure.unit == "亿元" and str(figure.published) == "2025-02-06"
    )
    assert figure.source_title == "闵行区科学技术委员会2024年工作总结"


def test_overview_lists_every_category_with_statuses_and_the_rule(admin_client, park):
    page = admin_client.get(reverse("indicator-overview")).content.decode()
    assert "发展指标" in page and 'class="active">指标</a>' in page  # the nav link is lit
    overview = table(page, "overview-table")
    for category, indicators in catalogue().by_category():
        assert f'<tr class="category"><th colspan="11">{category.name} ' in overview
        for indicator in indicators:
            assert f'href="{reverse("indicator-detail", args=[indicator.id])}"' in overview
    assert tracking.STATUS_RULE in page
    assert "计算时间" in page and 'id="status-chart"' in page and "echarts.min.js" in page

    # R&D intensity: 5 % → 6 % against the published 6.8 % for 2026 needs +13.3 % a year, less than
    # the +20 % seen: on track, 88.2 % complete, +20.0 % on the year, for the park.
    row = overview[overview.index('data-indicator="park.rd_intensity"') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:]] == [
        "%",
        "计算值",
        "张江高新区闵行园区",
        "2025",
        "6.00",
        "2026",
        "6.8",
        "88.2%",
        "+20.0%",
        "正常",
    ]
    assert 'class="badge badge-green">正常' in row

    # A published indicator whose sources disagree carries the mark; a count heads the page.
    row = overview[overview.index('data-indicator="district.tech_contract_value"') :]
    assert "⚠" in row[: row.index("</tr>")]
    counts = page[page.index('id="status-counts"') :]
    assert re.search(r'data-status="on_track">正常 <strong>[1-9]\d*</strong>', counts)
    chart = script_data(page, "status-data")
    assert chart["categories"] == ["已达成", "正常", "有风险", "滞后", "无目标", "无数据"]
    assert sum(chart["series"][0]["data"]) == len(list(catalogue()))


def test_overview_in_english_states_the_english_rule(admin_client, park):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = admin_client.get(reverse("indicator-overview")).content.decode()
    assert tracking.STATUS_RULE_EN in page and tracking.STATUS_RULE not in page
    assert "Enterprise R&amp;D expenditure as a share of revenue" in page and ">On track<" in page


def test_indicator_page_shows_published_figures_with_source_date_and_the_conflict(admin_client, published):
    page = admin_client.get(
        reverse("indicator-detail", args=["district.tech_contract_value"])
    ).content.decode()
    assert "技术合同成交额" in page and "district.toml" in page
    figures = page[page.index('id="published"') : page.index('id="conflicts"')]
    for value, title, date in [
        ("367.58", "闵行区科学技术委员会2024年工作总结", "2025-02-06"),
        ("505.3", "“大零号湾”科技创新策源功能区产业规划（2025-2035年）", "2025-12-10"),
        ("553.13", "闵行区科学技术委员会2025年工作总结", "2026-02-13"),
    ]:
        assert value in figures and title in figures and date in figures
    assert "完成值" in figures and "目标值" in figures and "不低于 586" in figures
    assert "同比 9.47%" in figures  # the stated growth

    conflicts = page[page.index('id="conflicts"') :]
    conflicts = conflicts[: conflicts.index("</section>")]
    assert "2024年实际值各来源不一致" in conflicts
    assert "002_2592a937df914d84.txt" in conflicts and "367.58 亿元" in conflicts
    assert "004_72e03746bcad8739.txt" in conflicts and "505.3 亿元" in conflicts
    assert "2025-02-06" in conflicts and "2025-12-10" in conflicts
    # Published only: no formula, no breakdown; tracked on the latest published actual.
    assert 'id="formula"' not in page and 'id="breakdown"' not in page
    assert "553.13" in page[page.index('id="tracking"') :]


def test_computed_indicator_page_shows_formula_series_target_forecast_and_tracking(admin_client, park):
    page = admin_client.get(reverse("indicator-detail", args=["park.rd_intensity"])).content.decode()
    assert "sum(annual.rd_expenditure) / sum(annual.revenue)" in page
    assert "park.toml" in page and "越高越好" in page
    chart = series_by_id(script_data(page, "series-data"))
    assert chart["computed"] == [[2024, pytest.approx(5.0)], [2025, pytest.approx(6.0)]]
    assert chart["targets"] == [[2026, 6.8]]
    assert chart["forecast"][0] == [2025, pytest.approx(6.0)] and chart["forecast"][1][0] == 2026
    assert 'id="series-chart"' in page

    track = page[page.index('id="tracking"') : page.index('id="series"')]
    assert "6.00" in track and "6.8" in track and "88.2%" in track and "+20.0%" in track
    assert 'id="status-badge">正常' in track
    assert "+13.3%" in table(track, "required-growth")  # required yearly growth to 2026
    assert "实现目标需年均增长+13.3%" in track and "判定为“正常”" in track  # the rule applied
    assert "张江高新区闵行园区改革创新发展行动方案（2025-2026年）" in track  # where the target comes from

    # Each computed value links to its drill-down; the published target is in the table too.
    series = table(page, "series-table")
    drill = reverse("indicator-drilldown", args=["park.rd_intensity"])
    assert f'href="{drill}?org=ZJMH&amp;year=2025"' in series and "6.8" in series

    # The breakdown by sub-park ranks 大零号湾 (6.67 %) above 紫竹 (4.29 %).
    breakdown = table(page, "breakdown-table")
    assert breakdown.index("大零号湾") < breakdown.index("紫竹")
    assert "6.67" in breakdown and "4.29" in breakdown
    assert f'href="{drill}?org=ZZ&amp;year=2025"' in breakdown
    assert script_data(page, "breakdown-data")["categories"] == ["大零号湾", "紫竹"]


def test_year_and_org_unit_selectors_change_what_is_shown(admin_client, park):
    url = reverse("indicator-detail", args=["park.rd_intensity"])
    page = admin_client.get(url, {"org": "DLHW", "year": 2024}).content.decode()
    assert '<option value="DLHW" selected>' in page and '<option value="2024" selected>' in page
    assert "2024年分解" in page and "向阳园" in table(page, "breakdown-table")  # 大零号湾's block
    assert "5.00" in table(page, "breakdown-table")
    assert series_by_id(script_data(page, "series-data"))["computed"][-1] == [
        2025,
        pytest.approx(6.6667, rel=1e-3),
    ]
    assert admin_client.get(url, {"org": "NOWHERE"}).status_code == 404


def test_unknown_indicator_is_404(admin_client, district):
    assert admin_client.get(reverse("indicator-detail", args=["park.no_such_thing"])).status_code == 404
    assert admin_client.get(reverse("indicator-drilldown", args=["park.no_such_thing"])).status_code == 404


def test_drilldown_rows_add_up_to_the_value_shown(admin_client, park):
    url = reverse("indicator-drilldown", args=["park.rd_intensity"])
    page = admin_client.get(url, {"org": "ZJMH", "year": 2025}).content.decode()
    rows = table(page, "drill-table")
    # Largest R&D first, in 万元, each with its enterprise page and the report row it came from.
    a, b, c = park["A"], park["B"], park["C"]
    assert rows.index(a.name) < rows.index(b.name) < rows.index(c.name)
    assert f'href="{reverse("enterprise-detail", args=[a.uscc])}"' in rows and a.uscc in rows
    assert "800.00" in rows and "12,000.00" in rows and "向阳园" in rows
    assert "年报2025.xlsx" in rows and "第 2 行，第 1 版" in rows
    assert re.search(r'href="/imports/\d+/"', rows)  # the admin may open the import
    # The totals: 1,500 万元 of R&D over 25,000 万元 of revenue = 6.00 %, the stored value.
    totals = page[page.index('id="drill-totals"') :]
    assert "1,500.00" in totals and "25,000.00" in totals and "= 6.00 %" in totals
    stored = IndicatorValue.objects.get(
        indicator="park.rd_intensity", period="year", year=2025, org_unit=park["park"], industry=None
    )
    assert f"{stored.value:.2f}" == "6.00"
    assert "明细合计与计算值一致" in page

    page = admin_client.get(url, {"org": "ZZ", "year": 2024}).content.decode()
    rows = table(page, "drill-table")
    assert c.name in rows and a.name not in rows and b.name not in rows
    assert "250.00" in rows and "5,000.00" in rows and "= 5.00 %" in page


def test_drilldown_is_paginated_and_its_export_has_every_row(
    admin_client, park, workbook, django_capture_on_commit_callbacks
):
    extra = [
        EnterpriseFactory(name=f"紫竹分页科技有限公司{i:02d}", org_unit=park["zizhu"]) for i in range(55)
    ]
    rows = [[e.uscc, e.name, 5, 1_000 + i, 10, 1, 20, 0, 0, 0] for i, e in enumerate(extra)]
    import_year(workbook, django_capture_on_commit_callbacks, rows, 2023)
    url = reverse("indicator-drilldown", args=["torch.revenue"])
    first = admin_client.get(url, {"org": "ZZ", "year": 2023}).content.decode()
    assert table(first, "drill-table").count("紫竹分页科技有限公司") == 50
    assert "共 55 条" in first and "合计 55 家企业（全部页）" in first
    total_wan = sum(1_000 + i for i in range(55)) / 10  # 千元 → 万元
    assert f"{total_wan:,.2f}" in first[first.index('id="drill-totals"') :]
    assert f"{total_wan / 10_000:.2f}" in first[first.index('id="drill-value"') :]  # 亿元
    second = admin_client.get(url, {"org": "ZZ", "year": 2023, "page": 2}).content.decode()
    assert table(second, "drill-table").count("紫竹分页科技有限公司") == 5

    sheet = rows_of(xlsx(admin_client.get(url, {"org": "ZZ", "year": 2023, "format": "xlsx"})).active)
    assert sheet[0][:3] == ["企业名称", "统一社会信用代码", "所属园区"]
    body = sheet[1:-2]  # then the totals and the formula
    assert len(body) == 55 and {r[0] for r in body} == {e.name for e in extra}
    assert sum(r[3] for r in body) == pytest.approx(total_wan)
    assert sheet[-2][0] == "合计" and sheet[-2][3] == pytest.approx(total_wan)
    assert sheet[-1][3] == pytest.approx(total_wan / 10_000)


def test_drilldown_of_a_published_indicator_or_an_unknown_period_is_404(admin_client, park):
    assert (
        admin_client.get(reverse("indicator-drilldown", args=["district.tech_contract_value"])).status_code
        == 404
    )
    url = reverse("indicator-drilldown", args=["park.rd_intensity"])
    assert admin_client.get(url, {"period": "2025-03"}).status_code == 404  # yearly only
    assert admin_client.get(url, {"period": "soon"}).status_code == 404
    assert admin_client.get(url, {"industry": "NO-SUCH-TRACK"}).status_code == 404


def test_overview_and_indicator_exports_hold_the_rows(admin_client, park):
    sheet = rows_of(xlsx(admin_client.get(reverse("indicator-overview"), {"format": "xlsx"})).active)
    assert sheet[0][:3] == ["类别", "指标编号", "指标"]
    assert len(sheet) == 1 + len(list(catalogue()))
    row = next(r for r in sheet if r[1] == "park.rd_intensity")
    head = sheet[0]
    assert row[head.index("最新值")] == pytest.approx(6.0) and row[head.index("目标值")] == 6.8
    assert (
        row[head.index("完成率（%）")] == pytest.approx(6 / 6.8 * 100) and row[head.index("状态")] == "正常"
    )
    assert next(r for r in sheet if r[1] == "district.tech_contract_value")[head.index("来源不一致")] == "是"

    book = xlsx(admin_client.get(reverse("indicator-detail", args=["park.rd_intensity"]), {"format": "xlsx"}))
    assert book.sheetnames == ["历年数值", "公布数据"]
    series = rows_of(book["历年数值"])
    assert series[0][:5] == ["报告期", "统计范围", "单位", "计算值", "企业数"]
    assert [(r[0], round(r[3], 2) if r[3] else None, r[4]) for r in series[1:]] == [
        ("2024", 5.0, 3),
        ("2025", 6.0, 3),
        ("2026", None, None),
    ]
    assert series[3][6] == 6.8  # the target
    target = next(r for r in rows_of(book["公布数据"])[1:] if r[:2] == [2026, "目标值"])
    assert target[2:4] == [6.8, "%"] and "张江高新区闵行园区改革创新发展行动方案（2025-2026年）" in target


def test_evaluation_ranks_the_subparks_and_exports(admin_client, park, district):
    from ..factories import OrgUnitFactory

    OrgUnitFactory(code="MQ", name="马桥空园", kind="subpark", parent=district["park"])
    page = admin_client.get(reverse("indicator-evaluation"), {"year": 2025}).content.decode()
    body = table(page, "evaluation-table")
    assert body.index("大零号湾") < body.index("紫竹") < body.index("马桥空园")  # by score
    ranks = re.findall(r'<tr data-unit="(\w+)">\s*<td class="num"><strong>(\d+)</strong>', body)
    assert ranks == [("DLHW", "1"), ("ZZ", "2"), ("MQ", "3")]
    assert "缺失" in body[body.index('data-unit="MQ"') :]  # no report: every value missing
    assert "6.67" in body and "4.29" in body  # raw R&D intensity
    weights = body[body.index('id="weights-row"') :]
    assert "20.0%" in weights and "专家权重 20" in weights
    notes = page[page.index('id="method-notes"') :]
    assert "极差标准化" in notes and "专家权重：创新投入与产出并重" in notes
    assert script_data(page, "score-data")["categories"] == ["大零号湾", "紫竹", "马桥空园"]

    entropy = admin_client.get(reverse("indicator-evaluation"), {"year": 2025, "method": "entropy"})
    assert "熵权法" in entropy.content.decode()
    sheet = rows_of(
        xlsx(admin_client.get(reverse("indicator-evaluation"), {"year": 2025, "format": "xlsx"})).active
    )
    assert sheet[0][:4] == ["排名", "园区代码", "子园", "得分"]
    assert [r[:3] for r in sheet[1:4]] == [[1, "DLHW", "大零号湾"], [2, "ZZ", "紫竹"], [3, "MQ", "马桥空园"]]
    assert sheet[4][2] == "权重" and sum(v for v in sheet[4][4:] if v) == pytest.approx(1)


def test_monthly_indicator_shows_its_months_and_drills_into_one(
    admin_client, park, workbook, django_capture_on_commit_callbacks
):
    header = ["统一社会信用代码", "企业名称", "营业收入（本年累计，万元）", "从业人员（人）"]
    for month, amounts in ((2, (300, 100)), (3, (500, 250))):
        path = workbook(
            header,
            [[park[k].uscc, park[k].name, v, 10] for k, v in zip("AC", amounts, strict=True)],
            name=f"月报2025-{month:02d}.xlsx",
        )
        with django_capture_on_commit_callbacks(execute=True):
            status, report = run_import(path, form="torch-monthly", period=("--month", f"2025-{month:02d}"))
        assert status == 0, report["errors"][:3]
    url = reverse("indicator-detail", args=["torch.monthly_revenue"])
    page = admin_client.get(url, {"year": 2025}).content.decode()
    periods = script_data(page, "periods-data")
    assert [[p, v] for p, v in zip(periods["categories"], periods["series"][0]["data"], strict=True)] == [
        ["2025-02", pytest.approx(0.04)],
        ["2025-03", pytest.approx(0.075)],
    ]
    series = table(page, "series-table")
    drill = reverse("indicator-drilldown", args=["torch.monthly_revenue"])
    assert "2025-Q1" in series and f'href="{drill}?org=ZJMH&amp;year=2025&amp;period=2025-03"' in series

    page = admin_client.get(drill, {"org": "ZJMH", "year": 2025, "period": "2025-03"}).content.decode()
    rows = table(page, "drill-table")
    assert rows.index(park["A"].name) < rows.index(park["C"].name) and park["B"].name not in rows
    assert "月报2025-03.xlsx" in rows and "500.00" in rows
    assert "750.00" in page[page.index('id="drill-totals"') :] and "明细合计与计算值一致" in page
