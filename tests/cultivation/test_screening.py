"""`zerobay cultivation screen`: enterprises imported through the data hub (three annual workbooks and
a profile workbook) screened for HTE and TSME, with the JSON contract of item 5."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from zerobay.cultivation.rules import RULES

from ..factories import EnterpriseFactory, make_uscc
from ..statistics.helpers import run_import
from .panel import annual, good_hte
from .test_profile_import import PROFILE

pytestmark = pytest.mark.django_db

ANNUAL = [
    "统一社会信用代码",
    "企业名称",
    "从业人员期末人数（人）",
    "科技活动人员（人）",
    "营业收入（千元）",
    "研究开发费用合计（千元）",
    "高新技术产品（服务）收入（千元）",
]


def screen_json(*args) -> dict:
    out = io.StringIO()
    call_command("cultivation", "screen", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def imported(workbook, district, django_capture_on_commit_callbacks):
    """Two enterprises through the imports: A meets everything, B misses R&D by 0.8 points."""
    a, b = make_uscc(), make_uscc()
    for year in (2023, 2024, 2025):
        rows = [
            [a, "甲科技有限公司", 200, 40, 30_000, 1_800, 24_000],  # 千元: 3,000万 revenue, 6% R&D
            [b, "乙科技有限公司", 50, 4, 10_000, 420, 5_000],
        ]
        with django_capture_on_commit_callbacks(execute=True):
            status, report = run_import(
                workbook(ANNUAL, rows, name=f"{year}.xlsx"), period=("--year", str(year))
            )
        assert status == 0, report["errors"]
    profile_rows = [
        [a, "甲科技有限公司", "2019-05-01", 8_000, 2, 5, "先进制造与自动化", "3499"],
        [b, "乙科技有限公司", "2025年12月1日", 600, 0, 0, "电子信息", "6513"],
    ]
    status, report = run_import(
        workbook(PROFILE, profile_rows, name="profile.xlsx"), form="enterprise-profile", period=()
    )
    assert status == 0, report["errors"]
    return a, b


def by_uscc(result):
    return {e["uscc"]: e for e in result["enterprises"]}


def test_hte_screen_json_contract(imported):
    a, b = imported
    result = screen_json("--qualification", "hte", "--as-of", "2026-06-30")
    assert result["qualification"] == "hte" and result["as_of"] == "2026-06-30"
    rows = by_uscc(result)
    first = rows[a]
    assert set(first) == {"uscc", "name", "org_unit", "status", "criteria"}
    assert first["status"] == "eligible"
    criteria = {c["id"]: c for c in first["criteria"]}
    assert {
        "founded_one_year",
        "rd_ratio",
        "hitech_income_share",
        "st_staff_share",
        "ip_owned",
        "innovation_score",
    } <= set(criteria)
    for c in criteria.values():
        assert set(c) == {"id", "label", "met", "value", "threshold", "message"}
    assert criteria["rd_ratio"]["value"] == pytest.approx(0.06) and criteria["rd_ratio"]["threshold"] == 0.05
    assert criteria["hitech_income_share"]["value"] == pytest.approx(0.8)
    assert criteria["st_staff_share"]["value"] == pytest.approx(0.2)
    second = {c["id"]: c for c in rows[b]["criteria"]}
    assert second["rd_ratio"]["met"] is False and second["rd_ratio"]["value"] == pytest.approx(0.042)
    assert "还差 0.8 个百分点" in second["rd_ratio"]["message"]
    assert second["founded_one_year"]["met"] is False  # registered 2025-12-01
    assert second["ip_owned"]["met"] is False
    assert rows[b]["status"] == "not_eligible"


def test_tsme_screen_points_and_score(imported):
    a, b = imported
    rows = by_uscc(screen_json("--qualification", "tsme", "--as-of", "2026-06-30"))
    first = {c["id"]: c for c in rows[a]["criteria"]}
    # 20% S&T staff → 12; 6% R&D → 50; class-I IP → 30
    assert (first["st_staff_points"]["value"], first["rd_points"]["value"], first["ip_points"]["value"]) == (
        12,
        50,
        30,
    )
    assert first["score"]["value"] == 92 and rows[a]["status"] == "eligible"
    second = {c["id"]: c for c in rows[b]["criteria"]}
    # 8% S&T staff → 0; 4.2% → 30; no IP → 0
    assert (
        second["st_staff_points"]["value"],
        second["rd_points"]["value"],
        second["ip_points"]["value"],
    ) == (0, 30, 0)
    assert second["score"]["value"] == 30 and rows[b]["status"] == "not_eligible"


def test_org_unit_limits_the_screen(district):
    mine = good_hte(district["block"])
    other = good_hte(district["zizhu"])
    result = screen_json("--qualification", "hte", "--as-of", "2026-06-30", "--org-unit", "DLHW")
    assert [e["uscc"] for e in result["enterprises"]] == [mine.uscc]
    assert result["enterprises"][0]["org_unit"] == "DLHW-XYY"
    everyone = screen_json("--qualification", "hte", "--as-of", "2026-06-30")
    assert {e["uscc"] for e in everyone["enterprises"]} == {mine.uscc, other.uscc}


def test_every_qualification_screens(district):
    e = good_hte(district["dlhw"])
    annual(EnterpriseFactory(), 2025, revenue=10)
    for qualification in ("hte", "tsme", "innovative_sme", "srdi_sme", "little_giant", "above_scale"):
        assert qualification in RULES
        result = screen_json("--qualification", qualification, "--as-of", "2026-06-30")
        assert len(result["enterprises"]) == 2
        for row in result["enterprises"]:
            assert row["status"] in {"holds", "eligible", "near", "not_eligible"}
            assert all(c["message"] for c in row["criteria"])
    assert e


def test_wrong_arguments_exit_2(district):
    with pytest.raises(CommandError) as err:
        screen_json("--qualification", "hte", "--as-of", "2026-13-01")
    assert err.value.returncode == 2
    with pytest.raises(CommandError) as err:
        screen_json("--qualification", "hte", "--as-of", "2026-06-01", "--org-unit", "NOPE")
    assert err.value.returncode == 2


def test_text_output_names_the_gap(district, capsys):
    good_hte(district["dlhw"], name="差一点科技", hightech_revenue=1500)
    out = io.StringIO()
    call_command("cultivation", "screen", "--qualification", "hte", "--as-of", "2026-06-30", stdout=out)
    text = out.getvalue()
    assert "差一项 1" in text and "差一点科技" in text and "还差 10 个百分点" in text
