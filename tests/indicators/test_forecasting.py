"""Forecasts of a yearly series: trend with interval, two-point extrapolation, too few data."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zerobay.indicators.forecasting import Forecast, forecast

# 10 % a year from 100, with a little noise so that the interval has a width.
NOISE = (1.01, 0.99, 1.0, 1.02, 0.98, 1.0)
GROWING = {2018 + i: 100 * 1.1**i * f for i, f in enumerate(NOISE)}  # 2018..2023


def test_growing_series_forecasts_its_growth_with_a_widening_interval():
    result = forecast(GROWING, [2024, 2025, 2027])

    assert result.method == "log_linear"
    assert [p.year for p in result.points] == [2024, 2025, 2027]
    p24, p25, p27 = result.points
    assert p25.value / p24.value == pytest.approx(1.10, abs=0.01)
    assert (p27.value / p24.value) ** (1 / 3) == pytest.approx(1.10, abs=0.01)
    assert p24.value == pytest.approx(GROWING[2023] * 1.1, rel=0.03)
    for p in result.points:
        assert p.low < p.value < p.high
    widths = [(p.high - p.low) / p.value for p in result.points]
    assert widths[0] < widths[1] < widths[2]
    assert "80%" in result.note and "对数线性" in result.note


def test_a_wider_level_gives_a_wider_interval():
    narrow = forecast(GROWING, [2025], level=0.5).points[0]
    wide = forecast(GROWING, [2025], level=0.95).points[0]
    assert narrow.value == pytest.approx(wide.value)
    assert wide.low < narrow.low and narrow.high < wide.high
    assert "95%" in forecast(GROWING, [2025], level=0.95).note


def test_exact_constant_growth_is_extrapolated_exactly_even_with_gaps_in_the_years():
    series = {2015: 100, 2018: 100 * 1.1**3, 2020: 100 * 1.1**5, 2021: 100 * 1.1**6}
    result = forecast(series, [2025])
    assert result.method == "log_linear"
    assert result.points[0].value == pytest.approx(100 * 1.1**10)


def test_series_with_zero_or_negative_values_gets_a_linear_trend():
    result = forecast({2020: -5, 2021: 0, 2022: 5, 2023: 10}, [2025])
    assert result.method == "linear"
    point = result.points[0]
    assert point.value == pytest.approx(20)
    assert point.low <= point.value <= point.high
    assert "线性" in result.note


def test_two_points_carry_their_growth_forward_without_interval():
    result = forecast({2021: 100, 2023: 121}, [2024, 2025])  # 10 % a year over two years
    assert result.method == "two_point"
    assert [p.value for p in result.points] == pytest.approx([133.1, 146.41])
    assert all(p.low is None and p.high is None for p in result.points)
    assert "+10.0%" in result.note


def test_two_points_with_a_zero_carry_their_change_forward():
    result = forecast({2022: 0, 2023: 10}, [2025])
    assert result.method == "two_point"
    assert result.points[0].value == pytest.approx(30)


def test_none_values_are_ignored():
    result = forecast({2020: 100, 2021: None, 2022: 121, 2023: float("nan")}, [2024])
    assert result.method == "two_point"
    assert result.points[0].value == pytest.approx(146.41)  # 10 % a year, two years on from 2022


@pytest.mark.parametrize("series", [{}, {2023: 5.0}, {2022: None, 2023: 5.0}])
def test_too_few_data_give_no_forecast(series):
    result = forecast(series, [2025])
    assert result == Forecast("none", (), result.note)
    assert "不足" in result.note


def test_point_lookup_by_year():
    result = forecast(GROWING, [2025, 2024])
    assert result.point(2025).year == 2025
    assert result.point(2030) is None


def test_level_must_be_a_probability():
    with pytest.raises(ValueError):
        forecast(GROWING, [2025], level=80)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.floats(min_value=0.01, max_value=1e9), min_size=3, max_size=8),
    horizon=st.integers(min_value=1, max_value=10),
)
def test_the_interval_always_contains_the_point(values, horizon):
    series = {2010 + i: v for i, v in enumerate(values)}
    result = forecast(series, [2009 + len(values) + horizon])
    (point,) = result.points
    assert result.method == "log_linear"
    assert math.isfinite(point.value) and point.value > 0
    assert point.low <= point.value * (1 + 1e-9) and point.value <= point.high * (1 + 1e-9)


@settings(max_examples=40, deadline=None)
@given(rate=st.floats(min_value=-0.5, max_value=1.0), length=st.integers(min_value=2, max_value=7))
def test_constant_growth_is_continued(rate, length):
    series = {2015 + i: 50 * (1 + rate) ** i for i in range(length)}
    last = 2015 + length - 1
    (point,) = forecast(series, [last + 3]).points
    assert point.value == pytest.approx(series[last] * (1 + rate) ** 3, rel=1e-6)
