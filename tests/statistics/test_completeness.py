"""The monthly reporting chase (营收报库) on a month where some enterprises reported on time, some late
and some not at all: reports come in through the real import pipeline at chosen moments."""

import datetime
import io
import json
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from zerobay.accounts.models import AuditRecord
from zerobay.statistics import completeness as svc
from zerobay.statistics.models import ReportingDuty
from zerobay.statistics.periods import Period

from ..factories import EnterpriseFactory
from .helpers import run_import

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = ["统一社会信用代码", "企业名称", "营业收入（本年累计，万元）", "从业人员（人）"]
MAY = Period.parse("2026-05")


def at(text):
    """Run the code inside as if it were `text` (Shanghai time)."""
    moment = datetime.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def report(workbook, enterprises, when, name):
    with at(when):
        status, out = run_import(
            workbook(HEADER, [[e.uscc, e.name, 800, 20] for e in enterprises], name=name),
            form="torch-monthly",
            period=("--month", "2026-05"),
        )
    assert status == 0, out


@pytest.fixture
def month(district, workbook):
    """规上 A, B, C in 大零号湾 (C in its block), D in 紫竹; E not 规上 but flagged by staff; F 规上 but
    exempted; G not 规上, reports of its own accord. Default deadline of May: 2026-06-10."""
    names = "ABCDEFG"
    units = [district["dlhw"], district["dlhw"], district["block"], district["zizhu"], district["dlhw"]] + [
        district["dlhw"]
    ] * 2
    e = {
        n: EnterpriseFactory(name=f"企业{n}", org_unit=u, above_scale=n in "ABCDF")
        for n, u in zip(names, units, strict=True)
    }
    ReportingDuty.objects.create(
        enterprise=e["E"], duty="required", contact_name="王五", contact_phone="021-1234"
    )
    ReportingDuty.objects.create(enterprise=e["F"], duty="exempt", reason="已迁出")
    ReportingDuty.objects.create(enterprise=e["C"], contact_name="张三", contact_email="zs@example.com")
    report(workbook, [e["A"], e["D"], e["G"]], "2026-06-08T10:00", "early.xlsx")
    report(workbook, [e["B"]], "2026-06-10T23:30", "deadline-day.xlsx")  # on the deadline day: on time
    report(workbook, [e["E"]], "2026-06-11T00:30", "next-day.xlsx")  # one day late
    report(workbook, [e["A"]], "2026-06-20T09:00", "correction.xlsx")  # a correction keeps A on time
    return e


def run(*args):
    out = io.StringIO()
    call_command("statistics", "completeness", "--form", "monthly", *args, stdout=out)
    return out.getvalue()


def statuses(data):
    return {r["name"]: r["status"] for r in data["enterprises"]}


def test_on_time_late_and_missing(month):
    data = json.loads(run("--period", "2026-05", "--format", "json", "--as-of", "2026-07-01"))
    assert (data["form"], data["period"], data["deadline"]) == ("monthly", "2026-05", "2026-06-10")
    assert statuses(data) == {
        "企业A": "on_time",
        "企业B": "on_time",
        "企业C": "missing",
        "企业D": "on_time",
        "企业E": "late",
    }
    assert (data["expected"], data["on_time"], data["late"], data["missing"]) == (5, 3, 1, 1)
    assert data["on_time_rate"] == 0.6
    by_unit = {g["org_unit"]: g for g in data["by_org_unit"]}
    assert {k: by_unit["DLHW"][k] for k in ("expected", "on_time", "late", "missing")} == {
        "expected": 4,
        "on_time": 2,
        "late": 1,
        "missing": 1,
    }
    assert by_unit["ZZ"]["on_time_rate"] == 1.0
    rows = {r["name"]: r for r in data["enterprises"]}
    assert rows["企业E"]["days_late"] == 1 and rows["企业E"]["duty"] == "required"
    assert rows["企业A"]["reported_at"].startswith(
        "2026-06-08T10:00"
    )  # the first arrival, not the correction
    assert rows["企业C"]["contact"]["email"] == "zs@example.com"
    assert rows["企业C"]["subpark"] == "DLHW"  # a block's enterprise counts for its sub-park


def test_text_output_lists_the_missing_with_contact(month):
    text = run("--period", "2026-05", "--as-of", "2026-07-01")
    assert "应报 5 家：按时 3，逾期 1，未报 1" in text
    assert "企业C" in text and "zs@example.com" in text


def test_as_of_a_day_before_the_deadline(month):
    data = json.loads(run("--period", "2026-05", "--format", "json", "--as-of", "2026-06-09"))
    assert statuses(data) == {
        "企业A": "on_time",
        "企业B": "missing",
        "企业C": "missing",
        "企业D": "on_time",
        "企业E": "missing",
    }


def test_a_later_deadline_in_the_calendar_makes_the_late_one_on_time(month):
    out = io.StringIO()
    call_command(
        "statistics",
        "deadline",
        "--period",
        "2026-05",
        "--date",
        "2026-06-12",
        "--note",
        "端午顺延",
        stdout=out,
    )
    assert "2026-06-12（已设定）" in out.getvalue()
    assert AuditRecord.objects.filter(action="statistics.deadline.set").exists()
    data = json.loads(run("--period", "2026-05", "--format", "json", "--as-of", "2026-07-01"))
    assert statuses(data)["企业E"] == "on_time"
    call_command("statistics", "deadline", "--period", "2026-05", "--default", stdout=io.StringIO())
    assert svc.deadline_for(MAY) == datetime.date(2026, 6, 10)


def test_org_unit_limits_the_month_to_its_subtree(month):
    data = json.loads(
        run("--period", "2026-05", "--format", "json", "--org-unit", "ZZ", "--as-of", "2026-07-01")
    )
    assert statuses(data) == {"企业D": "on_time"}


def test_daily_view_from_ten_days_before_the_deadline(month):
    result = svc.completeness(MAY, as_of=datetime.date(2026, 6, 12))
    days = svc.daily_progress(result)
    assert days[0]["date"] == datetime.date(2026, 5, 31) and days[0]["days_to_deadline"] == 10
    assert days[-1]["date"] == datetime.date(2026, 6, 12)  # not past the as-of day
    by_day = {d["date"]: d for d in days}
    assert by_day[datetime.date(2026, 6, 8)]["reported_that_day"] == 2
    assert by_day[datetime.date(2026, 6, 10)]["reported"] == 3
    assert by_day[datetime.date(2026, 6, 11)]["remaining"] == 1


def test_on_time_history_per_subpark(month, workbook):
    with at("2026-05-08T10:00"):  # April: only A reported (on time)
        run_import(
            workbook(HEADER, [[month["A"].uscc, month["A"].name, 500, 20]], name="april.xlsx"),
            form="torch-monthly",
            period=("--month", "2026-04"),
        )
    history = svc.on_time_history([Period.parse("2026-03"), Period.parse("2026-04"), MAY])
    assert history["periods"] == ["2026-03", "2026-04", "2026-05"]
    rates = {s["org_unit"]: s["rates"] for s in history["series"]}
    # March: nothing came in at all, so no rate; April: 紫竹's one enterprise did not report.
    assert rates["ZZ"] == [None, 0.0, 1.0]
    assert rates["DLHW"] == [None, 0.25, 0.5]
    assert history["total"] == [None, 0.2, 0.6]


@pytest.mark.parametrize("period", ["2026", "2026-13", "May"])
def test_a_period_that_is_not_a_month_is_refused(district, period):
    with pytest.raises(CommandError, match="报送期应为月份"):
        run("--period", period)


def test_deadline_must_fall_after_the_month(district):
    with pytest.raises(CommandError, match="应在该月结束之后"):
        call_command(
            "statistics", "deadline", "--period", "2026-05", "--date", "2026-05-31", stdout=io.StringIO()
        )


def test_unknown_org_unit_is_refused(district):
    with pytest.raises(CommandError, match="没有这个组织单元：XX"):
        run("--period", "2026-05", "--org-unit", "XX")
