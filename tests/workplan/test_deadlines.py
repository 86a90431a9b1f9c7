"""完成时限 as governments write it: every form of the issue, resolved with the list's year."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zerobay.workplan.deadlines import UnreadableDeadline, parse_deadline

D = datetime.date


@pytest.mark.parametrize(
    "text,due",
    [
        # a date in any form the importers read, with or without 前 / 底前 / 之前
        ("2026-06-30", D(2026, 6, 30)),
        ("2026/6/30", D(2026, 6, 30)),
        ("2026.6.30", D(2026, 6, 30)),
        ("2026年6月30日", D(2026, 6, 30)),
        ("2026年6月30日前", D(2026, 6, 30)),
        ("2026年6月30日之前", D(2026, 6, 30)),
        ("2026-06-30前", D(2026, 6, 30)),
        ("６月３０日前", D(2026, 6, 30)),
        ("9月15日", D(2026, 9, 15)),
        ("9月15日之前", D(2026, 9, 15)),
        (" 2027年3月1日 ", D(2027, 3, 1)),
        (D(2026, 11, 20), D(2026, 11, 20)),
        (datetime.datetime(2026, 11, 20, 0, 0, tzinfo=datetime.UTC), D(2026, 11, 20)),
        (46203.0, D(2026, 6, 30)),  # an Excel serial number
        # a month → its last day
        ("2026年6月", D(2026, 6, 30)),
        ("6月", D(2026, 6, 30)),
        ("6月底", D(2026, 6, 30)),
        ("6月底前", D(2026, 6, 30)),
        ("6月前", D(2026, 6, 30)),
        ("2月底", D(2026, 2, 28)),
        ("2028年2月", D(2028, 2, 29)),
        ("十月底", D(2026, 10, 31)),
        ("2026-09", D(2026, 9, 30)),
        ("11月末", D(2026, 11, 30)),
        # a quarter → its last day
        ("三季度", D(2026, 9, 30)),
        ("第三季度", D(2026, 9, 30)),
        ("Q3", D(2026, 9, 30)),
        ("q1", D(2026, 3, 31)),
        ("第一季度", D(2026, 3, 31)),
        ("二季度末", D(2026, 6, 30)),
        ("四季度前", D(2026, 12, 31)),
        ("2027年第二季度", D(2027, 6, 30)),
        ("2026Q4", D(2026, 12, 31)),
        # halves and the year's end
        ("上半年", D(2026, 6, 30)),
        ("年中", D(2026, 6, 30)),
        ("2027年上半年", D(2027, 6, 30)),
        ("下半年", D(2026, 12, 31)),
        ("年底", D(2026, 12, 31)),
        ("年底前", D(2026, 12, 31)),
        ("年内", D(2026, 12, 31)),
        ("12月底", D(2026, 12, 31)),
        ("12月底前", D(2026, 12, 31)),
        ("2026年底", D(2026, 12, 31)),
        ("年末", D(2026, 12, 31)),
    ],
)
def test_every_form_resolves_to_its_date(text, due):
    deadline = parse_deadline(text, 2026)
    assert (deadline.due, deadline.continuous) == (due, False)


@pytest.mark.parametrize("text", ["持续推进", "长期", "常态化", "全年推进", " 持续推进 ", "长期推进"])
def test_continuous_has_no_due_date(text):
    deadline = parse_deadline(text, 2026)
    assert deadline.due is None and deadline.continuous


@pytest.mark.parametrize(
    "text",
    [
        "尽快",
        "",
        None,
        "   ",
        "2026年13月",
        "6月31日",
        "五季度",
        "Q5",
        "待定",
        "2026-02-30",
        "下周",
        "TBD",
        "全年",
    ],
)
def test_anything_else_is_unreadable(text):
    with pytest.raises(UnreadableDeadline):
        parse_deadline(text, 2026)


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.none()))
@settings(max_examples=400, deadline=None)
def test_no_cell_takes_the_parser_down(value):
    """Whatever a cell holds: a date (or continuous), or UnreadableDeadline, never another error."""
    try:
        deadline = parse_deadline(value, 2026)
    except UnreadableDeadline:
        return
    assert deadline.continuous or isinstance(deadline.due, datetime.date)


@given(
    st.text(
        alphabet="0123456789年月日季度第一二三四五六七八九十上下半底前之末内Qq-/. 持续推进长期常态化",
        max_size=14,
    )
)
@settings(max_examples=400, deadline=None)
def test_deadline_words_never_crash(value):
    try:
        deadline = parse_deadline(value, 2026)
    except UnreadableDeadline:
        return
    assert deadline.continuous or 1900 < deadline.due.year < 10000
