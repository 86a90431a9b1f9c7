"""The ladder: rung of each enterprise, counts by sub-park and track, flows year on year, candidates."""

import datetime

import pytest

from zerobay.cultivation.ladder import (
    CODES,
    candidates,
    counts_by_subpark,
    enterprise_ladder,
    flows,
    ladder_at,
)
from zerobay.registry.models import Industry

from ..factories import EnterpriseFactory
from .panel import AS_OF, good_hte, hold

pytestmark = pytest.mark.django_db


def test_rungs_counts_and_flows(district):
    climber = EnterpriseFactory(org_unit=district["dlhw"])
    hold(climber, "tech_sme", start=datetime.date(2024, 1, 1), end=datetime.date(2025, 12, 31))
    hold(climber, "hte", start=datetime.date(2025, 6, 1), end=datetime.date(2028, 5, 31))
    giant = EnterpriseFactory(org_unit=district["zizhu"])
    hold(giant, "hte", start=datetime.date(2023, 1, 1), end=datetime.date(2027, 1, 1))
    hold(giant, "little_giant", start=datetime.date(2023, 1, 1), end=datetime.date(2026, 1, 1))
    EnterpriseFactory(org_unit=district["dlhw"])

    ladder = ladder_at(datetime.date(2025, 12, 31))
    rows = {r["code"]: r["counts"] for r in counts_by_subpark(ladder)}
    assert rows["DLHW"][CODES.index("hte")] == 1 and rows["DLHW"][CODES.index("none")] == 1
    assert rows["ZZ"][CODES.index("little_giant")] == 1

    matrix = flows(2025)
    assert matrix[CODES.index("tsme")][CODES.index("hte")] == 1  # climbed in 2025
    assert matrix[CODES.index("little_giant")][CODES.index("little_giant")] == 1
    assert matrix[CODES.index("none")][CODES.index("none")] == 1
    fell = flows(2026)
    assert fell[CODES.index("little_giant")][CODES.index("hte")] == 1  # its 小巨人 ended 2026-01-01


def test_counts_by_track(district):
    from zerobay.cultivation.ladder import counts_by_track

    field = Industry.objects.create(code="F1", name="智能制造", scheme="plan", level="field")
    track = Industry.objects.create(
        code="T101", name="智能机器人", scheme="plan", level="track", parent=field
    )
    e = EnterpriseFactory(org_unit=district["dlhw"])
    e.industries.add(track)
    hold(e, "hte", start=datetime.date(2025, 1, 1), end=datetime.date(2027, 1, 1))
    rows = counts_by_track(ladder_at(AS_OF))
    assert rows == [{"code": "T101", "name": "智能机器人", "name_en": "", "counts": [0, 0, 1, 0, 0, 0, 0]}]


def test_candidates_for_the_next_rung_and_the_enterprise_view(district):
    on_tsme = good_hte(district["dlhw"], hightech_revenue=1500)
    hold(on_tsme, "tech_sme", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    good_hte(district["dlhw"])  # not on the 科技型中小企业 rung
    result = candidates("tsme", AS_OF)
    assert result.rule.id == "hte" and list(result.facts.ids) == [on_tsme.id]
    assert result.counts()["near"] == 1
    view = enterprise_ladder(on_tsme, AS_OF)
    assert view["rung"].code == "tsme" and view["next"].code == "hte" and view["status"] == "near"
    assert [c["id"] for c in view["lacks"]] == ["hitech_income_share"]
    assert candidates("listed", AS_OF) is None
