"""The documents' published figures, as a user would check them against the documents: value, unit,
kind, scope, source and publication date; every figure's indicator defined; bad files rejected."""

import datetime
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import zerobay.indicators
from zerobay.indicators.published import Figure, PublishedDataError, load_published

DEFINITIONS = Path(zerobay.indicators.__file__).parent / "definitions"
MY_DEFINITIONS = ("district.toml", "dlhw.toml", "dlhw_chain.toml", "park_2026.toml", "programmes.toml")

S000, S001, S002 = "000_e00c020bf81a9b6b.txt", "001_489c000032876650.txt", "002_2592a937df914d84.txt"
S003, S004 = "003_327d7e019bdad374.txt", "004_72e03746bcad8739.txt"
DATES = {
    S002: datetime.date(2025, 2, 6),
    S000: datetime.date(2026, 2, 13),
    S001: datetime.date(2026, 2, 13),
    S003: datetime.date(2025, 3, 7),
    S004: datetime.date(2025, 12, 10),
}


@pytest.fixture(scope="module")
def published():
    return load_published()


@pytest.fixture(scope="module")
def figures(published):
    return published[1]


def one(figures: list[Figure], indicator: str, scope: str, year: int, kind: str, source: str) -> Figure:
    found = [
        f
        for f in figures
        if (f.indicator, f.scope, f.year, f.kind, f.source) == (indicator, scope, year, kind, source)
    ]
    assert len(found) == 1, f"{indicator} {scope} {year} {kind} {source}: {len(found)} figures"
    return found[0]


def check(figure: Figure, value: str | None, unit: str, qualifier: str = "", growth: str | None = None):
    assert figure.value == (None if value is None else Decimal(value)), figure
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.growth == (None if growth is None else Decimal(growth))
    assert figure.published == DATES[figure.source]
    assert figure.location


# --- documents ----------------------------------------------------------------------------------------


def test_the_five_documents_with_their_titles_and_publication_dates(published):
    documents = {d.file: d for d in published[0]}
    assert {f: d.published for f, d in documents.items()} == DATES
    assert documents[S002].title == "闵行区科学技术委员会2024年工作总结"
    assert documents[S000].title == "闵行区科学技术委员会2025年工作总结"
    assert documents[S001].title == "闵行区科学技术委员会2026年工作要点"
    assert documents[S003].title == "张江高新区闵行园区改革创新发展行动方案（2025-2026年）"
    assert documents[S004].title == "“大零号湾”科技创新策源功能区产业规划（2025-2035年）"


def test_every_figure_carries_the_date_of_its_document(figures):
    assert len(figures) > 150
    for f in figures:
        assert f.published == DATES[f.source], f


# --- the district's figures (002, 000, 001) ------------------------------------------------------------


def test_technology_contract_value_from_every_source(figures):
    ind = "district.tech_contract_value"
    check(one(figures, ind, "MH", 2024, "actual", S002), "367.58", "亿元", growth="9.06")
    check(one(figures, ind, "MH", 2025, "actual", S000), "553.13", "亿元", growth="9.47")
    table1 = one(figures, ind, "MH", 2024, "actual", S004)
    check(table1, "505.3", "亿元")
    assert table1.location == "表1 第5行"
    assert "全区" in table1.note
    check(one(figures, ind, "MH", 2025, "plan", S004), "540", "亿元")
    check(one(figures, ind, "MH", 2026, "target", S001), "586", "亿元", "at_least")


def test_rd_expenditure_and_its_share_of_gdp(figures):
    check(one(figures, "district.rd_expenditure", "MH", 2024, "actual", S002), "266.18", "亿元")
    check(one(figures, "district.rd_intensity", "MH", 2024, "actual", S002), "8.87", "%")
    check(one(figures, "district.rd_expenditure", "MH", 2024, "actual", S000), "307.81", "亿元")
    check(one(figures, "district.rd_intensity", "MH", 2024, "actual", S000), "7.47", "%")
    check(one(figures, "district.rd_intensity", "MH", 2026, "target", S001), "8", "%", "about")


def test_high_tech_enterprises_of_the_district(figures):
    check(one(figures, "park.hte_valid", "MH", 2024, "actual", S002), "3668", "家", "more_than")
    check(one(figures, "district.hte_recognised", "MH", 2025, "actual", S000), "1239", "家")
    check(one(figures, "district.hte_applications", "MH", 2025, "actual", S000), "1332", "家", growth="22.4")
    check(one(figures, "district.hte_verified", "MH", 2025, "actual", S000), "542", "家")
    check(one(figures, "district.hte_torch_reports", "MH", 2025, "actual", S000), "2711", "家")


def test_biomedicine_output_and_its_2026_target(figures):
    ind = "district.biomed_output"
    check(one(figures, ind, "MH", 2024, "actual", S002), "300", "亿元", "more_than")
    check(one(figures, ind, "MH", 2025, "actual", S000), "292.36", "亿元")
    check(one(figures, ind, "MH", 2026, "target", S001), "300", "亿元", "more_than", growth="6")
    check(one(figures, "district.biomed_above_scale", "MH", 2024, "actual", S002), "97", "家")
    check(one(figures, "district.biomed_above_scale", "MH", 2025, "actual", S000), "105", "家")


def test_st_services_revenue_and_the_growth_only_target(figures):
    ind = "district.tech_services_revenue"
    check(one(figures, ind, "MH", 2024, "actual", S002), "437.43", "亿元")
    assert "1-11月" in one(figures, ind, "MH", 2024, "actual", S002).note
    check(one(figures, ind, "MH", 2025, "actual", S000), "500", "亿元", "more_than", growth="10")
    check(one(figures, ind, "MH", 2026, "target", S001), None, "亿元", growth="15")
    check(one(figures, ind, "MH", 2024, "actual", S004), "437.43", "亿元")
    check(one(figures, ind, "MH", 2025, "plan", S004), "490", "亿元")
    check(one(figures, ind, "MH", 2030, "target", S004), "600", "亿元")


def test_workstations_instruments_and_conversion_projects(figures):
    check(one(figures, "district.academician_expert_workstations", "MH", 2024, "actual", S002), "115", "家")
    check(one(figures, "district.academician_workstations", "MH", 2024, "actual", S002), "8", "家")
    check(one(figures, "district.academician_expert_workstations", "MH", 2025, "actual", S000), "123", "家")
    check(one(figures, "district.shared_instruments", "MH", 2024, "actual", S002), "2949", "台")
    check(one(figures, "district.shared_instruments", "MH", 2025, "actual", S000), "4071", "台")
    check(one(figures, "district.tech_conversion_new", "MH", 2024, "actual", S002), "116", "项")
    check(one(figures, "district.tech_conversion_valid", "MH", 2024, "actual", S002), "404", "项")
    check(one(figures, "district.tech_conversion_new", "MH", 2025, "actual", S000), "108", "项")
    check(one(figures, "district.tech_conversion_valid", "MH", 2025, "actual", S000), "376", "项")
    check(one(figures, "district.tech_conversion_new", "MH", 2026, "target", S001), "80", "项", "at_least")
    check(one(figures, "district.tech_conversion_valid", "MH", 2026, "target", S001), "320", "项", "at_least")


def test_money_in_wan_yuan_where_the_documents_say_wan(figures):
    check(one(figures, "district.startup_support_amount", "MH", 2024, "actual", S002), "1405", "万元")
    check(one(figures, "district.startup_support_amount", "MH", 2025, "actual", S000), "1650", "万元")
    check(one(figures, "district.eldertech_policy_disbursed", "MH", 2025, "actual", S000), "2367.67", "万元")
    check(one(figures, "dlhw.policy_funds_disbursed", "DLHW", 2025, "actual", S000), "7.9", "亿元")


def test_greater_zero_bay_counts_of_the_2025_summary(figures):
    check(one(figures, "park.hte_valid", "DLHW", 2025, "actual", S000), "700", "家", "about")
    check(one(figures, "park.srdi_valid", "DLHW", 2025, "actual", S000), "301", "家")
    # 科技小巨人 is Shanghai's tech little giant, not the national 专精特新“小巨人”
    check(one(figures, "park.sh_tech_giant_valid", "DLHW", 2025, "actual", S000), "94", "家")
    assert not [f for f in figures if f.indicator == "park.little_giant_valid" and f.source == S000]
    check(one(figures, "park.listed", "DLHW", 2025, "actual", S000), "10", "家")
    check(one(figures, "dlhw.enterprises", "DLHW", 2025, "actual", S000), "13000", "家", "more_than")
    check(
        one(figures, "dlhw.regional_industry_scale", "DLHW", 2025, "actual", S000),
        "1015.31",
        "亿元",
        growth="12.5",
    )


def test_torch_statistics_and_the_programme_funnels(figures):
    check(one(figures, "torch.enterprises", "ZJMH", 2025, "actual", S000), "1970", "家")
    for ind, value in [
        ("district.challenge_demands", "196"),
        ("district.challenge_solutions", "119"),
        ("district.challenge_events", "11"),
        ("district.challenge_intents", "7"),
        ("district.challenge_contracts", "11"),
    ]:
        assert one(figures, ind, "MH", 2025, "actual", S000).value == Decimal(value), ind
    for ind, value in [
        ("park.zj_fund_applications", "444"),
        ("park.zj_fund_recommended", "377"),
        ("park.zj_fund_approved", "351"),
        ("park.zj_fund_amount", "2.76"),
    ]:
        assert one(figures, ind, "ZJMH", 2025, "actual", S000).value == Decimal(value), ind
    for ind, value in [
        ("dlhw.policy_clauses_online", "46"),
        ("dlhw.policy_applications", "391"),
        ("dlhw.policy_projects_approved", "184"),
    ]:
        assert one(figures, ind, "DLHW", 2025, "actual", S000).value == Decimal(value), ind


# --- 004 Table 1 and Table 2 ---------------------------------------------------------------------------

TABLE1 = [
    # indicator, scope, year, kind, value, unit
    ("dlhw.major_research_facilities", "DLHW", 2025, "plan", "5", "家"),
    ("dlhw.major_research_facilities", "DLHW", 2030, "target", "8", "家"),
    ("dlhw.incubators_makerspaces", "DLHW", 2025, "plan", "9", "家"),
    ("dlhw.incubators_makerspaces", "DLHW", 2030, "target", "10", "家"),
    ("dlhw.new_rd_institutions", "DLHW", 2024, "actual", "98", "家"),
    ("dlhw.new_rd_institutions", "DLHW", 2030, "target", "120", "家"),
    ("dlhw.innovation_platforms", "DLHW", 2024, "actual", "262", "家"),
    ("dlhw.innovation_platforms", "DLHW", 2025, "plan", "268", "家"),
    ("dlhw.innovation_platforms", "DLHW", 2030, "target", "300", "家"),
    ("district.tech_contract_value", "MH", 2024, "actual", "505.3", "亿元"),
    ("district.tech_contract_value", "MH", 2025, "plan", "540", "亿元"),
    ("district.tech_services_revenue", "MH", 2024, "actual", "437.43", "亿元"),
    ("district.tech_services_revenue", "MH", 2025, "plan", "490", "亿元"),
    ("district.tech_services_revenue", "MH", 2030, "target", "600", "亿元"),
    ("park.hte_valid", "DLHW", 2024, "actual", "706", "家"),
    ("park.hte_valid", "DLHW", 2030, "target", "1200", "家"),
    ("dlhw.valued_enterprises", "DLHW", 2024, "actual", "181", "家"),
    ("dlhw.valued_enterprises", "DLHW", 2030, "target", "300", "家"),
    ("park.listed", "DLHW", 2024, "actual", "10", "家"),
    ("park.listed", "DLHW", 2030, "target", "15", "家"),
    ("dlhw.future_industry_scale", "DLHW", 2030, "target", "230", "亿元"),
    ("park.little_giant_valid", "DLHW", 2024, "actual", "15", "家"),
    ("park.little_giant_valid", "DLHW", 2030, "target", "28", "家"),
    ("park.srdi_valid", "DLHW", 2025, "plan", "248", "家"),
    ("park.srdi_valid", "DLHW", 2030, "target", "350", "家"),
    ("dlhw.carrier_space", "DLHW", 2025, "plan", "200", "万m²"),
    ("dlhw.carrier_space", "DLHW", 2030, "target", "230", "万m²"),
    ("dlhw.leading_talents", "DLHW", 2025, "plan", "1600", "人"),
    ("dlhw.leading_talents", "DLHW", 2030, "target", "1700", "人"),
    ("dlhw.land_utilization", "DLHW", 2030, "plan", "40", "%"),
    ("dlhw.land_utilization", "DLHW", 2035, "target", "100", "%"),
]


@pytest.mark.parametrize(("indicator", "scope", "year", "kind", "value", "unit"), TABLE1)
def test_table1_rows_of_the_industry_plan(figures, indicator, scope, year, kind, value, unit):
    figure = one(figures, indicator, scope, year, kind, S004)
    check(figure, value, unit)
    assert figure.location.startswith("表1 第")


def test_table1_has_no_2030_figure_for_technology_contracts(figures):
    """“依据全市目标确定” is not a number: no 2030 figure is invented."""
    assert not [f for f in figures if f.indicator == "district.tech_contract_value" and f.year == 2030]


TABLE2 = [
    # indicator, 2024 base, 2030 target, CAGR, 2035 target
    ("dlhw.industry_scale.aero", "51", "101", "12.00", "209"),
    ("dlhw.industry_scale.life", "36", "70", "11.50", "150"),
    ("dlhw.industry_scale.intelligent", "280", "568", "12.50", "1194"),
    ("dlhw.industry_scale.energy", "55", "109", "12.00", "229"),
    ("dlhw.industry_scale.total", "423.28", "899", "12.9", "1861"),
]


@pytest.mark.parametrize(("indicator", "base", "target2030", "cagr", "target2035"), TABLE2)
def test_table2_rows_with_base_targets_and_cagr(figures, indicator, base, target2030, cagr, target2035):
    check(one(figures, indicator, "DLHW", 2024, "actual", S004), base, "亿元")
    t2030 = one(figures, indicator, "DLHW", 2030, "target", S004)
    check(t2030, target2030, "亿元")
    assert (t2030.cagr, t2030.cagr_from) == (Decimal(cagr), 2024)
    check(one(figures, indicator, "DLHW", 2035, "target", S004), target2035, "亿元")


def test_table2_ocean_engineering_is_about_and_has_no_base(figures):
    ind = "dlhw.industry_scale.ocean"
    check(one(figures, ind, "DLHW", 2030, "target", S004), "50", "亿元", "about")
    check(one(figures, ind, "DLHW", 2035, "target", S004), "80", "亿元", "about")
    assert not [f for f in figures if f.indicator == ind and f.year == 2024]


# --- 003: the park's 2026 targets ----------------------------------------------------------------------

PARK_2026 = [
    ("park.rd_intensity", "6.8", "%"),
    ("park.hte_valid", "1550", "家"),
    ("park.unicorn_hidden_champion", "8", "家"),
    ("park.pct_applications", "200", "件"),
    ("park.sei_industrial_output", "1380", "亿元"),
    ("park.leading_industries_scale", "675", "亿元"),
    ("park.labor_productivity", "53.3", "万元/人"),
    ("park.hq_incubators", "2", "家"),
    ("park.leading_industries_talent", "3.4", "万人"),
    ("park.fund_scale", "350", "亿元"),
]


@pytest.mark.parametrize(("indicator", "value", "unit"), PARK_2026)
def test_park_2026_targets_of_the_action_plan(figures, indicator, value, unit):
    check(one(figures, indicator, "ZJMH", 2026, "target", S003), value, unit)


def test_001_targets_for_greater_zero_bay(figures):
    check(one(figures, "dlhw.hq_conversion_projects", "DLHW", 2026, "target", S001), "20", "个", "at_least")
    check(one(figures, "dlhw.new_tech_enterprises", "DLHW", 2026, "target", S001), "200", "家")
    check(one(figures, "district.open_innovation_centres", "MH", 2026, "target", S001), "10", "家")


# --- definitions and categories ------------------------------------------------------------------------


def _definitions() -> dict[str, dict]:
    indicators = {}
    for path in sorted(DEFINITIONS.glob("*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", []):
            assert entry["id"] not in indicators, f"{entry['id']} declared twice"
            indicators[entry["id"]] = entry | {"file": path.name}
    return indicators


def test_every_figure_has_a_defined_indicator_with_the_same_unit(figures):
    indicators = _definitions()
    for f in figures:
        assert f.indicator in indicators, f"{f.indicator} is not defined in definitions/*.toml"
        assert indicators[f.indicator]["unit"] == f.unit, f


def test_published_only_definitions_are_complete_and_have_no_formula():
    for name in MY_DEFINITIONS:
        entries = tomllib.loads((DEFINITIONS / name).read_text(encoding="utf-8"))["indicator"]
        assert entries, name
        for entry in entries:
            assert "formula" not in entry and "periods" not in entry, entry["id"]
            for key in ("id", "name", "name_en", "unit", "category", "direction", "scope"):
                assert str(entry.get(key, "")).strip(), f"{name}: {entry.get('id')}: {key}"
            assert entry["direction"] in ("higher", "lower")
            assert entry["scope"] in ("MH", "ZJMH", "DLHW")
            assert entry["id"] == entry["id"].lower()


def test_every_category_used_is_declared():
    data = tomllib.loads((DEFINITIONS / "categories.toml").read_text(encoding="utf-8"))
    declared = {c["name"]: c for c in data["category"]}
    for c in declared.values():
        assert c["name_en"] and c["group"] and isinstance(c["sort"], int)
        assert c["source"] == "" or c["source"].endswith(".txt")
    used = {entry["category"] for entry in _definitions().values()}
    assert used <= set(declared), used - set(declared)
    assert {"火炬统计", "创新策源", "主导产业", "融合创新", "产业规模"} <= used


def test_notes_and_locations_are_short_pointers_not_document_text(figures):
    for f in figures:
        assert len(f.location) <= 12, f
        assert len(f.note) <= 40, f


# --- rejecting bad files -------------------------------------------------------------------------------

GOOD = {
    "about": "test",
    "documents": [{"file": "a.txt", "title": "A", "published": "2025-02-06"}],
    "figures": [
        {"indicator": "x.one", "scope": "MH", "year": 2024, "kind": "actual", "value": "1.5", "unit": "亿元",
         "source": "a.txt", "location": "一"},
        {"indicator": "x.two", "scope": "MH", "year": 2026, "kind": "target", "value": "12", "unit": "%",
         "source": "a.txt", "location": "二", "qualifier": "about", "growth": "-3.5"},
    ],
}  # fmt: skip


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_good_file_loads_with_dates_from_its_documents(tmp_path):
    documents, figures = load_published(write(tmp_path, GOOD))
    assert documents[0].published == datetime.date(2025, 2, 6)
    assert figures[1].published == datetime.date(2025, 2, 6)
    assert figures[1].growth == Decimal("-3.5") and figures[1].qualifier == "about"


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("kind", "forecast"),
        ("value", "1,200"),
        ("value", 12.5),
        ("value", "12%"),
        ("year", "2026"),
        ("year", True),
        ("unit", ""),
        ("source", "z.txt"),
        ("qualifier", "approx"),
        ("indicator", "Bad Id"),
        ("scope", "mh"),
        ("growth", "ten"),
        ("grwoth", "10"),
    ],
)
def test_a_bad_entry_is_rejected_naming_index_key_and_value(tmp_path, key, bad):
    data = json.loads(json.dumps(GOOD))
    data["figures"][1][key] = bad
    with pytest.raises(PublishedDataError) as caught:
        load_published(write(tmp_path, data))
    message = str(caught.value)
    assert "figures[1]" in message and key in message and repr(bad) in message, message


def test_a_null_value_needs_a_stated_growth(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["figures"][0]["value"] = None
    with pytest.raises(PublishedDataError, match=r"figures\[0\]: value: .*growth"):
        load_published(write(tmp_path, data))
    data["figures"][0]["growth"] = "15"
    assert load_published(write(tmp_path, data))[1][0].value is None


def test_cagr_needs_its_base_year_before_the_figure(tmp_path):
    data = json.loads(json.dumps(GOOD))
    data["figures"][1]["cagr"] = "12.00"
    with pytest.raises(PublishedDataError, match=r"figures\[1\]: cagr_from"):
        load_published(write(tmp_path, data))
    data["figures"][1]["cagr_from"] = 2026
    with pytest.raises(PublishedDataError, match=r"figures\[1\]: cagr_from: .*2026"):
        load_published(write(tmp_path, data))
    data["figures"][1]["cagr_from"] = 2024
    assert load_published(write(tmp_path, data))[1][1].cagr == Decimal("12.00")


def test_a_missing_key_a_duplicate_and_a_bad_date_are_rejected(tmp_path):
    data = json.loads(json.dumps(GOOD))
    del data["figures"][1]["unit"]
    with pytest.raises(PublishedDataError, match=r"figures\[1\]: unit: missing"):
        load_published(write(tmp_path, data))
    data = json.loads(json.dumps(GOOD))
    data["figures"].append(dict(data["figures"][0]))
    with pytest.raises(PublishedDataError, match=r"figures\[2\]: indicator: same place as figures\[0\]"):
        load_published(write(tmp_path, data))
    data = json.loads(json.dumps(GOOD))
    data["documents"][0]["published"] = "2025-02-30"
    with pytest.raises(PublishedDataError, match=r"documents\[0\]: published: .*'2025-02-30'"):
        load_published(write(tmp_path, data))
