"""Evaluate a parsed formula over one period's data, for every (org unit, industry) group at once.

Each aggregate becomes a grid (org units × industry columns); arithmetic then works cell by cell.
Division by zero gives NaN ("no value"), never an error.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from ..expressions import (
    AboveScale,
    Aggregate,
    AllOf,
    AnyOf,
    Binary,
    Compare,
    Condition,
    Expr,
    Formula,
    InIndustry,
    Negate,
    Not,
    Number,
    Valid,
)
from .dataset import Groups, Registry, Reports

_COMPARE = {
    ">=": np.greater_equal,
    "<=": np.less_equal,
    ">": np.greater,
    "<": np.less,
    "==": np.equal,
    "!=": np.not_equal,
}


@dataclass
class Context:
    registry: Registry
    reports: dict[str, Reports]  # source -> the period's reports
    as_of: datetime.date  # the day qualifications must be valid on (the period's end)
    industry_ids: dict[str, int]  # taxonomy code -> id

    def condition(self, cond: Condition) -> np.ndarray:
        n = self.registry.size
        match cond:
            case AllOf(items):
                mask = np.ones(n, dtype=bool)
                for item in items:
                    mask &= self.condition(item)
                return mask
            case AnyOf(items):
                mask = np.zeros(n, dtype=bool)
                for item in items:
                    mask |= self.condition(item)
                return mask
            case Not(item):
                return ~self.condition(item)
            case AboveScale():
                return self.registry.above_scale
            case Valid(kind):
                return self.registry.valid_on(kind, self.as_of)
            case InIndustry(_, code):
                members = self.registry.industry_members.get(self.industry_ids.get(code, -1))
                return members if members is not None else np.zeros(n, dtype=bool)
            case Compare(source, field, op, value):
                column = self.reports[source].values[field]
                with np.errstate(invalid="ignore"):
                    return _COMPARE[op](column, value) & ~np.isnan(column)
        raise TypeError(cond)

    def population(self, agg: Aggregate) -> np.ndarray:
        """Enterprises an aggregate looks at: with a report of the period (or all), filtered."""
        if agg.source == "enterprises":
            mask = np.ones(self.registry.size, dtype=bool)
        else:
            mask = self.reports[agg.source].present.copy()
        if agg.where is not None:
            mask &= self.condition(agg.where)
        if agg.field:
            mask &= ~np.isnan(self.reports[agg.source].values[agg.field])
        return mask


def per_enterprise(ctx: Context, agg: Aggregate) -> tuple[np.ndarray, np.ndarray]:
    """(mask, value) per enterprise: whether it enters the aggregate and with what value."""
    mask = ctx.population(agg)
    if agg.field:
        values = np.where(mask, ctx.reports[agg.source].values[agg.field], 0.0)
    else:
        values = mask.astype(np.float64)
    return mask, values


def group_sum(groups: Groups, weights: np.ndarray) -> np.ndarray:
    """Sum a per-enterprise quantity into every (org unit, industry) group."""
    n_org, n_ind = groups.shape
    keys = groups.org_of[groups.pair_enterprise] * n_ind + groups.pair_industry
    leaf = np.bincount(keys, weights=weights[groups.pair_enterprise], minlength=n_org * n_ind)
    return groups.ancestors @ leaf.reshape(n_org, n_ind)


def _extreme(ctx: Context, mask: np.ndarray, values: np.ndarray, smallest: bool) -> np.ndarray:
    groups = ctx.registry.groups
    n_org, n_ind = groups.shape
    fill = np.inf if smallest else -np.inf
    leaf = np.full(n_org * n_ind, fill)
    pairs = mask[groups.pair_enterprise]
    keys = (groups.org_of[groups.pair_enterprise] * n_ind + groups.pair_industry)[pairs]
    (np.minimum if smallest else np.maximum).at(leaf, keys, values[groups.pair_enterprise][pairs])
    leaf = leaf.reshape(n_org, n_ind)
    result = np.full((n_org, n_ind), fill)
    for i in range(n_org):  # roll up: a handful of org units
        below = groups.ancestors[i] > 0
        result[i] = leaf[below].min(axis=0) if smallest else leaf[below].max(axis=0)
    result[np.isinf(result)] = np.nan
    return result


def aggregate(ctx: Context, agg: Aggregate, mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The aggregate per group, from each enterprise's (mask, value) of `per_enterprise`."""
    groups = ctx.registry.groups
    if agg.func == "count":
        return group_sum(groups, mask.astype(np.float64))
    if agg.func == "sum":
        return group_sum(groups, values)
    if agg.func == "avg":
        counts = group_sum(groups, mask.astype(np.float64))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts > 0, group_sum(groups, values) / counts, np.nan)
    return _extreme(ctx, mask, values, smallest=agg.func == "min")


def evaluate(ctx: Context, formula: Formula) -> tuple[np.ndarray, np.ndarray]:
    """(values, enterprises): the formula per group, and the enterprises behind each value."""
    results: dict[int, np.ndarray] = {}
    contributors = np.zeros(ctx.registry.size, dtype=bool)
    for agg in formula.aggregates:
        mask, values = per_enterprise(ctx, agg)
        results[id(agg)] = aggregate(ctx, agg, mask, values)
        contributors |= mask
    values = arithmetic(formula.tree, results)
    return np.asarray(values, dtype=np.float64), group_sum(
        ctx.registry.groups, contributors.astype(np.float64)
    )


def arithmetic(node: Expr, results: dict[int, np.ndarray | float]):
    """The formula's arithmetic over its aggregates' results (grids or plain totals), keyed by
    id() of each aggregate node."""
    match node:
        case Number(value):
            return value
        case Negate(operand):
            return -arithmetic(operand, results)
        case Aggregate():
            return results[id(node)]
        case Binary(op, left, right):
            a, b = arithmetic(left, results), arithmetic(right, results)
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            with np.errstate(divide="ignore", invalid="ignore"):
                b = np.asarray(b, dtype=np.float64)
                return np.where(b != 0, np.divide(a, np.where(b != 0, b, 1.0)), np.nan)
    raise TypeError(node)
