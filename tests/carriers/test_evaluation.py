"""Evaluation as data: verified figures from the residents' imports, points, grades, ranks, weights."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from zerobay.carriers.evaluation.run import evaluate
from zerobay.carriers.evaluation.schemes import schemes
from zerobay.carriers.evaluation.whatif import entropy_weights, rescore
from zerobay.carriers.models import CarrierStatistics
from zerobay.registry.models import Carrier
from zerobay.statistics.models import ImportBatch

from ..factories import EnterpriseFactory
from ..programs.conftest import scenario  # noqa: F401 (fixture)
from ..statistics.helpers import run_import
from .conftest import CarrierFactory, ResidencyFactory
from .test_import import messy_workbook

pytestmark = pytest.mark.django_db
D = datetime.date
KEYS = {"carrier", "type", "score", "grade", "rank", "indicators"}
LINE_KEYS = {"id", "label", "value", "points", "weight", "source"}


def run_evaluate(*args):
    out = io.StringIO()
    call_command("carriers", "evaluate", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_verified_figures_equal_what_the_imports_imply_and_a_disagreeing_statement_is_flagged(
    tmp_path, workbook, district
):
    incubator = CarrierFactory(name="零号湾创新孵化器", org_unit=district["dlhw"])
    firms = [EnterpriseFactory(name=f"在孵企业{i}") for i in range(4)]
    for f in firms:
        ResidencyFactory(carrier=incubator, enterprise=f, entered_on=D(2021, 1, 1))
    # The residents' Torch annual reports for two years (营业收入 in 万元), through the Torch import.
    header = ["统一社会信用代码", "企业名称", "营业收入（万元）", "期末有效发明专利数（件）"]
    revenue = {2023: [1500, 300, 200, 100], 2024: [1800, 400, "2,500.5", 100]}
    for year, amounts in revenue.items():
        rows = [[f.uscc, f.name, amounts[i], i] for i, f in enumerate(firms)]
        status, _ = run_import(workbook(header, rows, name=f"torch{year}.xlsx"), period=("--year", str(year)))
        assert status == 0
    # Two HTE certificates, one expired before 2024 ended, through the qualification import.
    qheader = ["统一社会信用代码", "企业名称", "资质类型", "证书编号", "有效期起", "有效期止"]
    qrows = [
        [firms[1].uscc, firms[1].name, "高新技术企业", "GR202431000001", "2024-11-19", "2027-11-18"],
        [firms[2].uscc, firms[2].name, "高新技术企业", "GR202131000002", "2021-10-01", "2024-09-30"],
    ]
    status, _ = run_import(
        workbook(qheader, qrows, name="q.xlsx"), form="qualifications", period=("--year", "2024")
    )
    assert status == 0
    # The incubator states 3 HTEs and 1 graduate; its revenue statement is right.
    row = [1, incubator.name, incubator.uscc, 1000, 800, 4, 0, 1, "4,800.5", 1000, 300, 500, 4, 10, 5, 6]
    status, _ = run_import(
        messy_workbook(tmp_path / "c.xlsx", [row]), form="carrier-annual", period=("--year", "2024")
    )
    assert status == 0
    CarrierStatistics.objects.filter(carrier=incubator).update(resident_hte=3)

    result = run_evaluate("--year", "2024", "--scheme", "district-incubator")
    assert set(result) == {"scheme", "year", "carriers"} and result["year"] == 2024
    (carrier,) = result["carriers"]
    assert set(carrier) == KEYS and all(set(line) == LINE_KEYS for line in carrier["indicators"])
    lines = {line["id"]: line for line in carrier["indicators"]}
    assert lines["resident_hte"]["value"] == 1  # firm 2's certificate ended in September 2024
    assert "已标记" in lines["resident_hte"]["source"] and "3" in lines["resident_hte"]["source"]
    assert lines["resident_revenue"]["value"] == 4800.5  # 万元: 1,800 + 400 + 2,500.5 + 100
    assert "已标记" not in lines["resident_revenue"]["source"]
    # Graduates: firm 0 (revenue above 1,000万 in 2023 and 2024), firm 1 (HTE), firm 2 (HTE in 2021).
    assert lines["graduates"]["value"] == 3 and "已标记" in lines["graduates"]["source"]
    assert lines["invention_patents"]["value"] == 6
    assert "导入批次 #" in lines["rent_share"]["source"] and lines["rent_share"]["value"] == 0.3


def _statement(carrier, batch, **values):
    base = {
        "space_m2": 1000,
        "incubation_space_m2": 800,
        "residents": 10,
        "new_residents": 2,
        "graduates_total": 0,
        "resident_hte": 0,
        "mentors": 2,
        "service_staff": 1,
        "tech_platforms": 1,
        "events": 10,
        "total_income": Decimal(1000000),
        "service_income": Decimal(200000),
        "property_income": Decimal(500000),
        "incubation_fund": Decimal(100000),
        "ip_granted": 5,
        "resident_financing": Decimal(0),
        "resident_employees": 0,
        "invention_patents": 0,
    }
    base.update(values)
    return CarrierStatistics.objects.create(carrier=carrier, year=2024, batch=batch, source_row=5, **base)


@pytest.fixture
def batch(db):
    return ImportBatch.objects.create(form="carrier_annual", year=2024, original_name="c.xlsx", file="c.xlsx")


@pytest.mark.parametrize("scheme_id", ["district-incubator", "maker-space", "park-operator"])
def test_points_sum_to_the_score_grades_follow_cutoffs_and_one_weight_reranks(scheme_id, batch):
    scheme = schemes()[scheme_id]
    kind = scheme.kinds[0]
    _pair(kind, batch)
    CarrierFactory(name="丙载体", kind=kind, focus="comprehensive")

    result = evaluate(2024, scheme)
    by_name = {r.name: r for r in result.results}
    for r in result.results:
        assert round(sum(line.points for line in r.lines), 2) == r.score
        expected = next(g for g in scheme.grades if r.score >= g.at_least)
        assert r.grade == expected
    assert by_name["丙载体"].score < 60 and by_name["丙载体"].grade.fail  # no statement: nothing to score
    assert by_name["甲载体"].rank == 1 and by_name["乙载体"].rank == 2

    reweighted = evaluate(2024, scheme.with_weights({"rent_share": 500}))
    ranks = {r.name: r.rank for r in reweighted.results}
    assert ranks["乙载体"] == 1 and ranks["甲载体"] == 2


def _pair(kind, batch):
    """甲 serves well but lives on rent; 乙 serves little but earns from services."""
    strong = CarrierFactory(name="甲载体", kind=kind, level=Carrier.Level.NATIONAL, focus="comprehensive")
    renter = CarrierFactory(name="乙载体", kind=kind, focus="comprehensive")
    for _ in range(10):
        ResidencyFactory(carrier=strong, entered_on=D(2024, 3, 1))
        ResidencyFactory(carrier=renter, entered_on=D(2020, 3, 1))
    _statement(
        strong,
        batch,
        mentors=40,
        service_staff=30,
        tech_platforms=6,
        events=60,
        ip_granted=80,
        property_income=Decimal(900000),
        service_income=Decimal(50000),
    )
    _statement(
        renter, batch, property_income=Decimal(100000), service_income=Decimal(800000), mentors=0, events=0
    )
    return strong, renter


def test_two_consecutive_fails_cancel_the_status(batch):
    scheme = schemes()["district-incubator"]
    carrier = CarrierFactory()
    earlier = ImportBatch.objects.create(
        form="carrier_annual", year=2023, original_name="c.xlsx", file="c.xlsx"
    )
    for year, b in ((2023, earlier), (2024, batch)):
        CarrierStatistics.objects.create(carrier=carrier, year=year, batch=b, source_row=3, residents=1)
    (result,) = evaluate(2024, scheme).results
    assert result.grade.fail and result.fails_in_a_row == 2 and result.cancelled
    assert result.previous_score is not None and result.previous_rank == 1 and result.rank_change == 0


def test_an_unknown_scheme_is_a_usage_error(db):
    with pytest.raises(CommandError) as exc:
        call_command("carriers", "evaluate", "--year", "2024", "--scheme", "nope", stdout=io.StringIO())
    assert exc.value.returncode == 2 and "district-incubator" in str(exc.value)


def test_what_if_rescoring_matches_a_full_evaluation_and_entropy_weights_add_up(batch):
    scheme = schemes()["district-incubator"]
    _pair("incubator", batch)
    declared = evaluate(2024, scheme)
    edited = {"rent_share": 60.0, "events": 1.0}
    reranked = {x.result.name: x for x in rescore(declared, edited)}
    full = {r.name: r for r in evaluate(2024, scheme.with_weights(edited)).results}
    for name, x in reranked.items():
        assert x.score == full[name].score and x.rank == full[name].rank
    assert reranked["乙载体"].change == 1 and reranked["甲载体"].change == -1
    weights = entropy_weights(declared)
    assert set(weights) == {i.id for i in scheme.indicators}
    assert abs(sum(weights.values()) - 100) < 0.05


def test_the_command_reranks_under_entropy_or_a_weights_file(tmp_path, batch):
    _pair("incubator", batch)
    declared = run_evaluate("--year", "2024")
    assert [c["carrier"] for c in declared["carriers"]] == ["甲载体", "乙载体"]
    path = tmp_path / "w.json"
    path.write_text('{"rent_share": 500}')
    edited = run_evaluate("--year", "2024", "--weights", str(path))
    assert [c["carrier"] for c in edited["carriers"]] == ["乙载体", "甲载体"]
    entropy = run_evaluate("--year", "2024", "--weights", "entropy")
    assert round(sum(i["weight"] for i in entropy["carriers"][0]["indicators"][:15]), 1) == 100.0


def test_the_pages_evaluation_is_computed_once_and_never_stale(
    tmp_path, batch, django_assert_max_num_queries
):
    from zerobay.carriers.evaluation.cache import cached_evaluation

    scheme = schemes()["district-incubator"]
    strong, renter = _pair("incubator", batch)
    first = cached_evaluation(2024, scheme)
    with django_assert_max_num_queries(10):  # the fingerprint only: nothing is evaluated again
        again = cached_evaluation(2024, scheme)
    assert [r.score for r in again.results] == [r.score for r in first.results]
    # A new statement (through the pipeline) changes the result at once.
    row = [1, renter.name, renter.uscc, 1000, 800, 10, 0, 0, 1, 100, 5, 90, 40, 1, 1, 0]
    assert (
        run_import(
            messy_workbook(tmp_path / "c.xlsx", [row]), form="carrier-annual", period=("--year", "2024")
        )[0]
        == 0
    )
    after = {r.name: r for r in cached_evaluation(2024, scheme).results}
    assert after["乙载体"].score != {r.name: r for r in first.results}["乙载体"].score


def test_the_park_operator_counts_the_residents_policy_applications(scenario, batch):  # noqa: F811
    """A resident's application submitted through the programmes counts in the policy dimension."""
    from ..programs.factories import advance, new_application

    park = CarrierFactory(name="大学科技园", kind=Carrier.Kind.UNIVERSITY_PARK)
    ResidencyFactory(carrier=park, enterprise=scenario.enterprise, entered_on=D(2023, 1, 1))
    advance(scenario, new_application(scenario), "submitted")
    year = timezone.localdate().year
    CarrierStatistics.objects.create(carrier=park, year=year, batch=batch, source_row=2, residents=1)
    (result,) = evaluate(year, schemes()["park-operator"]).results
    line = next(ln for ln in result.lines if ln.id == "policy_applications")
    assert line.value == 1 and line.points == line.weight  # the only park: the median is its own
