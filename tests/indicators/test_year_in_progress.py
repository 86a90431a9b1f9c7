"""A year that has not ended is not judged: on 5 December its figures are a value so far, neither held
against the year's target (滞后 for a count that has not yet been completed) nor compared with a full year."""

import pytest

from zerobay.indicators import tracking


def test_a_partial_year_is_neither_judged_nor_compared():
    series = {2023: 90.0, 2024: 100.0, 2025: 110.0, 2026: 60.0}  # 2026: so far
    targets = {2026: 120.0}
    judged_as_ended = tracking.assess(series, targets, "higher", 2026)
    assert judged_as_ended.status == "off_track" and judged_as_ended.year == 2026  # what the page said
    a = tracking.assess(series, targets, "higher", 2026, complete_through=2025)
    assert a.year == 2025 and a.value == 110.0
    assert a.status in ("on_track", "at_risk") and a.target_year == 2026
    assert a.change == pytest.approx(0.10)  # 2025 on 2024, not 60 on 110
    assert "已结束" not in a.rule


def test_a_year_that_has_ended_is_judged_against_its_target():
    a = tracking.assess({2024: 100.0, 2025: 95.0}, {2025: 100.0}, "higher", 2025, complete_through=2025)
    assert a.status == "off_track" and a.year == 2025


def test_the_rule_the_pages_show_says_so():
    assert "尚未结束" in tracking.STATUS_RULE and "in progress" in tracking.STATUS_RULE_EN
