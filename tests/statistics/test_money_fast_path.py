"""The fast money conversion gives exactly what the reference Decimal path gives, or defers to it."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from zerobay.statistics.importing.validation import SLOW, _cents
from zerobay.statistics.importing.writing import money_text
from zerobay.tabular.units import MONEY_UNITS

CENT = Decimal("0.01")


def reference_cents(value: float, factor: Decimal) -> int:
    return int((Decimal(repr(value)) * factor).quantize(CENT, ROUND_HALF_UP) * 100)


decimals_as_written = st.decimals(
    min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False
)


@given(
    value=st.one_of(st.floats(min_value=0, max_value=1e8, allow_nan=False), decimals_as_written.map(float)),
    unit=st.sampled_from(sorted(MONEY_UNITS)),
)
@example(value=1.005, unit="元")  # a half-cent tie in binary disguise
@example(value=0.125, unit="元")  # an exact half-cent tie
@example(value=1234.5, unit="千元")
@example(value=0.012345, unit="亿元")
@example(value=99999999.99, unit="亿元")  # beyond the fast range
def test_fast_cents_equal_the_reference_or_defer(value, unit):
    factor = MONEY_UNITS[unit]
    fast = _cents(value, float(factor * 100))
    if fast is not SLOW:
        assert fast == reference_cents(value, factor)


def test_the_fast_path_takes_the_common_cells():
    assert _cents(1234.5, 100_000.0) == 123_450_000  # 千元 with one decimal
    assert _cents(3.0, 100.0) == 300
    assert _cents(0.125, 100.0) is SLOW  # a tie: the reference path rounds it half up


cells = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e9, max_value=1e9),
    decimals_as_written.map(float),
    st.integers(min_value=0, max_value=10**6).map(float),
    st.sampled_from([0.125, 1.005, 2.5, -0.0, 1e17, 2.0**45 / 100]),
)


@given(
    column=st.lists(cells, min_size=64, max_size=200),
    unit=st.sampled_from(sorted(MONEY_UNITS)),
    money=st.booleans(),
    allow_negative=st.booleans(),
)
def test_a_column_of_numbers_converts_with_numpy_as_cell_by_cell(column, unit, money, allow_negative):
    """_fast_numbers (numpy, for columns of numbers and empty cells) gives what the cell-by-cell
    comprehension of _fast_column gives, or leaves the column to it (a NaN cell)."""
    from zerobay.statistics.importing import validation

    spec = validation._Spec(0, "h", "k", None, money, MONEY_UNITS[unit], allow_negative)
    fast = validation._fast_numbers(column, spec)
    if fast is None:
        assert any(v is not None and v != v for v in column)
        return
    per_unit, low = spec.cents_per_unit, -validation.MAX_MONEY_IN_ANY_UNIT if allow_negative else 0.0
    expected = [
        (
            (_cents(v, per_unit) if low <= v < validation.MAX_MONEY_IN_ANY_UNIT else SLOW)
            if money
            else (int(v) if 0.0 <= v <= validation.MAX_COUNT and v.is_integer() else SLOW)
        )
        if v is not None
        else None
        for v in column
    ]
    assert fast == expected
    assert [type(v) for v in fast] == [type(v) for v in expected]


@given(cents=st.one_of(st.integers(min_value=-(10**19), max_value=10**19), st.integers(-1000, 1000)))
@example(cents=10**15 - 1)  # the last amount written through the float
@example(cents=-(10**15) + 1)
@example(cents=10**15)
@example(cents=-5)
@example(cents=0)
def test_money_text_is_the_exact_amount(cents):
    # PostgreSQL's COPY parses this text into the exact numeric column.
    assert Decimal(money_text(cents)) == Decimal(cents).scaleb(-2)
    assert money_text(cents).split(".")[1].isdigit() and len(money_text(cents).split(".")[1]) == 2
