"""`zerobay matching import achievements|demands FILE [--format json]` and `zerobay matching match`:
the contracted columns, row-level errors, all or nothing unless --skip-invalid, the JSON shapes."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command

from zerobay.matching.models import Achievement, Demand

pytestmark = pytest.mark.django_db

ACH_HEADER = ["成果编号", "成果名称", "成果简介", "技术领域", "成熟度", "持有单位", "合作方式", "关键词"]
DEM_HEADER = ["需求编号", "需求名称", "需求描述", "所属行业", "需求企业", "预算（万元）", "期望合作方式"]
ACH_ROWS = [
    [
        "A001",
        "基于深度学习的电池极片表面缺陷视觉检测方法",
        "卷积神经网络在线识别极片毛刺与划痕",
        "智能经济",
        "TRL6",
        "上海交通大学",
        "许可、合作开发",
        "机器视觉、缺陷检测",
    ],
    [
        "A002",
        "深海温盐深剖面传感器高精度标定方法",
        "压力温度耦合补偿，盐度测量精度0.003",
        "海洋环境感知装备",
        "中试",
        "某海洋研究所",
        "转让",
        "",
    ],
    [
        "A003",
        "封闭式自动化CAR-T细胞制备工艺",
        "一体化封闭式细胞制备",
        "基因与细胞科技",
        7,
        "复旦大学",
        "作价入股",
        "",
    ],
]
DEM_ROWS = [
    [
        "D001",
        "产线上的锂电极片毛刺怎么在线检出",
        "涂布分切后极片边缘有毛刺，人工抽检漏检多",
        "新型储能",
        "零号湾电池科技有限公司",
        50,
        "合作开发",
    ],
    [
        "D002",
        "海上养殖网箱要实时监测海水盐度温度",
        "需要长期稳定、精度可靠的水质传感器",
        "海洋工程",
        "某渔业公司",
        "20",
        "转让",
    ],
]


def run(*args) -> tuple[int, str]:
    """The command as a user runs it, with its exit status."""
    try:
        from io import StringIO

        out = StringIO()
        call_command("matching", *args, stdout=out)
        return 0, out.getvalue()
    except SystemExit as exc:
        return exc.code, out.getvalue()


def test_achievements_import_with_the_json_report(workbook, taxonomy):
    code, out = run("import", "achievements", str(workbook(ACH_HEADER, ACH_ROWS)), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["rows_read"] == 3 and report["rows_imported"] == 3 and report["created"] == 3
    assert report["errors"] == [] and report["header_row"] == 1
    assert report["columns"]["成熟度"] == "maturity"
    a = Achievement.objects.get(code="A001")
    assert (a.trl, a.stage, a.field.code, a.transfer_mode_list) == (
        6,
        "pilot",
        "INTL",
        ["license", "co_development"],
    )
    assert a.status == "review"  # awaits the tech-transfer office
    b = Achievement.objects.get(code="A002")
    assert (b.trl, b.stage, b.track.code, b.field.code) == (None, "pilot", "OCEAN-ENV-T", "OCEAN")
    # Imported again: nothing changes.
    report = json.loads(
        run("import", "achievements", str(workbook(ACH_HEADER, ACH_ROWS)), "--format", "json")[1]
    )
    assert (report["created"], report["unchanged"]) == (0, 3)


def test_a_file_with_bad_rows_imports_nothing_and_says_where(workbook, taxonomy):
    rows = [
        *ACH_ROWS,
        ["A004", "", "无名称", "智能经济", "6", "某大学", "转让"],
        ["A005", "某成果", "", "", "十级", "某大学", "转让"],
        ACH_ROWS[0],
    ]
    path = str(workbook(ACH_HEADER, rows))
    code, out = run("import", "achievements", path, "--format", "json")
    report = json.loads(out)
    assert code == 1 and Achievement.objects.count() == 0
    problems = {(e["row"], e["column"], e["rule"]) for e in report["errors"]}
    assert problems == {
        (5, "成果名称", "required"),
        (6, "成熟度", "maturity_invalid"),
        (7, "成果编号", "duplicate_key"),
    }
    assert all(e["message"] for e in report["errors"])
    assert "十级" in next(e["message"] for e in report["errors"] if e["rule"] == "maturity_invalid")

    code, out = run("import", "achievements", path, "--skip-invalid", "--format", "json")
    assert code == 0 and json.loads(out)["rows_imported"] == 3
    assert set(Achievement.objects.values_list("code", flat=True)) == {"A001", "A002", "A003"}


def test_dry_run_and_missing_columns(workbook, taxonomy):
    code, out = run(
        "import", "achievements", str(workbook(ACH_HEADER, ACH_ROWS)), "--dry-run", "--format", "json"
    )
    assert code == 0 and json.loads(out)["rows_valid"] == 3 and Achievement.objects.count() == 0
    header = [h for h in ACH_HEADER if h != "持有单位"]
    code, out = run(
        "import", "achievements", str(workbook(header, [r[:5] + r[6:] for r in ACH_ROWS])), "--format", "json"
    )
    report = json.loads(out)
    assert (
        code == 1
        and report["errors"][0]["rule"] == "missing_column"
        and "持有单位" in report["errors"][0]["message"]
    )
    code, out = run("import", "achievements", str(workbook(["甲", "乙"], [[1, 2]])), "--format", "json")
    assert code == 2 and json.loads(out)["errors"][0]["rule"] == "no_header"


def test_demands_import_budget_in_ten_thousand_yuan_and_link_the_enterprise(workbook, firms):
    code, out = run(
        "import",
        "demands",
        str(workbook(DEM_HEADER, DEM_ROWS, title_rows=[["2025年技术需求汇总表"]])),
        "--format",
        "json",
    )
    report = json.loads(out)
    assert code == 0 and report["created"] == 2 and report["header_row"] == 2
    d = Demand.objects.get(code="D001")
    assert d.budget_yuan == Decimal("500000.00") and d.enterprise == firms["a"] and d.status == "draft"
    assert d.field.code == "ENER" and d.track.code == "ENER-STO-T"
    bad = [["D003", "某需求", "", "", "", "五十", ""], ["D004", "某需求", "", "", "", -3, ""]]
    code, out = run("import", "demands", str(workbook(DEM_HEADER, bad)), "--format", "json")
    assert code == 1 and {e["rule"] for e in json.loads(out)["errors"]} == {"not_a_number", "negative"}


def test_match_prints_the_contracted_json(workbook, taxonomy):
    run("import", "achievements", str(workbook(ACH_HEADER, ACH_ROWS, name="a.xlsx")))
    run("import", "demands", str(workbook(DEM_HEADER, DEM_ROWS, name="d.xlsx")))
    code, out = run("match", "--demand", "D001", "--top", "2", "--format", "json")
    result = json.loads(out)
    assert code == 0 and len(result) == 1 and result[0]["demand"] == "D001"
    first = result[0]["results"][0]
    assert set(first) == {"achievement", "score", "reasons"}
    assert first["achievement"] == "A001" and isinstance(first["score"], float)
    assert any("极片" in r for r in first["reasons"])
    assert len(result[0]["results"]) <= 2
    scores = [r["score"] for r in result[0]["results"]]
    assert scores == sorted(scores, reverse=True)

    everything = json.loads(run("match", "--all", "--format", "json")[1])
    assert [d["demand"] for d in everything] == ["D001", "D002"]
    assert everything[1]["results"][0]["achievement"] == "A002"


def test_match_of_an_unknown_demand_fails_cleanly(taxonomy):
    with pytest.raises(Exception, match="XQ-NONE"):
        call_command("matching", "match", "--demand", "XQ-NONE", "--format", "json")


def test_the_zerobay_command_line(tmp_path):
    """The entry point parses the contract (no database needed for --help)."""
    out = subprocess.run(
        [sys.executable, "-m", "zerobay.cli", "matching", "match", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--demand" in out and "--all" in out and "--top" in out and "--format" in out
