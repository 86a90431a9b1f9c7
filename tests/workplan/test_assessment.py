"""The quarterly assessment: declared criteria and weights, each unit's total, rank and breakdown;
a criterion that does not apply is left out; a liaison sees its own unit only."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from zerobay.workplan.assessment import Quarter, assess, criteria, enter_leadership_score
from zerobay.workplan.dispatch import deadline_of
from zerobay.workplan.models import Milestone, Task, TaskList, WeeklyUpdate, week_start

pytestmark = pytest.mark.django_db
Q3 = Quarter(2025, 3)


@pytest.fixture
def quarter(units):
    plan = TaskList.objects.create(year=2025, name="2025年度重点工作任务清单")
    kw = Task.objects.create(
        task_list=plan, code="1", sort=1, title="任务一", due=datetime.date(2025, 12, 31)
    )
    kw.lead_units.set([units["KW"]])
    fgw = Task.objects.create(
        task_list=plan, code="2", sort=2, title="任务二", due=datetime.date(2025, 12, 31)
    )
    fgw.lead_units.set([units["FGW"]])
    Milestone.objects.create(
        task=kw, due=datetime.date(2025, 8, 1), deliverable="节点", done_on=datetime.date(2025, 7, 30)
    )
    Milestone.objects.create(
        task=fgw, due=datetime.date(2025, 8, 1), deliverable="节点", done_on=datetime.date(2025, 8, 5)
    )
    Milestone.objects.create(task=fgw, due=datetime.date(2025, 9, 1), deliverable="节点二")
    # 区科委 files every week of the quarter on time; 区发展改革委 half of them, late
    week = week_start(Q3.start)
    n = 0
    while week <= Q3.end:
        if Q3.start <= deadline_of(week).date() <= Q3.end:
            on_time = deadline_of(week) - datetime.timedelta(hours=5)
            WeeklyUpdate.objects.create(
                task=kw,
                unit=units["KW"],
                week=week,
                progress="p",
                declared_status="green",
                submitted_at=on_time,
            )
            if n % 2:
                WeeklyUpdate.objects.create(
                    task=fgw, unit=units["FGW"], week=week, progress="p", declared_status="green",
                    submitted_at=on_time + datetime.timedelta(days=2),
                )  # fmt: skip
            n += 1
        week += datetime.timedelta(days=7)
    return {"kw": kw, "fgw": fgw, "weeks": n}


def test_the_criteria_file_is_declared_and_weighted():
    found, source = criteria()
    assert {c.key for c in found} == {
        "updates_on_time",
        "milestones_met",
        "indicators_on_track",
        "leadership",
    }
    assert abs(sum(c.weight for c in found) - 1) < 1e-9 and "000_" in source


def test_scores_ranks_and_breakdown(quarter, units, admin_user):
    result = assess(Q3, today=datetime.date(2026, 1, 10))
    rows = {r["unit"]: r for r in result["units"]}
    kw, fgw = rows["区科委"], rows["区发展改革委"]
    parts = {p["key"]: p for p in kw["breakdown"]}
    assert (
        parts["updates_on_time"]["score"] == 100.0
        and parts["updates_on_time"]["detail"] == f"{quarter['weeks']}/{quarter['weeks']}"
    )
    assert parts["milestones_met"]["score"] == 100.0
    assert parts["indicators_on_track"]["score"] is None and parts["leadership"]["score"] is None  # left out
    assert kw["total"] == 100.0 and kw["rank"] == 1
    fparts = {p["key"]: p for p in fgw["breakdown"]}
    assert fparts["updates_on_time"]["score"] == 0.0 and fparts["milestones_met"]["score"] == 0.0
    assert fgw["total"] == 0.0 and fgw["rank"] == 2
    enter_leadership_score(admin_user, units["FGW"], Q3, 90, "工作态度积极")
    fgw = next(
        r for r in assess(Q3, today=datetime.date(2026, 1, 10))["units"] if r["unit"] == "区发展改革委"
    )
    # (0.3×0 + 0.3×0 + 0.2×90) / 0.8
    assert fgw["total"] == 22.5


def test_pages_command_and_export(client, quarter, units, admin_user, viewer, liaisons, operator):
    url = reverse("workplan-assessment")
    client.force_login(admin_user)
    page = client.get(url, {"quarter": "2025Q3"}).content.decode()
    assert (
        'data-unit="区科委"' in page and 'data-unit="区发展改革委"' in page and 'id="leadership-form"' in page
    )
    assert (
        client.post(
            reverse("workplan-leadership"), {"quarter": "2025Q3", "unit": units["KW"].pk, "score": "150"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("workplan-leadership"), {"quarter": "2025Q9", "unit": units["KW"].pk, "score": "80"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("workplan-leadership"), {"quarter": "2025Q3", "unit": units["KW"].pk, "score": "80"}
        ).status_code
        == 302
    )
    book = client.get(url, {"quarter": "2025Q3", "format": "xlsx"}).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(book)).get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["排名", "单位", "合计"] and {r[1] for r in rows[1:]} == {"区科委", "区发展改革委"}
    client.force_login(viewer)
    assert 'data-unit="区发展改革委"' in client.get(url, {"quarter": "2025Q3"}).content.decode()
    assert (
        client.post(
            reverse("workplan-leadership"), {"quarter": "2025Q3", "unit": units["KW"].pk, "score": "10"}
        ).status_code
        == 403
    )
    client.force_login(liaisons["FGW"])  # its own breakdown only
    page = client.get(url, {"quarter": "2025Q3"}).content.decode()
    assert (
        'data-unit="区发展改革委"' in page
        and 'data-unit="区科委"' not in page
        and 'id="export-xlsx"' not in page
    )
    client.force_login(operator)
    assert client.get(url).status_code == 403
    out = io.StringIO()
    call_command("workplan", "assess", "--quarter", "2025Q3", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    kw = next(r for r in result["units"] if r["unit"] == "区科委")
    assert {p["key"]: p["score"] for p in kw["breakdown"]}["leadership"] == 80.0


def test_quarters():
    assert Quarter.parse("2025q3") == Quarter.parse("2025-Q3") == Q3
    assert (Q3.start, Q3.end) == (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
    assert Quarter(2025, 4).end == datetime.date(2025, 12, 31)
    assert Quarter.of(timezone.localdate()).year == timezone.localdate().year
    for text in ("2025Q5", "Q3", "2025-3"):
        with pytest.raises(ValueError):
            Quarter.parse(text)


def test_only_judged_indicators_count(quarter):
    from zerobay.indicators.models import PublishedFigure

    for year, kind, value in ((2023, "actual", 100), (2024, "actual", 100), (2026, "target", 1_000_000)):
        PublishedFigure.objects.create(
            indicator="district.hte_recognised", scope="MH", year=year, kind=kind, value=value, unit="家",
            source="test.txt", published=datetime.date(2025, 1, 1),
        )  # fmt: skip
    kw = quarter["kw"]
    kw.indicators = ["district.hte_recognised", "district.science_literacy"]  # the second: no data
    kw.save()
    row = next(r for r in assess(Q3, today=datetime.date(2026, 1, 10))["units"] if r["unit"] == "区科委")
    part = next(p for p in row["breakdown"] if p["key"] == "indicators_on_track")
    assert (part["score"], part["detail"]) == (0.0, "0/1")
