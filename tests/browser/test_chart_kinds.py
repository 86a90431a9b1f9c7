"""charts.js in a real browser: every kind the builders make is drawn, from its JSON spec alone
(the server-side half of the chart component is tested in tests/web)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from zerobay.indicators import charts as indicator_charts
from zerobay.matching import charts as matching_charts
from zerobay.programs import charts as programs_charts
from zerobay.web.charts import bar_chart, line_chart, series

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "zerobay" / "static"


SPECS = {
    "bar": bar_chart(["甲", "乙"], [series("", [3, 5], colours=["#1d4f91", "#b42318"], labels=True)]),
    "mixed": bar_chart(
        ["11-20", "11-21"],
        [
            series("已报送", [1, 2], mark={"at": "11-21", "label": "截止日"}),
            series("未报送", [2, 1], type="line"),
        ],
        legend=True,
    ),
    "history": line_chart(["2025-01", "2025-02"], [series("全部", [50.0, None], width=4)], percent=True),
    "funnel": matching_charts.funnel([{"label": "需求", "count": 196}, {"label": "合作", "count": 11}]),
    "stages": programs_charts.funnel({"stages": [("accepted", "受理")], "totals": {"stages": [607]}}),
    "tracks": programs_charts.amounts_by_track(
        {
            "tracks": [
                {"name": "量子科技", "approved_amount": Decimal(200_000), "paid_amount": Decimal(50_000)}
            ]
        }
    ),
    "years": indicator_charts.series_chart(
        {
            "unit": "%",
            "computed": [[2024, 5.0], [2025, 6.0]],
            "published": [],
            "targets": [[2026, 6.8]],
            "forecast": [[2025, 6.0], [2026, 6.4]],
            "band": [[2025, 6.0, 6.0], [2026, 5.8, 7.0]],
            "labels": {k: k for k in ("computed", "published", "targets", "forecast", "band")},
        }
    ),
}


def test_every_kind_is_drawn_at_its_height_and_follows_a_resize(page):
    body = Template(
        "{% load web %}{% for name, spec in specs %}{% chart spec name height='240px' %}{% endfor %}"
    ).render(Context({"specs": SPECS.items()}))
    page.set_viewport_size({"width": 390, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(f"<!DOCTYPE html><html><body>{body}</body></html>")
    page.add_script_tag(path=str(STATIC / "vendor" / "echarts.min.js"))
    page.add_script_tag(path=str(STATIC / "js" / "charts.js"))
    for name in SPECS:
        canvas = page.locator(f"#{name}-chart canvas")
        canvas.wait_for()
        assert canvas.bounding_box()["height"] == pytest.approx(240, abs=1), name
    assert errors == []
    drawn = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("div.chart")].map(el => {
            const option = echarts.getInstanceByDom(el).getOption();
            return [el.id, {series: option.series.map(s => s.type), y: option.yAxis && option.yAxis[0].type}];
        }))"""
    )
    assert {name: d["series"] for name, d in drawn.items()} == {
        "bar-chart": ["bar"],
        "mixed-chart": ["bar", "line"],
        "history-chart": ["line"],
        "funnel-chart": ["funnel"],
        "stages-chart": ["funnel"],
        "tracks-chart": ["bar", "bar"],
        "years-chart": ["line", "line", "line", "custom"],  # the empty published series is left out
    }
    assert drawn["tracks-chart"]["y"] == "category"  # horizontal bars: the tracks down the side
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_timeout(300)
    assert page.locator("#bar-chart canvas").bounding_box()["width"] > 900  # redrawn at the new width
