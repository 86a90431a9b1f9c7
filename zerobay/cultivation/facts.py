"""An enterprise's facts at an as-of date, for every enterprise at once, as numpy columns.

Position i is one enterprise (ascending ids). The rules read these columns only, so screening
250,000 enterprises costs a few bulk queries and array operations, never a query per enterprise.

Where the facts come from:
- the registry: name, org unit, date founded, 规上 flag, qualifications valid at the date;
- the Torch annual reports of the (at most three) latest years that ended before the as-of date
  (index 0 of a yearly column is the latest such year);
- the enterprise profile (zerobay import enterprise-profile): date registered (else the registry's
  date founded), total assets, class-I and class-II IP, core technology field, industry code.

Money is held as integer cents (分) and counts as integers, each with a `known` mask, so that a
criterion compares exactly (R&D of 5% of revenue is met, not missed by a rounding error).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db import connection

from zerobay.registry.models import Enterprise, OrgUnit, Qualification
from zerobay.statistics.models import AnnualReport, EnterpriseProfile

YEARS = 3  # yearly columns kept: the HTE R&D criterion sums up to three years


@dataclass
class Known:
    """Integer values (cents for money) with the mask of those that are known."""

    values: np.ndarray
    known: np.ndarray

    @classmethod
    def from_floats(cls, floats: np.ndarray, scale: int = 1) -> Known:
        known = ~np.isnan(floats)
        return cls(np.where(known, np.rint(np.nan_to_num(floats) * scale), 0).astype(np.int64), known)

    def __getitem__(self, index) -> Known:
        return Known(self.values[index], self.known[index])

    def yuan(self, pos: int) -> float:
        return self.values[pos] / 100


@dataclass
class Facts:
    as_of: datetime.date
    ids: np.ndarray
    usccs: list[str]
    names: list[str]
    org_codes: list[str | None]
    org_paths: list[str]
    registered: np.ndarray  # date ordinal; 0 unknown
    above_scale: np.ndarray
    # Yearly columns, shape (n, YEARS): [:, 0] the latest year with a report before the as-of date.
    year: np.ndarray  # 0 where there is no report
    revenue: Known
    rd: Known
    hightech: Known
    employees: Known
    st_staff: Known
    assets: Known
    ip1: Known
    ip2: Known
    tech_field: list[str | None]
    industry_code: list[str | None]
    valid: dict[str, np.ndarray] = field(default_factory=dict)  # kind -> held at the as-of date

    @property
    def size(self) -> int:
        return len(self.ids)

    @cached_property
    def has_report(self) -> np.ndarray:
        return self.year[:, 0] > 0

    def consecutive(self, years: int) -> np.ndarray:
        """Reports for `years` consecutive years (the latest `years` of the yearly columns)."""
        k = years - 1
        return (self.year[:, k] > 0) & (self.year[:, 0] - self.year[:, k] == k)

    def holds(self, kind: str) -> np.ndarray:
        return self.valid.get(kind, np.zeros(self.size, dtype=bool))


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ordinal(value) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return value.toordinal()


def _scope(alias: str, org_path: str, enterprise_ids) -> tuple[str, list]:
    """The WHERE clause limiting enterprises (table alias `alias`) to a subtree or to some ids."""
    qn = connection.ops.quote_name
    clauses, params = [], []
    if org_path:
        clauses.append(f"{alias}.{qn('org_path')} LIKE %s")
        params.append(org_path + "%")
    if enterprise_ids is not None:
        ids = [int(i) for i in enterprise_ids] or [0]
        clauses.append(f"{alias}.id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _float(alias: str, column: str) -> str:
    return f"CAST({alias}.{connection.ops.quote_name(column)} AS DOUBLE PRECISION)"


def load_facts(as_of: datetime.date, org_path: str = "", enterprise_ids=None) -> Facts:
    """The facts of the enterprises of one org subtree ("" for all), or of the given ids."""
    e_table, o_table = Enterprise._meta.db_table, OrgUnit._meta.db_table
    p_table, a_table = EnterpriseProfile._meta.db_table, AnnualReport._meta.db_table
    where, params = _scope("e", org_path, enterprise_ids)
    rows = _fetch(
        f"SELECT e.id, e.uscc, e.name, e.org_path, o.code, e.founded, e.above_scale, p.registered_on, "  # noqa: S608
        f"{_float('p', 'total_assets')}, p.ip_class1, p.ip_class2, p.tech_field, p.industry_code "
        f"FROM {e_table} e LEFT JOIN {o_table} o ON o.id = e.org_unit_id "
        f"LEFT JOIN {p_table} p ON p.enterprise_id = e.id{where} ORDER BY e.id",
        params,
    )
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 13
    del rows
    ids = np.array(columns[0], dtype=np.int64)
    registered = np.fromiter(
        (_ordinal(r) or _ordinal(f) for r, f in zip(columns[7], columns[5], strict=True)), np.int64, n
    )
    numbers = np.array([columns[8], columns[9], columns[10]], dtype=np.float64).reshape(3, n)
    facts = Facts(
        as_of=as_of,
        ids=ids,
        usccs=list(columns[1]),
        names=list(columns[2]),
        org_paths=list(columns[3]),
        org_codes=list(columns[4]),
        registered=registered,
        above_scale=np.array(columns[6], dtype=bool),
        year=np.zeros((n, YEARS), dtype=np.int64),
        revenue=_empty(n),
        rd=_empty(n),
        hightech=_empty(n),
        employees=_empty(n),
        st_staff=_empty(n),
        assets=Known.from_floats(numbers[0], 100),
        ip1=Known.from_floats(numbers[1]),
        ip2=Known.from_floats(numbers[2]),
        tech_field=list(columns[11]),
        industry_code=list(columns[12]),
    )
    _load_annual(facts, a_table, e_table, where, params)
    _load_qualifications(facts, where, params)
    return facts


def _empty(n: int) -> Known:
    return Known(np.zeros((n, YEARS), dtype=np.int64), np.zeros((n, YEARS), dtype=bool))


def _load_annual(facts: Facts, a_table: str, e_table: str, where: str, params: list) -> None:
    """The latest three annual reports of each enterprise for years ended before the as-of date."""
    join = f" JOIN {e_table} e ON e.id = a.enterprise_id{where}" if where else ""
    condition = " AND " if where else " WHERE "
    rows = _fetch(
        f"SELECT a.enterprise_id, a.year, {_float('a', 'revenue')}, {_float('a', 'rd_expenditure')}, "  # noqa: S608
        f"{_float('a', 'hightech_revenue')}, {_float('a', 'employees')}, {_float('a', 'st_staff')} "
        f"FROM {a_table} a{join}{condition}a.year < %s",
        [*params, facts.as_of.year],
    )
    if not rows or not facts.size:
        return
    data = np.array(rows, dtype=np.float64)
    del rows
    enterprise, year = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)
    order = np.lexsort((-year, enterprise))  # by enterprise, latest year first
    data, enterprise, year = data[order], enterprise[order], year[order]
    first = np.r_[True, enterprise[1:] != enterprise[:-1]]
    index = np.arange(len(enterprise))
    rank = index - np.maximum.accumulate(np.where(first, index, 0))
    keep = rank < YEARS
    pos = np.searchsorted(facts.ids, enterprise[keep])
    found = facts.ids[np.clip(pos, 0, facts.size - 1)] == enterprise[keep]
    pos, rank, data = pos[found], rank[keep][found], data[keep][found]
    facts.year[pos, rank] = year[keep][found]
    for k, (name, scale) in enumerate(
        (("revenue", 100), ("rd", 100), ("hightech", 100), ("employees", 1), ("st_staff", 1))
    ):
        column = Known.from_floats(data[:, 2 + k], scale)
        target: Known = getattr(facts, name)
        target.values[pos, rank] = column.values
        target.known[pos, rank] = column.known


def _load_qualifications(facts: Facts, where: str, params: list) -> None:
    q_table, e_table = Qualification._meta.db_table, Enterprise._meta.db_table
    qn = connection.ops.quote_name
    join = f" JOIN {e_table} e ON e.id = q.enterprise_id{where}" if where else ""
    condition = " AND " if where else " WHERE "
    day = connection.ops.adapt_datefield_value(facts.as_of)
    rows = _fetch(
        f"SELECT q.enterprise_id, q.kind FROM {q_table} q{join}{condition}"  # noqa: S608
        f"(q.{qn('valid_from')} IS NULL OR q.{qn('valid_from')} <= %s) "
        f"AND (q.{qn('valid_to')} IS NULL OR q.{qn('valid_to')} >= %s)",
        [*params, day, day],
    )
    by_kind: dict[str, list[int]] = {}
    for enterprise_id, kind in rows:
        by_kind.setdefault(kind, []).append(enterprise_id)
    for kind, members in by_kind.items():
        facts.valid[kind] = member_mask(facts.ids, members)


def member_mask(ids: np.ndarray, members) -> np.ndarray:
    """True at the positions of `ids` (ascending) that are among `members`."""
    members = np.asarray(members, dtype=np.int64)
    mask = np.zeros(len(ids), dtype=bool)
    pos = np.searchsorted(ids, members)
    ok = pos < len(ids)
    pos, members = pos[ok], members[ok]
    mask[pos[ids[pos] == members]] = True
    return mask
