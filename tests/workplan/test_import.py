"""Importing a messy task-list workbook: sections, several units per cell, every deadline form,
the error rows named by row, column and rule; re-import updates in place and keeps history."""

import datetime
import json

import pytest
from django.core.management import call_command

from zerobay.registry.models import Unit
from zerobay.workplan.importing import import_tasks, split_units
from zerobay.workplan.models import Task, TaskChange, TaskList

from .workbooks import MESSY_ROWS, make_units, write_task_list

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, dict]:
    import io

    out = io.StringIO()
    try:
        call_command("workplan", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue())


@pytest.fixture
def units(db):
    return make_units()


def test_split_units_on_every_separator():
    assert split_units("区科委、区发改委，区经委,吴泾镇；马桥镇;颛桥镇/浦江镇 七宝镇　华漕镇") == [
        "区科委", "区发改委", "区经委", "吴泾镇", "马桥镇", "颛桥镇", "浦江镇", "七宝镇", "华漕镇",
    ]  # fmt: skip
    assert split_units("区科委、、区科委") == ["区科委"]


def test_the_messy_workbook_gives_exactly_the_errors_of_its_bad_rows(tmp_path, units):
    path = write_task_list(tmp_path / "清单.xlsx")
    code, report = run("import", str(path), "--year", "2026", "--format", "json")
    assert code == 1
    errors = {(e["row"], e["column"], e["rule"]) for e in report["errors"]}
    # rows: title 1, note 2, header 3, data from 4; the section rows count as rows of the sheet
    assert errors == {
        (14, "重点任务", "title_missing"),
        (15, "牵头单位", "lead_unit_missing"),
        (16, "时间节点", "deadline_unreadable"),
        (17, "序号", "duplicate_code"),
    }
    bad = next(e for e in report["errors"] if e["rule"] == "deadline_unreadable")
    assert bad["value"] == "尽快" and "尽快" in bad["message"]
    assert report["header_row"] == 3 and report["rows_read"] == len(
        [r for r in MESSY_ROWS if not isinstance(r, str)]
    )
    assert report["rows_valid"] == report["rows_read"] - 4 and report["rows_imported"] == 0
    assert {w["rule"] for w in report["warnings"]} == {"unit_created"}
    assert set(report) >= {"error_count", "warning_count", "created", "updated", "unchanged", "columns"}
    assert not Task.objects.exists() and not TaskList.objects.exists()  # nothing imported


def test_skip_invalid_imports_the_valid_rows_with_their_deadlines(tmp_path, units):
    path = write_task_list(tmp_path / "清单.xlsx")
    code, report = run("import", str(path), "--year", "2026", "--skip-invalid", "--format", "json")
    assert code == 0 and report["created"] == report["rows_valid"] == 20
    warned = {(w["row"], w["value"]) for w in report["warnings"] if w["rule"] == "unit_created"}
    assert warned == {(12, "区财政局"), (29, "区数据局")}
    assert Unit.objects.filter(name="区数据局").exists()

    code, listed = run("list", "--year", "2026", "--format", "json")
    assert code == 0 and list(listed) == ["tasks"]
    tasks = {t["code"]: t for t in listed["tasks"]}
    assert set(tasks["1"]) == {
        "code", "title", "category", "lead_units", "co_units", "due", "continuous", "indicators", "status", "progress"
    }  # fmt: skip
    due = {code: (t["due"], t["continuous"]) for code, t in tasks.items()}
    assert due == {
        "1": ("2026-06-30", False),
        "2": ("2026-09-30", False),
        "3": ("2026-09-30", False),
        "4": ("2026-12-31", False),
        "5": ("2026-06-30", False),
        "6": ("2026-06-30", False),
        "7": (None, True),
        "8": ("2026-12-31", False),
        "12": (None, True),
        "13": ("2026-12-31", False),
        "14": ("2026-11-20", False),
        "15": ("2026-12-31", False),
        "16": ("2026-12-31", False),
        "17": ("2026-09-30", False),
        "18": (None, True),
        "19": (None, True),
        "20": ("2026-06-30", False),
        "21": ("2026-09-30", False),
        "22": ("2026-10-15", False),
        "23": ("2026-10-31", False),
    }
    assert tasks["2"]["lead_units"] == ["区科委", "区发展改革委"]
    assert tasks["2"]["co_units"] == ["区经委", "吴泾镇"]
    assert tasks["3"]["lead_units"] == ["区科委", "大零号湾集团"]
    assert tasks["4"]["lead_units"] == ["区科委", "区经委"] and tasks["4"]["co_units"] == [
        "区发展改革委",
        "吴泾镇",
    ]
    assert tasks["2"]["indicators"] == ["district.university_park_area"]
    assert tasks["1"]["category"] == tasks["4"]["category"] == "一、提升科技创新策源功能"
    assert tasks["5"]["category"] == tasks["23"]["category"] == "二、加快成果转化"
    assert "9" not in tasks and "10" not in tasks and "11" not in tasks
    assert tasks["5"]["title"] == "成果转化服务平台"  # the first 5, not the repeat


def test_reimport_of_a_corrected_file_updates_in_place_and_keeps_history(tmp_path, units):
    rows = [
        r for r in MESSY_ROWS if isinstance(r, str) or r[0] not in ("9", "10", "11") and r[1] != "序号重复"
    ]
    assert (
        run("import", str(write_task_list(tmp_path / "a.xlsx", rows)), "--year", "2026", "--format", "json")[
            0
        ]
        == 0
    )
    first = {t.code: t.pk for t in Task.objects.all()}
    fixed = [list(r) if not isinstance(r, str) else r for r in rows]
    for r in fixed:
        if not isinstance(r, str) and r[0] == "1":
            r[5] = "三季度"
            r[4] = "吴泾镇"
    code, report = run(
        "import", str(write_task_list(tmp_path / "b.xlsx", fixed)), "--year", "2026", "--format", "json"
    )
    assert code == 0 and (report["created"], report["updated"]) == (0, 1)
    assert report["unchanged"] == len(first) - 1
    assert {t.code: t.pk for t in Task.objects.all()} == first
    task = Task.objects.get(code="1")
    assert task.due == datetime.date(2026, 9, 30)
    change = TaskChange.objects.get(task=task, source__startswith="b.xlsx")
    assert change.changes["due"] == ["2026-06-30", "2026-09-30"]
    assert change.changes["co_units"] == [["大零号湾集团", "吴泾镇"], ["吴泾镇"]]


def test_dry_run_stores_nothing_and_an_unreadable_file_is_a_usage_error(tmp_path, units):
    rows = [r for r in MESSY_ROWS if isinstance(r, str) or r[0] in ("1", "2")]
    code, report = run(
        "import",
        str(write_task_list(tmp_path / "a.xlsx", rows)),
        "--year",
        "2026",
        "--dry-run",
        "--format",
        "json",
    )
    assert code == 0 and report["rows_valid"] == 2 and report["created"] == 0
    assert not Task.objects.exists()
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    code, report = run("import", str(junk), "--year", "2026", "--format", "json")
    assert code == 2 and report["errors"][0]["rule"] == "unreadable_file"
    nohead = write_task_list(tmp_path / "c.xlsx", rows, header=["甲", "乙", "丙"])
    code, report = run("import", str(nohead), "--year", "2026", "--format", "json")
    assert code == 2 and report["errors"][0]["rule"] == "no_header"


def test_a_list_name_keeps_two_lists_of_a_year_apart(tmp_path, units):
    rows = [r for r in MESSY_ROWS if isinstance(r, str) or r[0] in ("1", "2")]
    path = write_task_list(tmp_path / "a.xlsx", rows)
    import_tasks(path, year=2026, list_name="区校重点任务")
    import_tasks(path, year=2026)
    assert TaskList.objects.filter(year=2026).count() == 2
    code, listed = run("list", "--year", "2026", "--list", "区校重点任务", "--format", "json")
    assert code == 0 and len(listed["tasks"]) == 2


def test_another_office_writes_it_otherwise(tmp_path, units):
    """Other header words, the section numeral in the 序号 column with its title beside it, a blank
    row, units separated by spaces and semicolons, a CSV file."""
    import csv

    path = tmp_path / "清单.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["闵行区2026年度重点工作任务清单"])
        w.writerow(["序号", "工作任务", "主要内容", "牵头单位", "配合单位", "完成时限"])
        w.writerow(["（一）", "科技金融", "", "", "", ""])
        w.writerow(["1", "设立天使基金", "募集首期", "区发展改革委 区科委", "吴泾镇；区经委", "2026年三季度"])
        w.writerow([])
        w.writerow(["二", "人才服务", "", "", "", ""])
        w.writerow(["2", "人才公寓", "", "区科委", "", "2026年底前"])
        w.writerow(["3", "", "任务名称漏填", "区科委", "", "年底"])
        w.writerow(["4", "", "", "", "", ""])  # the template's numbered empty rows
        w.writerow(["5", "", "", "", "", ""])
    code, report = run("import", str(path), "--year", "2026", "--skip-invalid", "--format", "json")
    assert code == 0 and report["created"] == 2
    assert [(e["row"], e["rule"]) for e in report["errors"]] == [(8, "title_missing")]
    assert [(w["row"], w["rule"]) for w in report["warnings"]] == [(9, "empty_row"), (10, "empty_row")]
    tasks = {t["code"]: t for t in run("list", "--year", "2026", "--format", "json")[1]["tasks"]}
    assert tasks["1"]["category"] == "（一）科技金融" and tasks["2"]["category"] == "二、人才服务"
    assert tasks["1"]["lead_units"] == ["区科委", "区发展改革委"]  # in the registry's order
    assert tasks["1"]["co_units"] == ["区经委", "吴泾镇"]
    assert (tasks["1"]["due"], tasks["2"]["due"]) == ("2026-09-30", "2026-12-31")


def test_cells_too_long_for_the_records_are_refused_not_cut(tmp_path, units):
    rows = [
        "一、章节",
        ["1", "标" * 301, "举措", "区科委", "", "年底"],
        ["2", "任务", "举措", "区科委、" + "很长的并不是单位名称的一句话" * 5, "", "年底"],
        ["X" * 40, "任务", "举措", "区科委", "", "年底"],
        ["4", "正常任务", "举措", "区科委", "", "年底"],
    ]
    header = ["序号", "任务名称", "工作内容", "牵头单位", "配合单位", "完成时限"]
    code, report = run(
        "import",
        str(write_task_list(tmp_path / "a.xlsx", rows, header)),
        "--year",
        "2026",
        "--skip-invalid",
        "--format",
        "json",
    )
    assert code == 0 and report["created"] == 1
    assert {(e["row"], e["rule"]) for e in report["errors"]} == {
        (5, "too_long"),
        (6, "unit_name_too_long"),
        (7, "too_long"),
    }
    assert not Unit.objects.filter(name__startswith="很长").exists()


def test_staff_import_from_the_page_with_the_same_report(client, tmp_path, units, admin_user, viewer):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    path = write_task_list(tmp_path / "清单.xlsx")
    url = reverse("workplan-import")

    def upload(**flags):
        data = {"file": SimpleUploadedFile("清单.xlsx", path.read_bytes()), "year": "2026", **flags}
        return client.post(url, data).content.decode()

    client.force_login(viewer)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    page = upload()
    assert 'class="issue-error"' in page and "尽快" in page and not Task.objects.exists()
    page = upload(skip_invalid="on")
    assert Task.objects.count() == 20 and "区数据局" in page
    junk = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF"), "year": "2026"}).content.decode()
    assert "unreadable_file" in junk
    assert client.post(url, {"year": "2026"}).status_code == 200  # no file: the form says so
