"""The chart component: builders give a plain spec, `{% chart %}` puts it in the page as JSON data
beside its div, and no template carries chart code or inline script."""

import json
import re
from pathlib import Path

import pytest
from django.template import Context, Template

from zerobay.web.charts import bar_chart, funnel_chart, line_chart, series, years_chart

ROOT = Path(__file__).resolve().parents[2] / "zerobay"


def render(text: str, **context) -> str:
    return Template("{% load web %}" + text).render(Context(context))


def test_builders_return_a_json_ready_spec_of_a_kind():
    spec = bar_chart(["甲", "乙"], [series("收入", [1, 2.5], colour="#1d4f91")], unit="万元", y_min=0)
    assert json.loads(json.dumps(spec)) == {
        "kind": "bar",
        "categories": ["甲", "乙"],
        "series": [{"name": "收入", "data": [1, 2.5], "colour": "#1d4f91"}],
        "unit": "万元",
        "options": {"y_min": 0},
    }
    assert line_chart(["2025-01"], [series("", [None])])["kind"] == "line"
    funnel = funnel_chart([("需求", 196), ("合作", 11)])
    assert funnel["kind"] == "funnel" and funnel["categories"] == ["需求", "合作"]
    assert funnel["series"][0]["data"] == [196, 11]


def test_a_years_chart_leaves_empty_series_out():
    spec = years_chart([series("计算值", [[2024, 5.0]], id="computed"), series("预测", [], id="forecast")])
    assert [s["id"] for s in spec["series"]] == ["computed"]


def test_a_series_refuses_an_option_the_script_does_not_know():
    with pytest.raises(TypeError, match="colour_of_bars"):
        series("x", [1], colour_of_bars="#fff")


def test_the_chart_tag_renders_a_div_and_its_spec_as_json_data_and_no_code():
    spec = bar_chart(["甲"], [series("</script><b>", [1])])
    html = render('{% chart spec "status" height="230px" label="按状态" %}', spec=spec)
    assert re.search(
        r'<div id="status-chart" class="chart" data-chart-id="status-data" data-height="230px" '
        r'role="img" aria-label="按状态"></div>',
        html,
    )
    data = re.search(r'<script id="status-data" type="application/json">(.*?)</script>', html, re.S)
    assert data and json.loads(data[1]) == spec  # the name is escaped inside the JSON, not cut
    assert html.count("<script") == 1  # the data only: no code


def test_the_chart_label_defaults_to_the_title():
    html = render('{% chart spec "revenue" %}', spec=line_chart(["2024"], [], title="营业收入"))
    assert 'aria-label="营业收入"' in html and "data-height" not in html


def test_chart_scripts_load_echarts_then_the_one_start_up_script():
    html = render("{% chart_scripts %}")
    assert html.index("vendor/echarts.min.js") < html.index("js/charts.js")
    assert html.count("defer") == 2


def test_the_start_up_script_is_the_only_place_that_initialises_a_chart():
    script = (ROOT / "static" / "js" / "charts.js").read_text()
    assert "echarts.init" in script and "resize" in script
    for kind in ("bar", "line", "funnel", "years"):
        assert f"{kind}:" in script  # a builder per kind the server may ask for
    others = [p for p in ROOT.rglob("*") if p.suffix in {".html", ".js", ".py"} and "vendor" not in p.parts]
    assert [p.name for p in others if "echarts.init" in p.read_text(errors="ignore")] == ["charts.js"]


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def test_no_template_carries_inline_script_event_handlers_or_styles():
    """Only `<script src=…>` and JSON data, and styles from the style sheets: Django's CSP can
    then forbid inline script and style."""
    offenders = []
    for path in ROOT.rglob("*.html"):
        text = path.read_text()
        for attrs, body in SCRIPT.findall(text):
            if "src=" not in attrs and body.strip():
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.relative_to(ROOT)}: on…= handler")
        if "echarts" in text and "{% chart_scripts %}" not in text:
            offenders.append(f"{path.relative_to(ROOT)}: echarts outside the chart component")
        if "<style" in text:
            offenders.append(f"{path.relative_to(ROOT)}: <style> block")
        fixed = [style for style in re.findall(r'\sstyle="([^"]*)"', text) if "{{" not in style]
        if fixed:  # a computed width may stay; a fixed look belongs in the style sheet
            offenders.append(f"{path.relative_to(ROOT)}: style attribute {fixed}")
    assert offenders == []
