"""Computed indicators against figures worked out by hand from the workbook that was imported:
what `zerobay indicators show … --format json` prints after `zerobay import`."""

import datetime
import io
import json
import random

import pytest
from django.core.management import call_command

from tests.factories import EnterpriseFactory, QualificationFactory, make_uscc
from tests.statistics.helpers import run_import
from zerobay.indicators.models import ComputationRun, IndicatorValue
from zerobay.registry.models import Enterprise, Industry, OrgUnit
from zerobay.registry.reference import load_reference

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "从业人员期末人数（人）",
    "营业收入（万元）",
    "R&D经费内部支出（千元）",
    "增加值（万元）",
    "当年专利申请数（件）",
    "PCT国际专利申请数（件）",
]


def show(indicator, *args):
    out = io.StringIO()
    call_command("indicators", "show", indicator, *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def value(data, year=2025):
    [item] = [v for v in data["computed"] if v["period"] == str(year)]
    return item["value"]


@pytest.fixture
def imported(django_capture_on_commit_callbacks):
    """`zerobay import …` with its after-commit work (the recomputation) run, as outside a test."""

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_import(*args, **kwargs)

    return run


@pytest.fixture
def reference(db):
    load_reference()
    return {u.code: u for u in OrgUnit.objects.all()}


@pytest.fixture
def panel(reference, workbook, imported):
    """Six enterprises: two in 大零号湾's block (one in two life-science tracks), one in 紫竹,
    three new to the registry (created unassigned by the import); one row of the file is invalid."""
    rng = random.Random(7)
    dlhw_a = EnterpriseFactory(org_unit=reference["DLHW-XYY"])
    dlhw_b = EnterpriseFactory(org_unit=reference["DLHW"])
    zizhu = EnterpriseFactory(org_unit=reference["ZZ"])
    tracks = {
        t.code: t for t in Industry.objects.filter(code__in=["LIFE-BIO-MRB", "LIFE-BIO-GCT", "INTL-AI-EMB"])
    }
    dlhw_a.industries.set([tracks["LIFE-BIO-MRB"], tracks["LIFE-BIO-GCT"]])
    zizhu.industries.set([tracks["INTL-AI-EMB"]])
    rows = []
    for enterprise in (dlhw_a, dlhw_b, zizhu):
        rows.append([enterprise.uscc, enterprise.name])
    rows += [[make_uscc(), f"新登记企业{i}"] for i in range(3)]
    for row in rows:
        row += [
            rng.randint(5, 900),  # employees
            round(rng.uniform(100, 90000), 2),  # revenue 万元
            round(rng.uniform(10, 50000), 1),  # R&D 千元
            round(rng.uniform(10, 30000), 2),  # value added 万元
            rng.randint(0, 40),
            rng.randint(0, 3),
        ]
    bad = [make_uscc(), "填错的企业", 10, -5, 1, 1, 0, 0]  # negative revenue: rejected
    path = workbook(HEADER, [*rows, bad])
    status, report = imported(path, "--skip-invalid")
    assert status == 0 and report["rows_imported"] == 6
    return {"rows": rows, "dlhw_a": dlhw_a, "dlhw_b": dlhw_b, "zizhu": zizhu, "path": path}


def totals(rows):
    return {
        "employees": sum(r[2] for r in rows),
        "revenue": sum(r[3] for r in rows) * 10_000,
        "rd": sum(r[4] for r in rows) * 1_000,
        "value_added": sum(r[5] for r in rows) * 10_000,
        "patents": sum(r[6] for r in rows),
        "pct": sum(r[7] for r in rows),
    }


def test_show_gives_the_figures_of_exactly_the_imported_valid_rows(panel):
    t = totals(panel["rows"])
    rd = show("park.rd_intensity", "--year", "2025")
    assert rd["computed"] == [
        {
            "indicator": "park.rd_intensity",
            "year": 2025,
            "period": "2025",
            "org_unit": "ZJMH",
            "value": pytest.approx(100 * t["rd"] / t["revenue"], rel=1e-12),
            "unit": "%",
            "enterprises": 6,
        }
    ]
    assert value(show("torch.enterprises", "--year", "2025")) == 6
    assert value(show("torch.revenue", "--year", "2025")) == pytest.approx(t["revenue"] / 1e8, rel=1e-12)
    assert value(show("torch.rd_expenditure")) == pytest.approx(t["rd"] / 1e8, rel=1e-12)
    assert value(show("torch.employees")) == t["employees"]
    assert value(show("park.labor_productivity")) == pytest.approx(
        t["value_added"] / t["employees"] / 1e4, rel=1e-12
    )
    assert value(show("park.pct_applications")) == t["pct"]
    assert show("park.pct_applications", "--year", "2024")["computed"] == []


def test_sub_parks_count_their_own_subtree_and_new_enterprises_count_at_park_level(panel):
    rows = panel["rows"]
    dlhw = totals(rows[:2])
    got = show("torch.revenue", "--org-unit", "DLHW")
    assert value(got) == pytest.approx(dlhw["revenue"] / 1e8, rel=1e-12)
    assert value(show("torch.enterprises", "--org-unit", "DLHW-XYY")) == 1
    assert value(show("torch.enterprises", "--org-unit", "ZZ")) == 1
    # The three unassigned enterprises are in the park and the district, in no sub-park.
    assert value(show("torch.enterprises", "--org-unit", "ZJMH")) == 6
    assert value(show("torch.enterprises", "--org-unit", "MH")) == 6
    assert show("torch.enterprises", "--org-unit", "MQAI")["computed"] == []  # no enterprises there


def test_industry_breakdown_counts_an_enterprise_once_per_node(panel):
    a = panel["dlhw_a"]
    row = next(r for r in panel["rows"] if r[0] == a.uscc)
    park = OrgUnit.objects.get(code="ZJMH")

    def cell(code):
        return IndicatorValue.objects.get(
            indicator="torch.revenue", period="year", year=2025, org_unit=park, industry__code=code
        )

    # In two tracks of one sub-industry: once in each track, once in the sub-industry and field.
    for code in ("LIFE-BIO-MRB", "LIFE-BIO-GCT", "LIFE-BIO", "LIFE"):
        assert cell(code).value == pytest.approx(row[3] * 1e4 / 1e8, rel=1e-12)
        assert cell(code).enterprises == 1
    assert not IndicatorValue.objects.filter(indicator="torch.revenue", industry__code="AERO").exists()


def test_valid_high_tech_enterprises_are_counted_at_year_end(panel, reference):
    a, b, z = panel["dlhw_a"], panel["dlhw_b"], panel["zizhu"]
    QualificationFactory(
        enterprise=a, valid_from=datetime.date(2023, 11, 1), valid_to=datetime.date(2026, 10, 31)
    )
    QualificationFactory(
        enterprise=b, valid_from=datetime.date(2022, 1, 1), valid_to=datetime.date(2025, 6, 30)
    )
    QualificationFactory(
        enterprise=z, valid_from=datetime.date(2026, 1, 5), valid_to=datetime.date(2029, 1, 4)
    )
    call_command("indicators", "recompute", stdout=io.StringIO())
    assert value(show("park.hte_valid"), 2025) == 1  # b expired in June, z not yet recognised
    assert value(show("park.hte_valid", "--org-unit", "DLHW"), 2025) == 1
    assert value(show("park.hte_valid", "--org-unit", "ZZ"), 2025) == 0
    # Registry-only indicators start with the first year that has reports.
    assert show("park.hte_valid", "--year", "2024")["computed"] == []


def test_reimport_recomputes_the_imported_year(panel, workbook, imported):
    rows = [list(r) for r in panel["rows"]]
    rows[0][3] = rows[0][3] + 1000  # one revenue corrected, +1000 万元
    before = value(show("torch.revenue"))
    runs = ComputationRun.objects.count()
    status, _ = imported(workbook(HEADER, rows, name="corrected.xlsx"))
    assert status == 0
    assert ComputationRun.objects.count() == runs + 1
    assert ComputationRun.objects.first().trigger.startswith("import #")
    assert value(show("torch.revenue")) == pytest.approx(before + 0.1, rel=1e-12)


def test_the_same_file_again_keeps_the_figures_without_recomputing(panel, workbook, imported):
    rows = [list(r) for r in panel["rows"]]
    assert imported(workbook(HEADER, rows, name="again.xlsx"))[0] == 0  # as stored: nothing changes
    before, runs = show("torch.revenue"), ComputationRun.objects.count()
    assert imported(workbook(HEADER, rows, name="again-2.xlsx"))[0] == 0
    assert ComputationRun.objects.count() == runs
    assert show("torch.revenue") == before
    rows[0][3] = rows[0][3] + 1000  # one figure differs: the year is computed again
    assert imported(workbook(HEADER, rows, name="corrected.xlsx"))[0] == 0
    assert ComputationRun.objects.count() == runs + 1


def test_a_ratio_over_nothing_has_no_value(reference, workbook, imported):
    enterprise = EnterpriseFactory(org_unit=reference["DLHW"])
    path = workbook(HEADER, [[enterprise.uscc, enterprise.name, 0, 0, 0, 0, 0, 0]])
    assert imported(path)[0] == 0
    assert show("park.rd_intensity")["computed"] == []  # 0 / 0: no value, not an error
    assert value(show("torch.revenue")) == 0


def test_quarters_take_the_cumulative_figure_of_their_last_month(reference, workbook, imported):
    enterprise = EnterpriseFactory(org_unit=reference["DLHW"])
    header = ["统一社会信用代码", "企业名称", "本年累计营业收入（万元）", "从业人员（人）"]
    for month, revenue in ((1, 100), (2, 250), (3, 400), (4, 520)):
        path = workbook(header, [[enterprise.uscc, enterprise.name, revenue, 30]], name=f"m{month}.xlsx")
        status, _ = imported(path, form="torch-monthly", period=("--month", f"2025-{month:02d}"))
        assert status == 0
    periods = {v["period"]: v["value"] for v in show("torch.monthly_revenue")["computed"]}
    assert periods == {
        "2025-Q1": pytest.approx(0.04),
        "2025-01": pytest.approx(0.01),
        "2025-02": pytest.approx(0.025),
        "2025-03": pytest.approx(0.04),
        "2025-04": pytest.approx(0.052),
    }


def test_drilldown_rows_add_up_to_the_value(panel):
    from zerobay.indicators.catalogue import catalogue
    from zerobay.indicators.engine.drilldown import contributions
    from zerobay.statistics.periods import Period

    indicator = catalogue().get("park.rd_intensity")
    dlhw = OrgUnit.objects.get(code="DLHW")
    terms, rows = contributions(indicator, dlhw, Period(2025))
    assert [t.text for t in terms] == ["sum(annual.rd_expenditure)", "sum(annual.revenue)"]
    assert {r.enterprise for r in rows} == {panel["dlhw_a"], panel["dlhw_b"]}
    assert {r.report.batch.original_name for r in rows} == {panel["path"].name}
    rd, revenue = (sum(r.values[k] for r in rows) for k in (0, 1))
    assert 100 * rd / revenue == pytest.approx(
        value(show("park.rd_intensity", "--org-unit", "DLHW")), rel=1e-12
    )


def test_unknown_indicator_and_org_unit_are_refused(panel):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no indicator"):
        show("park.no_such_thing")
    with pytest.raises(CommandError, match="NOPE"):
        show("park.rd_intensity", "--org-unit", "NOPE")


def test_enterprise_edit_moves_its_figures(panel, admin_user, reference, django_capture_on_commit_callbacks):
    from zerobay.registry.services import update_enterprise

    before = value(show("torch.enterprises", "--org-unit", "ZZ"))
    with django_capture_on_commit_callbacks(execute=True):
        update_enterprise(
            Enterprise.objects.get(pk=panel["dlhw_b"].pk), acting_user=admin_user, org_unit=reference["ZZ"]
        )
    assert value(show("torch.enterprises", "--org-unit", "ZZ")) == before + 1


def test_a_drill_down_is_computed_once_per_run_and_a_page_loads_only_its_rows(panel, admin_user, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zerobay.indicators import drill

    first = drill.drill_down(admin_user, "park.rd_intensity", "DLHW", 2025, None, None)
    computed = []
    original = drill.ordered
    monkeypatch.setattr(drill, "ordered", lambda *a, **k: computed.append(1) or original(*a, **k))
    again = drill.drill_down(admin_user, "park.rd_intensity", "DLHW", 2025, None, None)
    assert computed == [] and again.totals == first.totals and len(again.rows) == len(first.rows) == 2
    with CaptureQueriesContext(connection) as queries:
        page = again.rows[0:1]
    assert len(page) == 1 and len(queries) == 2  # its enterprises, its report rows with their batch
    assert page[0].enterprise == list(first.rows)[0].enterprise
