"""Conflicts among the published figures: on the real documents, and on small made-up cases for each
rule, including differences that are only rounding and must not be flagged."""

import datetime
import random
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import zerobay.indicators
from zerobay.indicators.conflicts import Conflict, find_conflicts
from zerobay.indicators.published import Figure, load_published

S000, S002, S004 = "000_e00c020bf81a9b6b.txt", "002_2592a937df914d84.txt", "004_72e03746bcad8739.txt"
DEFINITIONS = Path(zerobay.indicators.__file__).parent / "definitions"


def _parts() -> dict[str, list[str]]:
    parts = {}
    for path in DEFINITIONS.glob("*.toml"):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", []):
            if entry.get("parts"):
                parts[entry["id"]] = entry["parts"]
    return parts


@pytest.fixture(scope="module")
def real():
    return find_conflicts(load_published()[1], parts=_parts())


def only(conflicts: list[Conflict], rule: str, indicator: str, year: int) -> Conflict:
    found = [c for c in conflicts if (c.rule, c.indicator, c.year) == (rule, indicator, year)]
    assert len(found) == 1, [(c.rule, c.indicator, c.year) for c in conflicts]
    return found[0]


# --- the real documents --------------------------------------------------------------------------------


def test_2024_technology_contracts_implied_by_2025_growth_name_all_three_sources(real):
    c = only(real, "implied_by_growth", "district.tech_contract_value", 2024)
    assert c.scope == "MH"
    assert {f.source for f in c.figures} == {S000, S002, S004}
    assert c.values["implied"] == pytest.approx(505.28, abs=0.01)
    assert c.values[S002] == 367.58 and c.values[S004] == 505.3
    for text in ("553.13", "9.47", "505.28", "367.58", "505.3", "2025-02-06", "2025-12-10", "2026-02-13"):
        assert text in c.message, text
    assert "367.58亿元（不符）" in c.message and "505.3亿元（相符）" in c.message
    assert "does not match" in c.message_en


def test_2024_technology_contracts_differ_between_the_2024_summary_and_table_1(real):
    c = only(real, "sources_disagree", "district.tech_contract_value", 2024)
    assert {f.source: float(f.value) for f in c.figures} == {S002: 367.58, S004: 505.3}


def test_table2_cagr_mismatches_with_the_recomputed_rates(real):
    life = only(real, "rate_mismatch", "dlhw.industry_scale.life", 2030)
    assert life.values["stated"] == 11.5
    assert life.values["recomputed"] == pytest.approx(11.72, abs=0.01)
    assert "11.50%" in life.message and "11.72%" in life.message
    total = only(real, "rate_mismatch", "dlhw.industry_scale.total", 2030)
    assert total.values["stated"] == 12.9
    assert total.values["recomputed"] == pytest.approx(13.38, abs=0.01)
    assert total.values["base"] == 423.28 and total.values["value"] == 899


def test_table2_rows_whose_cagr_is_consistent_are_not_flagged(real):
    flagged = {c.indicator for c in real if c.rule == "rate_mismatch"}
    for field in ("aero", "intelligent", "energy"):  # 12.00 %, 12.50 %, 12.00 %
        assert f"dlhw.industry_scale.{field}" not in flagged


def test_table2_fields_add_up_to_the_total(real):
    """2030: 101+70+568+109+about 50 = 898 ≈ 899; 2035: 1862 ≈ 1861; 2024 lacks ocean but stays under."""
    assert not [c for c in real if c.rule == "parts_do_not_sum"]


def test_all_conflicts_of_the_real_documents(real):
    assert [(c.rule, c.indicator, c.scope, c.year) for c in real] == [
        ("sources_disagree", "district.rd_expenditure", "MH", 2024),
        ("sources_disagree", "district.rd_intensity", "MH", 2024),
        ("sources_disagree", "district.tech_contract_value", "MH", 2024),
        ("sources_disagree", "dlhw.valued_enterprises", "DLHW", 2024),
        ("implied_by_growth", "district.tech_contract_value", "MH", 2024),
        ("implied_by_growth", "district.tech_services_revenue", "MH", 2024),
        ("rate_mismatch", "dlhw.industry_scale.life", "DLHW", 2030),
        ("rate_mismatch", "dlhw.industry_scale.total", "DLHW", 2030),
    ]


def test_the_order_does_not_depend_on_the_input_order():
    figures = load_published()[1]
    shuffled = list(figures)
    random.Random(7).shuffle(shuffled)
    assert find_conflicts(shuffled, parts=_parts()) == find_conflicts(figures, parts=_parts())


# --- made-up cases -------------------------------------------------------------------------------------

DAY = {"a.txt": datetime.date(2025, 1, 1), "b.txt": datetime.date(2025, 6, 1)}


def fig(value, *, indicator="x.y", scope="MH", year=2024, kind="actual", source="a.txt", **extra) -> Figure:
    for key in ("growth", "cagr"):
        if key in extra:
            extra[key] = Decimal(extra[key])
    return Figure(
        indicator=indicator,
        scope=scope,
        year=year,
        kind=kind,
        value=None if value is None else Decimal(value),
        unit="亿元",
        source=source,
        published=DAY[source],
        **extra,
    )


def rules(conflicts: list[Conflict]) -> list[str]:
    return [c.rule for c in conflicts]


def test_two_sources_that_disagree_are_flagged_with_both_values():
    conflicts = find_conflicts([fig("100"), fig("110", source="b.txt")])
    assert rules(conflicts) == ["sources_disagree"]
    assert conflicts[0].values == {"a.txt": 100.0, "b.txt": 110.0}
    assert "a.txt（2025-01-01）为100亿元" in conflicts[0].message
    assert "b.txt（2025-06-01）为110亿元" in conflicts[0].message


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (fig("12.0"), fig("12.04", source="b.txt")),  # within the last stated digit
        (fig("505.3"), fig("505.29", source="b.txt")),
        (fig("1000"), fig("1004", source="b.txt")),  # 0.4 %
        (fig("700", qualifier="more_than"), fig("706", source="b.txt")),  # 超700 and 706
        (fig("700", qualifier="about"), fig("690", source="b.txt")),  # 近700 and 690
        (fig("100"), fig("120", kind="target", source="b.txt")),  # an actual and a target
        (fig("100"), fig("120", location="二")),  # one source, two places
        (fig("100"), fig("120", scope="DLHW", source="b.txt")),  # another scope
    ],
)
def test_differences_within_rounding_or_of_different_things_are_not_flagged(a, b):
    assert find_conflicts([a, b]) == []


def test_targets_of_two_sources_are_compared_and_bounds_respected():
    assert rules(find_conflicts([fig("300", kind="target"), fig("330", kind="target", source="b.txt")])) == [
        "sources_disagree"
    ]
    assert rules(find_conflicts([fig("700", qualifier="more_than"), fig("650", source="b.txt")])) == [
        "sources_disagree"
    ]


def test_growth_implies_last_year_and_lists_every_source():
    conflicts = find_conflicts(
        [fig("110", year=2025, growth="10", source="b.txt"), fig("80"), fig("100", location="表1")]
    )
    c = only(conflicts, "implied_by_growth", "x.y", 2024)
    assert c.values["implied"] == 100.0 and c.values["growth"] == 10.0
    assert len(c.figures) == 3
    assert "80亿元（不符）" in c.message and "100亿元（相符）" in c.message


@pytest.mark.parametrize(
    ("this_year", "growth", "last_year"),
    [
        ("110", "10", "100.3"),  # 0.3 %
        ("553", "9.5", "505.3"),  # implied 505.02
        ("90", "-10", "100"),  # a fall
        ("500", "10", "456"),  # "10%" may be 9.5 %-10.5 %: last year 452.5-456.6
    ],
)
def test_growth_within_rounding_is_not_flagged(this_year, growth, last_year):
    assert find_conflicts([fig(this_year, year=2025, growth=growth, source="b.txt"), fig(last_year)]) == []


def test_growth_beyond_its_rounding_is_flagged():
    figures = [fig("500", year=2025, growth="10", source="b.txt"), fig("460")]  # 460 is past 456.6
    assert rules(find_conflicts(figures)) == ["implied_by_growth"]


def test_growth_of_a_lower_bound_is_a_lower_bound():
    above = [fig("500", year=2025, growth="10", qualifier="more_than", source="b.txt"), fig("470")]
    assert find_conflicts(above) == []  # more than 454.5: 470 fits
    below = [fig("500", year=2025, growth="10", qualifier="more_than", source="b.txt"), fig("437.43")]
    assert rules(find_conflicts(below)) == ["implied_by_growth"]


def test_growth_without_last_year_or_without_value_is_not_a_conflict():
    assert find_conflicts([fig("110", year=2025, growth="10")]) == []
    assert find_conflicts([fig(None, year=2025, kind="target", growth="15"), fig("100")]) == []


def test_a_stated_cagr_is_recomputed_from_the_base_year():
    wrong = [fig("36"), fig("70", year=2030, kind="target", cagr="11.50", cagr_from=2024)]
    c = only(find_conflicts(wrong), "rate_mismatch", "x.y", 2030)
    assert c.values["stated"] == 11.5 and c.values["recomputed"] == pytest.approx(11.72, abs=0.01)
    right = [fig("51"), fig("101", year=2030, kind="target", cagr="12.00", cagr_from=2024)]
    assert find_conflicts(right) == []  # 12.06 %: within 0.1 point


def test_a_cagr_without_its_base_figure_is_not_checked():
    assert find_conflicts([fig("70", year=2030, kind="target", cagr="11.50", cagr_from=2024)]) == []


PARTS = {"t.total": ["t.a", "t.b"]}


def total_and_parts(total, a, b, *, qualifier_b="", source_b="a.txt"):
    figures = [fig(total, indicator="t.total"), fig(a, indicator="t.a")]
    if b is not None:
        figures.append(fig(b, indicator="t.b", qualifier=qualifier_b, source=source_b))
    return figures


def test_parts_that_do_not_add_up_are_flagged():
    c = only(find_conflicts(total_and_parts("40", "10", "20"), PARTS), "parts_do_not_sum", "t.total", 2024)
    assert c.values == {"t.a": 10.0, "t.b": 20.0, "sum": 30.0, "total": 40.0}
    assert "30亿元" in c.message and "40亿元" in c.message


@pytest.mark.parametrize(
    ("figures", "flagged"),
    [
        (total_and_parts("30.1", "10.0", "20.0"), False),  # 0.33 %
        (total_and_parts("30.5", "10.0", "20.0"), True),  # 1.6 %
        (total_and_parts("30.5", "10", "20"), False),  # 10 + 20 may be rounded from up to 31
        (total_and_parts("30.5", "10.0", "20.0", qualifier_b="about"), False),  # about: 2 % allowed
        (total_and_parts("25", "10", None), False),  # a part missing: the others stay under the total
        (total_and_parts("8", "10", None), True),  # ... or exceed it
        (total_and_parts("40", "10", "20", source_b="b.txt"), False),  # b from another source: missing
    ],
)
def test_parts_rounding_about_and_missing_parts(figures, flagged):
    assert rules(find_conflicts(figures, PARTS)) == (["parts_do_not_sum"] if flagged else [])


def test_no_parts_mapping_no_parts_check():
    assert find_conflicts(total_and_parts("40", "10", "20")) == []


def test_a_fall_is_worded_as_a_fall():
    (c,) = find_conflicts([fig("90", year=2025, growth="-10", source="b.txt"), fig("120")])
    assert "同比下降10%" in c.message and "down 10%" in c.message_en
    assert c.values["implied"] == 100.0
