"""Evaluating a scheme formula (the indicator language of zerobay.indicators.expressions) for one
carrier: its sources are rows of plain dicts, `carrier` (its statement, one row), `verified` (the
same figures computed from its residents, one row) and `residents` (one row per resident).
A figure that cannot be had (no statement, a division by zero) is None, never an exception."""

from zerobay.indicators.expressions import (
    AboveScale,
    Aggregate,
    AllOf,
    AnyOf,
    Binary,
    Compare,
    Formula,
    Negate,
    Not,
    Number,
    Valid,
)

Rows = dict[str, list[dict]]
_COMPARE = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def value(formula: Formula, sources: Rows) -> float | None:
    return _expr(formula.tree, sources)


def _expr(node, sources: Rows) -> float | None:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Negate):
        inner = _expr(node.operand, sources)
        return None if inner is None else -inner
    if isinstance(node, Binary):
        left, right = _expr(node.left, sources), _expr(node.right, sources)
        if left is None or right is None:
            return None
        if node.op == "+":
            return left + right
        if node.op == "-":
            return left - right
        if node.op == "*":
            return left * right
        return None if right == 0 else left / right
    return _aggregate(node, sources)


def _aggregate(agg: Aggregate, sources: Rows) -> float | None:
    rows = sources.get(agg.source, ())
    if agg.where is not None:
        rows = [r for r in rows if _holds(agg.where, r)]
    if agg.func == "count" and agg.field is None:
        return float(len(rows))
    values = [v for r in rows if (v := r.get(agg.field)) is not None]
    if agg.func == "count":
        return float(len(values))
    if not values:
        # A resident without the figure adds nothing; a statement without it is missing.
        return 0.0 if agg.func == "sum" and agg.source == "residents" else None
    if agg.func == "sum":
        return float(sum(values))
    if agg.func == "avg":
        return float(sum(values)) / len(values)
    return float(min(values) if agg.func == "min" else max(values))


def _holds(cond, row: dict) -> bool:
    if isinstance(cond, AllOf):
        return all(_holds(c, row) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(_holds(c, row) for c in cond.items)
    if isinstance(cond, Not):
        return not _holds(cond.item, row)
    if isinstance(cond, AboveScale):
        return bool(row.get("above_scale"))
    if isinstance(cond, Valid):
        return bool(row.get(cond.kind))  # residents carry their qualifications valid at year end as 1/0
    if isinstance(cond, Compare):
        v = row.get(cond.field)
        return v is not None and _COMPARE[cond.op](v, cond.value)
    return False  # taxonomy predicates: carriers' rows carry no industry
