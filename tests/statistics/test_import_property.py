"""Whatever mess a workbook holds, `--skip-invalid` stores exactly the rows that break no rule."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zerobay.statistics.models import AnnualReport

from ..factories import make_uscc
from .helpers import run_import

HEADER = ["企业名称", "营业收入（万元）", "统一社会信用代码", "从业人员期末人数（人）", "R&D人员（人）"]
POOL = [make_uscc(900_000 + i) for i in range(6)]

uscc_cell = st.one_of(
    st.sampled_from(POOL),
    st.sampled_from(POOL).map(lambda u: f" {u.lower()} "),
    st.sampled_from(["", "123", POOL[0][:-1] + ("0" if POOL[0][-1] != "0" else "1")]),
)
number_cell = st.one_of(
    st.none(),
    st.integers(-5, 500),
    st.decimals(0, 10_000, places=2, allow_nan=False).map(lambda d: f"{d:,}"),
    st.sampled_from(["abc", "十", "—"]),
)
row = st.tuples(uscc_cell, st.sampled_from(["甲公司", "乙公司", ""]), number_cell, number_cell, number_cell)


def as_number(cell):
    """The oracle: an independent reading of what the cell means."""
    if cell is None or cell == "—":
        return None
    if isinstance(cell, int):
        return Decimal(cell)
    try:
        return Decimal(str(cell).replace(",", ""))
    except ArithmeticError:
        return "bad"


def expected(rows):
    seen, result = set(), {}
    for u, name, revenue, employees, rd in rows:
        code = u.strip().upper()
        valid_code = code in POOL
        dup = valid_code and code in seen
        if valid_code:
            seen.add(code)
        rev, emp, rds = as_number(revenue), as_number(employees), as_number(rd)
        numbers_ok = all(v != "bad" and (v is None or v >= 0) for v in (rev, emp, rds))
        ints_ok = numbers_ok and all(v is None or v == v.to_integral_value() for v in (emp, rds))
        part_ok = ints_ok and (emp is None or rds is None or rds <= emp)
        if valid_code and not dup and name and part_ok:
            result[code] = (None if rev is None else (rev * 10_000).quantize(Decimal("0.01")), emp, rds)
    return result


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=8))
def test_stored_figures_are_exactly_the_valid_rows(tmp_path_factory, rows):
    from ..conftest import write_workbook

    AnnualReport.objects.all().delete()
    path = write_workbook(
        tmp_path_factory.mktemp("wb") / "x.xlsx",
        HEADER,
        [[name, rev, u, emp, rd] for u, name, rev, emp, rd in rows],
    )
    status, report = run_import(path, "--skip-invalid")
    want = expected(rows)
    got = {
        r.enterprise.uscc: (
            r.revenue,
            None if r.employees is None else Decimal(r.employees),
            None if r.rd_staff is None else Decimal(r.rd_staff),
        )
        for r in AnnualReport.objects.select_related("enterprise")
    }
    assert got == want
    assert report["rows_imported"] == len(want)
    assert report["rows_read"] == report["rows_valid"] + len(
        {e["row"] for e in report["errors"] if e["row"] is not None}
    )
