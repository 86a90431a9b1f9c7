"""The Torch annual-report import, as the issue's item 3 describes it."""

from decimal import Decimal

import pytest
from django.core.management import CommandError

from zerobay.registry.models import Enterprise
from zerobay.statistics.importing import pipeline
from zerobay.statistics.models import AnnualReport, ImportBatch, ReportRevision

from ..factories import EnterpriseFactory, make_uscc
from .helpers import HEADER, rules, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["lookup", "preload"])
def registry_strategy(request, monkeypatch):
    """Every test twice: small files look codes up piecemeal, large ones read the whole registry."""
    if request.param == "preload":
        monkeypatch.setattr(pipeline, "PRELOAD_REGISTRY_BYTES", 0)


def good_row(uscc, name="上海零号湾科技有限公司", employees=120, revenue=50_000, hightech=800):
    # employees, revenue (千元), net profit, R&D staff, R&D exp., patents, inventions, high-tech revenue
    return [uscc, name, employees, revenue, -300, 30, 300, 12, 5, hightech]


def test_clean_workbook_is_imported_in_yuan(workbook, district):
    a, b = make_uscc(), make_uscc()
    path = workbook(
        HEADER,
        [good_row(a), good_row(b, "上海紫竹生物有限公司", revenue="1,234.5")],
        title_rows=[["2025年张江高新区闵行园区火炬统计年报"], ["填报单位：千元"]],
    )
    status, report = run_import(path)
    assert status == 0
    assert (report["rows_read"], report["rows_valid"], report["rows_imported"]) == (2, 2, 2)
    assert report["errors"] == []
    first = AnnualReport.objects.get(enterprise__uscc=a, year=2025)
    assert first.revenue == Decimal("50000000.00")  # 50,000 千元
    assert first.net_profit == Decimal("-300000.00")  # net profit may be negative
    assert first.employees == 120 and first.invention_applications == 5
    assert AnnualReport.objects.get(enterprise__uscc=b).revenue == Decimal("1234500.00")
    assert first.source_row == 4  # two title rows, the header on row 3
    assert first.batch.original_name == path.name


@pytest.mark.parametrize(
    ("header", "cell", "yuan"),
    [
        ("营业收入（元）", 1500, "1500.00"),
        ("营业收入(千元)", 1.5, "1500.00"),
        ("营业收入（万元）", "2.5", "25000.00"),
        ("营业收入（亿元）", 0.012345, "1234500.00"),
        ("营业收入合计（万元）", 3, "30000.00"),
        ("营业收入\n（单位：万元）", 4, "40000.00"),
        ("营业收入/万元", 5, "50000.00"),
        ("营业收入【万元】", 6, "60000.00"),
        ("*营业收入（万元）", 7, "70000.00"),
        ("1.营业收入(万元)", 8, "80000.00"),
    ],
)
def test_money_units_from_the_header(workbook, district, header, cell, yuan):
    u = make_uscc()
    status, _ = run_import(workbook(["企业名称", header, "统一社会信用代码"], [["某某公司", cell, u]]))
    assert status == 0
    assert AnnualReport.objects.get(enterprise__uscc=u).revenue == Decimal(yuan)


def test_column_order_and_label_variants(workbook, district):
    u = make_uscc()
    header = [
        "年末从业人员（人）",
        "研究开发费用合计（万元）",
        "企业名称",
        "研究开发人员合计（人）",
        "统一社会信用代码",
        "PCT国际专利申请数（件）",
        "期末有效发明专利数（件）",
        "科技活动人员（人）",
    ]
    status, report = run_import(workbook(header, [[80, 12.5, "变体公司", 20, u, 2, 7, 25]]))
    assert status == 0, report
    r = AnnualReport.objects.get(enterprise__uscc=u)
    assert (r.employees, r.rd_staff, r.pct_applications, r.valid_invention_patents, r.st_staff) == (
        80,
        20,
        2,
        7,
        25,
    )
    assert r.rd_expenditure == Decimal("125000.00")


def test_unknown_columns_warn_and_are_ignored(workbook, district):
    u = make_uscc()
    status, report = run_import(workbook([*HEADER, "联系人", "备注"], [[*good_row(u), "张三", "无"]]))
    assert status == 0
    assert {(w["column"], w["rule"]) for w in report["warnings"]} >= {
        ("联系人", "unknown_column"),
        ("备注", "unknown_column"),
    }


def test_uscc_is_trimmed_and_upper_cased(workbook, district):
    u = make_uscc()
    status, _ = run_import(workbook(HEADER, [good_row(f"  {u.lower()} ")]))
    assert status == 0
    assert Enterprise.objects.filter(uscc=u).exists()


def test_every_error_rule_names_row_column_and_value(workbook, district):
    ok, dup = make_uscc(), make_uscc()
    bad_check = dup[:-1] + ("0" if dup[-1] != "0" else "1")
    rows = [
        good_row(ok),  # row 2
        good_row(""),  # 3: missing USCC
        good_row(bad_check),  # 4: invalid check character
        good_row(make_uscc(), name=""),  # 5: missing name
        [make_uscc(), "非数字公司", "一百", 1, 1, 1, 1, 1, 1, 1],  # 6: not a number
        [make_uscc(), "负数公司", 10, -5, 1, 1, 1, 1, 1, 1],  # 7: negative revenue
        [make_uscc(), "发明公司", 10, 100, 1, 1, 1, 3, 4, 1],  # 8: inventions > patents
        [make_uscc(), "人员公司", 10, 100, 1, 11, 1, 3, 1, 1],  # 9: R&D staff > employees
        [make_uscc(), "高新公司", 10, 100, 1, 1, 1, 3, 1, 101],  # 10: high-tech revenue > revenue
        good_row(dup),  # 11
        good_row(dup),  # 12: repeated
        good_row(dup),  # 13: repeated again
    ]
    status, report = run_import(workbook(HEADER, rows))
    assert status != 0
    assert rules(report) == [
        (3, "required"),
        (4, "uscc_invalid"),
        (5, "required"),
        (6, "not_a_number"),
        (7, "negative"),
        (8, "part_exceeds_whole"),
        (9, "part_exceeds_whole"),
        (10, "part_exceeds_whole"),
        (12, "duplicate_uscc"),
        (13, "duplicate_uscc"),
    ]
    by_row = {e["row"]: e for e in report["errors"]}
    assert by_row[6]["column"] == "从业人员期末人数（人）" and by_row[6]["value"] == "一百"
    assert by_row[4]["column"] == "统一社会信用代码" and "校验码" in by_row[4]["message"]
    assert by_row[7]["column"] == "营业收入（千元）" and by_row[7]["value"] == -5
    assert by_row[8]["column"] == "其中：发明专利申请数（件）"
    assert all(set(e) >= {"row", "column", "value", "rule", "message"} for e in report["errors"])
    # A file with any error imports nothing at all.
    assert report["rows_imported"] == 0
    assert not AnnualReport.objects.exists() and not Enterprise.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(workbook, district):
    ok, other = make_uscc(), make_uscc()
    rows = [good_row(ok), [make_uscc(), "负数公司", -1, 1, 1, 0, 1, 1, 1, 1], good_row(other, "另一家公司")]
    status, report = run_import(workbook(HEADER, rows), "--skip-invalid")
    assert status == 0
    assert (report["rows_read"], report["rows_valid"], report["rows_imported"]) == (3, 2, 2)
    assert rules(report) == [(3, "negative")]
    assert set(AnnualReport.objects.values_list("enterprise__uscc", flat=True)) == {ok, other}


def test_dry_run_stores_nothing(workbook, district):
    status, report = run_import(workbook(HEADER, [good_row(make_uscc())]), "--dry-run")
    assert status == 0 and report["rows_valid"] == 1 and report["rows_imported"] == 0
    assert not AnnualReport.objects.exists() and not Enterprise.objects.exists()


def test_suspicious_values_warn_but_keep_the_row(workbook, district):
    u = make_uscc()
    row = [u, "研发大户", 10, 100, 1, 5, 150, 1, 1, 50]  # R&D expenditure above revenue
    status, report = run_import(workbook(HEADER, [row]))
    assert status == 0 and report["rows_imported"] == 1
    assert (2, "suspicious_ratio") in rules(report, "warnings")


def test_new_enterprises_are_created_unassigned_with_a_warning(workbook, district):
    known = EnterpriseFactory(org_unit=district["dlhw"])
    new = make_uscc()
    status, report = run_import(workbook(HEADER, [good_row(known.uscc, known.name), good_row(new, "新企业")]))
    assert status == 0
    assert [(w["row"], w["value"]) for w in report["warnings"] if w["rule"] == "new_enterprise"] == [(3, new)]
    created = Enterprise.objects.get(uscc=new)
    assert created.org_unit is None and created.name == "新企业"
    assert Enterprise.objects.get(uscc=known.uscc).org_unit == district["dlhw"]


def test_imported_enterprises_take_fresh_ids_and_leave_the_next_ones_free(workbook, district):
    # The import gives new enterprises their ids itself instead of reading them back: never an id
    # a deleted enterprise had, and an enterprise registered afterwards still gets its own.
    gone = EnterpriseFactory()
    gone_id = gone.pk
    gone.delete()
    usccs = [make_uscc() for _ in range(3)]
    status, _ = run_import(workbook(HEADER, [good_row(u, f"新企业{i}") for i, u in enumerate(usccs)]))
    assert status == 0
    created = Enterprise.objects.filter(uscc__in=usccs).order_by("uscc")
    assert [e.uscc for e in created] == sorted(usccs)
    assert all(e.pk > gone_id for e in created)
    assert [e.pk for e in created] == sorted(e.pk for e in created)  # ascending in code order
    assert {r.enterprise.uscc for r in AnnualReport.objects.select_related("enterprise")} == set(usccs)
    later = EnterpriseFactory()
    assert later.pk > max(e.pk for e in created)


def test_reimport_is_idempotent_and_corrections_become_revisions(workbook, district, admin_user):
    u = make_uscc()
    first = workbook(HEADER, [good_row(u, revenue=1000)], name="年报-初报.xlsx")
    assert run_import(first)[0] == 0
    status, again = run_import(first)
    assert status == 0 and again["unchanged"] == 1 and again["updated"] == 0
    assert AnnualReport.objects.count() == 1 and not ReportRevision.objects.exists()

    corrected = workbook(HEADER, [good_row(u, revenue=2000)], title_rows=[["更正"]], name="年报-更正.xlsx")
    status, report = run_import(corrected, "--user", admin_user.username)
    assert status == 0 and report["updated"] == 1
    current = AnnualReport.objects.get()
    assert current.revenue == Decimal("2000000.00") and current.revision == 2
    assert current.batch.original_name == "年报-更正.xlsx" and current.source_row == 3
    assert current.batch.created_by == admin_user
    old = ReportRevision.objects.get()
    assert old.values["revenue"] == "1000000.00" and old.revision == 1
    assert old.batch.original_name == "年报-初报.xlsx" and old.source_row == 2
    assert old.superseded_by == current.batch


def test_missing_required_column_rejects_the_file(workbook, district):
    status, report = run_import(workbook(["企业名称", "营业收入（千元）"], [["某公司", 1]]))
    assert status != 0
    assert report["errors"][0]["rule"] in ("missing_column", "no_header")
    assert not Enterprise.objects.exists()


def test_a_money_column_in_a_count_unit_is_an_error(workbook, district):
    status, report = run_import(
        workbook(["统一社会信用代码", "企业名称", "营业收入（人）"], [[make_uscc(), "某公司", 1]])
    )
    assert status != 0 and report["errors"][0]["rule"] == "unit_invalid"
    assert report["errors"][0]["column"] == "营业收入（人）"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, district):
    bad = tmp_path / "年报.xlsx"
    bad.write_bytes(b"this is not a zip archive")
    status, report = run_import(bad)
    assert status == 2 and report["errors"][0]["rule"] == "unreadable_file"
    assert not Enterprise.objects.exists()


def test_summary_rows_are_not_enterprises(workbook, district):
    status, report = run_import(
        workbook(HEADER, [good_row(make_uscc()), ["", "合计", 120, 50000, 0, 0, 0, 0, 0, 0]])
    )
    assert status == 0 and report["rows_read"] == 1
    assert [w["rule"] for w in report["warnings"] if w["row"] == 3] == ["summary_row"]


def test_operator_imports_only_its_own_subtree(workbook, district, operator, two_enterprises):
    mine, other = two_enterprises
    rows = [
        good_row(mine.uscc, mine.name, revenue=10, hightech=5),
        good_row(other.uscc, other.name),
        good_row(make_uscc(), "新公司"),
    ]
    status, report = run_import(workbook(HEADER, rows), "--skip-invalid", "--user", operator.username)
    assert status == 0
    assert rules(report) == [(3, "out_of_scope")]
    assert not AnnualReport.objects.filter(enterprise=other).exists()
    assert AnnualReport.objects.filter(enterprise=mine).exists()
    # What an operator registers belongs to its own sub-park, so it stays visible to it.
    assert Enterprise.objects.get(name="新公司").org_unit == district["dlhw"]


def test_an_operator_without_an_org_unit_cannot_import(workbook, district):
    from zerobay.accounts.models import Role

    from ..factories import UserFactory

    UserFactory(username="op-nowhere", role=Role.OPERATOR)
    with pytest.raises(CommandError, match="未分配所属园区"):
        run_import(workbook(HEADER, [good_row(make_uscc())]), "--user", "op-nowhere")
    assert not Enterprise.objects.exists() and not ImportBatch.objects.exists()


def test_a_report_changed_after_the_read_ahead_is_compared_as_it_is_now(workbook, district, monkeypatch):
    """A large file reads the period's stored reports while it is parsed, before its transaction;
    a report written in between (another import, an edit) is read again, not compared stale."""
    a = make_uscc()
    assert run_import(workbook(HEADER, [good_row(a, revenue=1000)]))[0] == 0
    monkeypatch.setattr(pipeline, "PRELOAD_REGISTRY_BYTES", 0)
    real = pipeline.read_period

    def then_changed(form, period):
        found = real(form, period)
        stored = AnnualReport.objects.get(enterprise__uscc=a)
        stored.revenue, stored.revision = Decimal("2000000.00"), stored.revision + 1
        stored.save()  # written after the read ahead, before the commit
        return found

    monkeypatch.setattr(pipeline, "read_period", then_changed)
    status, report = run_import(workbook(HEADER, [good_row(a, revenue=2000)], name="again.xlsx"))
    assert status == 0
    assert (report["unchanged"], report["updated"]) == (1, 0)  # 2,000 千元 is what is stored now
    assert AnnualReport.objects.get(enterprise__uscc=a).revision == 2
