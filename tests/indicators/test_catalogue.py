"""The definitions files: they load, and a wrong one is refused naming the file, id and mistake."""

import io

import pytest
from django.core.management import call_command

from zerobay.indicators.catalogue import DEFINITIONS_DIR, DefinitionError, catalogue, load_catalogue

REQUIRED_COMPUTED = {
    "torch.enterprises": "count(annual)",
    "torch.revenue": "sum(annual.revenue)",
    "torch.rd_expenditure": "sum(annual.rd_expenditure)",
    "torch.employees": "sum(annual.employees)",
    "park.rd_intensity": "sum(annual.rd_expenditure) / sum(annual.revenue)",
    "park.labor_productivity": "sum(annual.value_added) / sum(annual.employees)",
    "park.pct_applications": "sum(annual.pct_applications)",
    "park.hte_valid": "count(enterprises where valid(hte))",
}


def test_the_shipped_definitions_load_with_the_required_computed_indicators():
    cat = catalogue()
    for ident, formula in REQUIRED_COMPUTED.items():
        assert cat.get(ident).formula.text == formula
    assert cat.get("park.rd_intensity").unit == "%"
    assert cat.get("park.labor_productivity").unit == "万元/人"
    assert all(i.category in cat.categories for i in cat)


def write(tmp_path, text):
    (tmp_path / "categories.toml").write_bytes((DEFINITIONS_DIR / "categories.toml").read_bytes())
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    return tmp_path


GOOD = """
[[indicator]]
id = "park.x"
name = "某指标"
name_en = "X"
unit = "亿元"
category = "火炬统计"
direction = "higher"
scope = "ZJMH"
formula = "{formula}"
"""


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"formula": "sum(annual.revenue"}, "mine.toml: park.x: formula: expected ')'"),
        ({"formula": "sum(annual.revenue where track(LIFE))"}, "track(LIFE): LIFE is a field, not a track"),
        ({"formula": "sum(annual.revenue where field(NOPE))"}, "field(NOPE): no such industry code"),
        ({"unit": "斤"}, "unknown unit '斤'"),
        ({"direction": "up"}, "direction must be one of"),
        ({"category": "随便"}, "unknown category '随便'"),
        ({"scope": "XX"}, "scope 'XX' is not an org-unit code"),
        ({"id": "X"}, "id must look like namespace.name"),
    ],
)
def test_a_wrong_definition_is_refused_with_file_id_and_reason(tmp_path, change, says):
    text = GOOD.format(formula=change.get("formula", "sum(annual.revenue)"))
    for key, new in change.items():
        if key != "formula":
            old = next(line for line in text.splitlines() if line.startswith(f"{key} ="))
            text = text.replace(old, f'{key} = "{new}"')
    with pytest.raises(DefinitionError) as caught:
        load_catalogue(write(tmp_path, text))
    assert any(says in p for p in caught.value.problems), caught.value.problems


def test_an_id_declared_twice_is_refused(tmp_path):
    text = GOOD.format(formula="count(annual)")
    with pytest.raises(DefinitionError, match="declared twice"):
        load_catalogue(write(tmp_path, text + text))


def test_check_command_validates_definitions_and_figures(db):
    out = io.StringIO()
    call_command("indicators", "check", stdout=out)
    assert "OK" in out.getvalue()
