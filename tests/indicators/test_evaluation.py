"""Composite evaluation of sub-parks: normalisation, expert and entropy weights, scores and ranks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zerobay.indicators.evaluation import METHOD_NOTES, Criterion, evaluate

CRITERIA = [Criterion("park.revenue", "higher", 3), Criterion("park.energy", "lower", 1)]
PARKS = {
    "ZZ": {"park.revenue": 30, "park.energy": 15},
    "DLHW": {"park.revenue": 10, "park.energy": 5},
    "XZ": {"park.revenue": 20, "park.energy": 10},
}


def test_expert_weights_reproduce_a_hand_computed_score():
    result = evaluate(PARKS, CRITERIA, "expert")
    assert result.weights == pytest.approx({"park.revenue": 0.75, "park.energy": 0.25})
    # revenue: DLHW 0, XZ 50, ZZ 100; energy (lower is better): DLHW 100, XZ 50, ZZ 0
    assert result.normalised["DLHW"] == pytest.approx({"park.revenue": 0, "park.energy": 100})
    assert result.normalised["XZ"] == pytest.approx({"park.revenue": 50, "park.energy": 50})
    assert result.scores == pytest.approx({"ZZ": 75, "XZ": 50, "DLHW": 25})
    assert list(result.scores) == ["ZZ", "XZ", "DLHW"]  # in rank order
    assert result.ranks == {"ZZ": 1, "XZ": 2, "DLHW": 3}
    assert result.missing == {}
    assert result.notes[0] == METHOD_NOTES["expert"]


def test_weights_on_any_scale_give_the_same_result():
    scaled = [Criterion(c.indicator, c.direction, c.weight * 10) for c in CRITERIA]
    assert evaluate(PARKS, scaled).scores == pytest.approx(evaluate(PARKS, CRITERIA).scores)


def test_entropy_weights_favour_the_criterion_that_discriminates_more():
    units = {
        "A": {"outlier": 100, "even": 1, "same": 7},
        "B": {"outlier": 1, "even": 2, "same": 7},
        "C": {"outlier": 1, "even": 3, "same": 7},
        "D": {"outlier": 1, "even": 4, "same": 7},
    }
    criteria = [Criterion("outlier", "higher", None), Criterion("even", "higher", None)]
    criteria.append(Criterion("same", "higher", None))
    result = evaluate(units, criteria, "entropy")
    assert result.method == "entropy"
    assert sum(result.weights.values()) == pytest.approx(1)
    assert result.weights["outlier"] > result.weights["even"] > 0
    assert result.weights["same"] == pytest.approx(0)  # no unit differs: no weight
    assert "熵权法" in result.notes[0]


def test_entropy_falls_back_to_equal_weights_when_nothing_discriminates():
    units = {"A": {"x": 5, "y": 1}, "B": {"x": 5, "y": 1}}
    result = evaluate(units, [Criterion("x", "higher"), Criterion("y", "lower")], "entropy")
    assert result.weights == {"x": 0.5, "y": 0.5}
    assert any("等权重" in note for note in result.notes[1:])
    assert result.scores == {"A": 100, "B": 100}


def test_ties_share_a_rank():
    units = {
        "A": {"x": 10},
        "B": {"x": 5},
        "C": {"x": 5},
        "D": {"x": 0},
    }
    result = evaluate(units, [Criterion("x", "higher", 1)])
    assert result.ranks == {"A": 1, "B": 2, "C": 2, "D": 4}
    assert list(result.ranks) == ["A", "B", "C", "D"]


def test_equal_scores_from_different_profiles_tie():
    units = {"A": {"x": 1, "y": 0}, "B": {"x": 0, "y": 1}}
    result = evaluate(units, [Criterion("x", "higher", 1), Criterion("y", "higher", 1)])
    assert result.ranks == {"A": 1, "B": 1}


def test_missing_values_score_zero_and_are_flagged():
    units = {
        "A": {"x": 10, "y": None},
        "B": {"x": 20, "y": 4},
        "C": {"y": 2},
    }
    result = evaluate(units, [Criterion("x", "higher", 1), Criterion("y", "higher", 1)])
    assert result.missing == {"A": ["y"], "C": ["x"]}
    assert result.normalised["A"] == {"x": 0.0, "y": 0.0}
    assert result.normalised["C"] == {"x": 0.0, "y": 0.0}  # y=2 is the minimum of the others
    assert result.normalised["B"] == {"x": 100.0, "y": 100.0}
    assert any("缺失" in note for note in result.notes)


def test_a_single_unit_scores_one_hundred():
    result = evaluate(
        {"DLHW": {"x": 3, "y": 8}}, [Criterion("x", "higher"), Criterion("y", "lower")], "entropy"
    )
    assert result.scores == {"DLHW": 100}
    assert result.ranks == {"DLHW": 1}


def test_result_does_not_depend_on_input_order():
    reordered = dict(reversed(PARKS.items()))
    assert evaluate(reordered, CRITERIA, "entropy") == evaluate(PARKS, CRITERIA, "entropy")


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        evaluate(PARKS, CRITERIA, "ahp")
    with pytest.raises(ValueError):
        evaluate(PARKS, [Criterion("park.revenue", "higher", None)], "expert")
    with pytest.raises(ValueError):
        evaluate(PARKS, [Criterion("park.revenue", "more", 1)])
    with pytest.raises(ValueError):
        evaluate(PARKS, [*CRITERIA, CRITERIA[0]])


matrix = st.dictionaries(
    st.text("ABCDEFG", min_size=1, max_size=2),
    st.fixed_dictionaries({"x": st.none() | st.integers(-50, 50), "y": st.none() | st.floats(-1e3, 1e3)}),
    max_size=7,
)


@given(values=matrix, method=st.sampled_from(["expert", "entropy"]), wx=st.integers(1, 9))
def test_scores_are_within_range_and_ranks_are_competition_ranks(values, method, wx):
    result = evaluate(values, [Criterion("x", "higher", wx), Criterion("y", "lower", 1)], method)
    assert sum(result.weights.values()) == pytest.approx(1)
    assert set(result.scores) == set(values)
    assert all(0 <= score <= 100 for score in result.scores.values())
    for unit, rank in result.ranks.items():
        better = sum(1 for s in result.scores.values() if round(s, 9) > round(result.scores[unit], 9))
        assert rank == better + 1
