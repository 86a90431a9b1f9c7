"""`zerobay reports bulletin`: a Word document python-docx opens, with the sections of the issue,
chart images, and tables whose figures equal `indicators show` and `workplan list --as-of`."""

import datetime
import io
import json
import time

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tests.workplan.workbooks import make_units
from zerobay.indicators.models import PublishedFigure
from zerobay.workplan.models import Milestone, Task, TaskList, WeeklyUpdate, week_start

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2025, 9, 30)


def figure(indicator, year, kind, value):
    PublishedFigure.objects.create(
        indicator=indicator, scope="MH", year=year, kind=kind, value=value, unit="亿元",
        source="test.txt", published=datetime.date(2025, 2, 1),
    )  # fmt: skip


@pytest.fixture
def month(district):
    units = make_units()
    plan = TaskList.objects.create(year=2025, name="2025年度重点工作任务清单")
    late = Task.objects.create(
        task_list=plan, code="1", sort=1, title="建设概念验证中心", due=datetime.date(2025, 12, 31)
    )
    late.lead_units.set([units["KW"], units["DLHW"]])
    Milestone.objects.create(
        task=late, due=datetime.date(2025, 9, 15), deliverable="选址方案"
    )  # overdue at cut-off
    done = Task.objects.create(
        task_list=plan, code="2", sort=2, title="设立天使基金", due=datetime.date(2025, 8, 31)
    )
    done.lead_units.set([units["FGW"]])
    Milestone.objects.create(
        task=done,
        due=datetime.date(2025, 8, 31),
        deliverable="基金设立",
        done_on=datetime.date(2025, 8, 28),
        accepted=True,
    )
    # done after the cut-off: at the cut-off it was not
    later = Task.objects.create(
        task_list=plan, code="3", sort=3, title="高企培育", due=datetime.date(2025, 12, 31)
    )
    later.lead_units.set([units["JW"]])
    Milestone.objects.create(
        task=later,
        due=datetime.date(2025, 10, 10),
        deliverable="申报",
        done_on=datetime.date(2025, 10, 9),
        accepted=True,
    )
    week = week_start(datetime.date(2025, 9, 8))
    WeeklyUpdate.objects.create(
        task=late, unit=units["KW"], week=week, progress="推进", declared_status="green"
    )
    figure("district.tech_contract_value", 2023, "actual", 400)
    figure("district.tech_contract_value", 2024, "actual", 480)
    figure("district.tech_contract_value", 2026, "target", 586)
    return plan


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_bulletin_of_a_month(month, tmp_path):
    path, snap_path = tmp_path / "b.docx", tmp_path / "b.json"
    summary = json.loads(
        run(
            "reports",
            "bulletin",
            "--period",
            "2025-09",
            "--out",
            str(path),
            "--snapshot",
            str(snap_path),
            "--format",
            "json",
        )
    )
    assert summary["number"] == 4  # June is the first issue
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "第4期" in text and "闵行区科学技术委员会" in text and "2025年9月工作通报" in text
    for heading in (
        "一、本月概况",
        "二、发展指标完成情况",
        "三、重点任务推进情况",
        "四、政策项目",
        "五、企业培育",
        "六、供需对接",
    ):
        assert heading in text
    assert len(doc.inline_shapes) >= 3
    assert round(doc.sections[0].page_width.cm, 1) == 21.0

    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    # the indicator table's figures are those of `zerobay indicators show`
    shown = json.loads(
        run("indicators", "show", "district.tech_contract_value", "--year", "2025", "--format", "json")
    )
    tracking = shown["tracking"]
    indicator_table = next(t for t in tables if t[0][0] == "指标" and "完成率" in t[0])
    row = next(r for r in indicator_table if r[0] == "技术合同成交额")
    number = lambda text: float(text.replace(",", ""))  # noqa: E731
    assert number(row[2]) == round(tracking["value"], 2) and number(row[4]) == round(tracking["target"], 2)
    assert int(row[1]) == tracking["year"] and int(row[3]) == tracking["target_year"]
    assert row[6] == f"{100 * tracking['completion']:.1f}%"

    # the task statuses are those of `workplan list --as-of` the cut-off; the red one named with its units
    listed = json.loads(
        run("workplan", "list", "--year", "2025", "--as-of", "2025-09-30", "--format", "json")
    )
    statuses = {t["code"]: t["status"] for t in listed["tasks"]}
    assert statuses == {
        "1": "red",
        "2": "done",
        "3": "yellow",
    }  # its milestone falls due in 10 days, done later
    snap = json.loads(snap_path.read_text())
    assert {s: n for s, n in snap["tasks"]["counts"].items() if n} == {"red": 1, "done": 1, "yellow": 1}
    red_table = next(t for t in tables if t[0][:3] == ["序号", "任务", "牵头单位"])
    assert red_table[1:] == [["1", "建设概念验证中心", "区科委、大零号湾集团", "2025-12-31", red_table[1][4]]]
    ranking = next(t for t in tables if t[0][:2] == ["排名", "单位"])
    assert ranking[1][1] == "区科委"  # filed its update; 大零号湾集团 and 区经委 did not
    assert {r[1] for r in ranking[1:]} == {"区科委", "大零号湾集团", "区经委"}


def test_a_wrong_call_is_a_usage_error(month, tmp_path):
    for args in (
        ("--period", "2025-13", "--out", str(tmp_path / "b.docx")),
        ("--period", "2025-09", "--out", str(tmp_path / "b.pdf")),
        ("--period", "2025-09", "--out", str(tmp_path / "nowhere" / "b.docx")),
        ("--period", "2025-09", "--out", str(tmp_path / "b.docx"), "--org-unit", "NOPE"),
    ):
        with pytest.raises(CommandError) as exc:
            run("reports", "bulletin", *args)
        assert exc.value.returncode == 2


def test_the_demo_issues_a_bulletin_a_month_since_june(district):
    make_units()
    from zerobay.reports import demo
    from zerobay.reports.bulletin.services import docx_bytes
    from zerobay.reports.models import Bulletin

    demo.load(password="pw", seed=3, progress=lambda _m: None)
    issued = list(Bulletin.objects.filter(status="issued").order_by("period"))
    assert len(issued) == 17 and [b.number for b in issued] == list(range(1, 18))
    assert issued[0].period == datetime.date(2025, 6, 1) and issued[0].snapshot["tasks"]["total"] == 80
    first = docx_bytes(issued[0])
    time.sleep(1.1)  # a second later: the zip would carry another time of drawing
    assert first == docx_bytes(issued[0])  # the same document, byte for byte
    assert "第1期" in "\n".join(p.text for p in Document(io.BytesIO(first)).paragraphs)
    demo.load(password="pw", seed=3, progress=lambda _m: None)
    assert Bulletin.objects.count() == 17
    assert demo.wipe() >= 17 and not Bulletin.objects.exists()
