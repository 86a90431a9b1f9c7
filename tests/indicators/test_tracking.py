"""Tracking an indicator against its targets: completion, change, required growth and status."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zerobay.indicators.forecasting import forecast
from zerobay.indicators.tracking import (
    STATUS_LABELS,
    STATUS_RULE,
    STATUS_RULE_EN,
    assess,
    change,
    completion,
    required_growth,
)

NOISE = (1.01, 0.99, 1.0, 1.02, 0.98)
GROWING = {2019 + i: 100 * 1.1**i * f for i, f in enumerate(NOISE)}  # about +10 % a year to 2023


# -- completion, change, required growth ---------------------------------------------------------


def test_completion_is_value_over_target_or_the_inverse_when_lower_is_better():
    assert completion(80, 100, "higher") == pytest.approx(0.8)
    assert completion(80, 100, "lower") == pytest.approx(1.25)
    assert completion(None, 100, "higher") is None
    assert completion(80, None, "lower") is None
    assert completion(80, 0, "higher") is None
    assert completion(0, 100, "lower") is None


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        completion(1, 2, "up")


positive = st.floats(min_value=1e-3, max_value=1e6)


@given(value=positive, target=positive)
def test_completion_is_symmetric_between_directions(value, target):
    higher = completion(value, target, "higher")
    assert completion(target, value, "lower") == pytest.approx(higher)
    assert higher * completion(value, target, "lower") == pytest.approx(1)


def test_change_is_year_on_year():
    series = {2022: 100, 2023: 110, 2024: None}
    assert change(series, 2023) == pytest.approx(0.10)
    assert change(series, 2022) is None  # no 2021
    assert change(series, 2024) is None
    assert change({2022: 0, 2023: 5}, 2023) is None


def test_required_growth_for_a_known_case():
    assert required_growth(100, 2023, 121, 2025) == pytest.approx(0.10)
    assert required_growth(100, 2023, 81, 2025) == pytest.approx(-0.10)
    assert required_growth(100, 2023, 121, 2023) is None
    assert required_growth(0, 2023, 121, 2025) is None
    assert required_growth(100, 2023, None, 2025) is None


# -- status ------------------------------------------------------------------------------------------


def test_met_target_of_the_latest_year_is_achieved():
    result = assess({2022: 90, 2023: 105}, {2023: 100, 2025: 200}, "higher", as_of=2023)
    assert result.status == "achieved"
    assert (result.year, result.value, result.target_year, result.target) == (2023, 105, 2023, 100)
    assert result.completion == pytest.approx(1.05)
    assert result.change == pytest.approx(105 / 90 - 1)
    assert result.labels == ("已达成", "Achieved")
    assert "2023年" in result.rule


def test_missed_target_of_the_latest_year_is_off_track():
    result = assess({2022: 90, 2023: 95}, {2023: 100}, "higher", as_of=2023)
    assert result.status == "off_track"
    assert result.completion == pytest.approx(0.95)


def test_series_on_course_is_on_track():
    trend = forecast(GROWING, [2025]).points[0]
    result = assess(GROWING, {2025: trend.value * 0.98, 2030: 300}, "higher", as_of=2023)
    assert result.status == "on_track"
    assert result.target_year == 2025
    assert [r[0] for r in result.required] == [2025, 2030]
    assert result.required[0][2] == pytest.approx(0.1, abs=0.02)
    assert result.forecast.method == "log_linear"
    assert [p.year for p in result.forecast.points] == [2025, 2030]


def test_target_within_the_interval_only_is_at_risk():
    trend = forecast(GROWING, [2025]).points[0]
    result = assess(GROWING, {2025: (trend.value + trend.high) / 2}, "higher", as_of=2023)
    assert result.status == "at_risk"
    assert "上限" in result.rule


def test_falling_series_that_needs_thirty_percent_a_year_is_off_track():
    falling = {2019: 100, 2020: 95, 2021: 91, 2022: 84, 2023: 80}
    result = assess(falling, {2025: 80 * 1.3**2}, "higher", as_of=2023)
    assert result.status == "off_track"
    assert result.required == ((2025, pytest.approx(135.2), pytest.approx(0.30)),)
    assert result.completion == pytest.approx(80 / 135.2)


def test_lower_is_better():
    intensity = {2019 + i: 1.0 * 0.95**i * f for i, f in enumerate(NOISE)}  # falling 5 % a year
    trend = forecast(intensity, [2025]).points[0]
    assert assess(intensity, {2025: trend.value * 1.02}, "lower", as_of=2023).status == "on_track"
    at_risk = assess(intensity, {2025: (trend.value + trend.low) / 2}, "lower", as_of=2023)
    assert at_risk.status == "at_risk"
    assert "下限" in at_risk.rule
    assert assess(intensity, {2025: 0.5}, "lower", as_of=2023).status == "off_track"
    # the same level read as higher-is-better is reached easily
    assert assess(intensity, {2025: 0.5}, "higher", as_of=2023).status == "on_track"
    achieved = assess({2023: 0.8}, {2023: 0.85}, "lower", as_of=2023)
    assert achieved.status == "achieved"
    assert achieved.completion == pytest.approx(0.85 / 0.8)


@pytest.mark.parametrize(
    ("yearly", "status"),
    [(1.10, "on_track"), (1.08, "on_track"), (1.14, "at_risk"), (1.15, "at_risk"), (1.20, "off_track")],
)
def test_two_points_compare_required_with_observed_growth(yearly, status):
    # observed: +10 % from 2022 to 2023; target two years on at `yearly` growth
    result = assess({2022: 100, 2023: 110}, {2025: 110 * yearly**2}, "higher", as_of=2023)
    assert result.status == status
    assert result.forecast.method == "two_point"
    assert result.required[0][2] == pytest.approx(yearly - 1)


def test_two_points_lower_is_better_mirrors_the_comparison():
    # observed: -10 % a year; required -12 % -> within 5 points -> at risk; required -5 % -> on track
    falling = {2022: 100, 2023: 90}
    assert assess(falling, {2025: 90 * 0.88**2}, "lower", as_of=2023).status == "at_risk"
    assert assess(falling, {2025: 90 * 0.95**2}, "lower", as_of=2023).status == "on_track"
    assert assess(falling, {2025: 90 * 0.7**2}, "lower", as_of=2023).status == "off_track"


def test_two_points_with_a_zero_use_the_constant_change():
    assert assess({2022: 0, 2023: 10}, {2025: 30}, "higher", as_of=2023).status == "on_track"
    assert assess({2022: 0, 2023: 10}, {2025: 31}, "higher", as_of=2023).status == "off_track"


@pytest.mark.parametrize(("target", "status"), [(95, "on_track"), (100, "at_risk"), (120, "off_track")])
def test_one_point_is_judged_on_completion_so_far(target, status):
    result = assess({2023: 95}, {2025: target}, "higher", as_of=2023)
    assert result.status == status
    assert result.forecast.method == "none"


def test_targets_all_in_the_past_hold_the_latest_value_against_the_latest_target():
    result = assess({2024: 90, 2026: 130}, {2020: 50, 2025: 120}, "higher", as_of=2026)
    assert (result.status, result.target_year) == ("achieved", 2025)
    assert result.required == ()


def test_later_actuals_than_as_of_are_ignored():
    series = {2022: 100, 2023: 105, 2024: 150}
    result = assess(series, {2024: 140}, "higher", as_of=2023)
    assert result.year == 2023
    assert result.status != "achieved"


def test_no_target_and_no_data():
    no_target = assess({2022: 1, 2023: 2}, {}, "higher", as_of=2023)
    assert no_target.status == "no_target"
    assert no_target.value == 2 and no_target.change == pytest.approx(1.0)
    no_data = assess({2024: 5, 2023: None}, {2025: 10}, "higher", as_of=2023)
    assert no_data.status == "no_data"
    assert (no_data.target_year, no_data.target) == (2025, 10)
    assert no_data.labels[0] == "无数据"


def test_labels_and_rule_text():
    assert {status: zh for status, (zh, _) in STATUS_LABELS.items()} == {
        "achieved": "已达成",
        "on_track": "正常",
        "at_risk": "有风险",
        "off_track": "滞后",
        "no_target": "无目标",
        "no_data": "无数据",
    }
    assert "80%" in STATUS_RULE and "5个百分点" in STATUS_RULE
    assert "80%" in STATUS_RULE_EN and "5 percentage points" in STATUS_RULE_EN


@given(
    values=st.dictionaries(st.integers(2015, 2023), st.none() | st.floats(-1e6, 1e6), max_size=6),
    targets=st.dictionaries(st.integers(2015, 2030), st.floats(-1e6, 1e6), max_size=3),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_every_input_gets_a_known_status_and_a_rule(values, targets, direction):
    result = assess(values, targets, direction, as_of=2023)
    assert result.status in STATUS_LABELS
    assert result.rule
    assert [r[0] for r in result.required] == sorted(r[0] for r in result.required)
