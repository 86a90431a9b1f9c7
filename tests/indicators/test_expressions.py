"""The formula language: what parses, and where a mistake is reported."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zerobay.indicators.catalogue import VOCABULARY
from zerobay.indicators.expressions import (
    AboveScale,
    Aggregate,
    AllOf,
    AnyOf,
    Binary,
    Compare,
    FormulaError,
    InIndustry,
    Not,
    Valid,
    parse,
)


def test_ratio_of_sums():
    tree = parse("sum(annual.rd_expenditure) / sum(annual.revenue)", VOCABULARY).tree
    assert tree == Binary(
        "/", Aggregate("sum", "annual", "rd_expenditure"), Aggregate("sum", "annual", "revenue")
    )


def test_filters_combine_with_precedence_and_parentheses():
    formula = parse(
        "count(enterprises where valid(hte) and not above_scale or track(LIFE-BIO-MRB) "
        "and (annual.revenue >= 2e7 or annual.net_profit < -1))",
        VOCABULARY,
    )
    assert formula.tree.where == AnyOf(
        (
            AllOf((Valid("hte"), Not(AboveScale()))),
            AllOf(
                (
                    InIndustry("track", "LIFE-BIO-MRB"),
                    AnyOf(
                        (Compare("annual", "revenue", ">=", 2e7), Compare("annual", "net_profit", "<", -1.0))
                    ),
                )
            ),
        )
    )
    assert formula.report_fields() == {"annual": {"revenue", "net_profit"}}


@pytest.mark.parametrize(
    ("text", "position", "says"),
    [
        ("sum(annual.revnue)", 11, "unknown field 'revnue'"),
        ("sum(annual.revenue", 18, "expected ')'"),
        ("sum(annual.revenue) +", 21, "expected a number"),
        ("eval(annual)", 0, "unknown function 'eval'"),
        ("sum(annual)", 10, "needs a field"),
        ("count(enterprises where valid(phd))", 30, "unknown qualification 'phd'"),
        ("count(annual where annual.revenue >= )", 37, "expected a number"),
        ("count(reports)", 6, "unknown source 'reports'"),
        ("1 $ 2", 2, "unexpected character '$'"),
        ("__import__('os')", 0, "unknown function '__import__'"),
        ("count(annual where revenue > 1)", 19, "unknown condition 'revenue'"),
        ("", 0, "empty"),
    ],
)
def test_mistakes_are_rejected_with_their_position(text, position, says):
    with pytest.raises(FormulaError) as caught:
        parse(text, VOCABULARY)
    assert caught.value.position == position
    assert says in caught.value.message
    assert caught.value.pointer().splitlines()[-1] == " " * position + "^"


@given(st.text(alphabet="sumcount(annual.revenue)/+-*0123456789 where", max_size=40))
def test_any_text_parses_or_fails_with_a_position_inside_it(text):
    try:
        parse(text, VOCABULARY)
    except FormulaError as exc:
        assert 0 <= exc.position <= len(text)
