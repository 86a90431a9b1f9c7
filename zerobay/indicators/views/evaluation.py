"""The sub-park composite evaluation (园区综合评价): scores, ranks and weights."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import charts, evaluation, services
from .formatting import DIRECTIONS, METHODS, label, last_computed_at, number, percent, year_param
from .workbook import _xlsx


def evaluation_page(request):
    years = services.years_available()
    year = year_param(request.GET.get("year")) or services.default_year()
    method = request.GET.get("method") if request.GET.get("method") in evaluation.METHODS else "expert"
    data = services.evaluate_subparks(request.user, year, method)
    result = data["result"]
    names = {u.code: u.name for u in data["units"]}
    criteria = []
    for c in data["criteria"]:
        indicator = services.get_indicator(c.indicator)
        criteria.append(
            {
                "id": c.indicator,
                "name": label(indicator),
                "unit": indicator.unit,
                "direction": DIRECTIONS[c.direction],
                "expert": c.weight,
                "weight": result.weights[c.indicator],
                "weight_text": percent(result.weights[c.indicator]),
            }
        )
    rows = []
    for code, rank in result.ranks.items():
        missing = set(result.missing.get(code, []))
        rows.append(
            {
                "code": code,
                "name": names.get(code, code),
                "rank": rank,
                "score": result.scores[code],
                "score_text": f"{result.scores[code]:.2f}",
                "cells": [
                    {
                        "value": data["values"][code].get(c["id"]),
                        "value_text": number(data["values"][code].get(c["id"]), c["unit"]),
                        "normalised": result.normalised[code][c["id"]],
                        "normalised_text": f"{result.normalised[code][c['id']]:.1f}",
                        "missing": c["id"] in missing,
                    }
                    for c in criteria
                ],
            }
        )
    if request.GET.get("format") == "xlsx":
        return _evaluation_xlsx(year, method, criteria, rows)
    return render(
        request,
        "indicators/evaluation.html",
        {
            "year": year,
            "years": sorted(set(years) | {year}),
            "method": method,
            "methods": METHODS,
            "method_label": METHODS[method],
            "criteria": criteria,
            "rows": rows,
            "notes": result.notes,
            "weights_note": data["note"],
            "chart": charts.score_chart(rows),
            "computed_at": last_computed_at(),
        },
    )


def _evaluation_xlsx(year: int, method: str, criteria: list[dict], rows: list[dict]):
    header = [_("Rank"), _("Org unit code"), _("Sub-park"), _("Score")]
    score = _("Score 0-100")
    for c in criteria:
        header += [f"{c['name']}（{c['unit']}）", f"{c['name']}（{score}）"]
    data = []
    for r in rows:
        line = [r["rank"], r["code"], r["name"], r["score"]]
        for cell in r["cells"]:
            line += [cell["value"], cell["normalised"]]
        data.append(line)
    weights = ["", "", _("Weight"), None]
    filename, sheet = _("evaluation"), _("Evaluation")
    for c in criteria:
        weights += [None, c["weight"]]
    data.append(weights)
    return _xlsx(
        f"{filename}-{year}-{method}.xlsx",
        [(f"{sheet} {year}", header, data)],
    )
