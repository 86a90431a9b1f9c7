"""The synthetic panel: deterministic, valid identifiers, calibrated to the published counts,
consistent figures. Plain Python: no database."""

import dataclasses
import datetime

import pytest
from stdnum.cn import uscc

from zerobay.data import read
from zerobay.demo.generator import AnnualFigures, generate_panel
from zerobay.statistics.reportforms import TORCH_ANNUAL

YEARS = [2023, 2024, 2025]
END_2025 = datetime.date(2025, 12, 31)
END_2024 = datetime.date(2024, 12, 31)


@pytest.fixture(scope="module")
def panel():
    """The default demo size: one enterprise per Torch annual report of the park (1,970)."""
    return generate_panel(1970, YEARS)


def test_same_seed_same_panel_other_seed_other_panel():
    a, b = generate_panel(80, YEARS, seed=7), generate_panel(80, YEARS, seed=7)
    a.fill_monthly()
    b.fill_monthly()
    assert a == b
    assert a.enterprises[0].monthly_revenue_ytd  # the comparison covered the monthly figures
    assert generate_panel(80, YEARS, seed=8) != a


def test_usccs_are_valid_unique_minhang_codes(panel):
    codes = [e.uscc for e in panel.enterprises]
    assert len(set(codes)) == len(codes) == 1970
    assert all(uscc.is_valid(c) and c[2:8] == "310112" for c in codes)


def test_names_are_unique_shanghai_companies(panel):
    names = [e.name for e in panel.enterprises]
    assert len(set(names)) == len(names)
    assert all(n.startswith("上海") and n.endswith("有限公司") for n in names)
    listed = [e for e in panel.enterprises if any(q.kind == "listed" for q in e.qualifications)]
    assert listed and all(e.name.endswith("股份有限公司") for e in listed)


def test_greater_zero_bay_matches_the_published_counts(panel):
    count = panel.count
    assert count("hte", END_2025, "DLHW") == 700  # 000: 近700 (2025)
    assert count("hte", END_2024, "DLHW") == 706  # 004 Table 1 (2024)
    assert count("srdi", END_2025, "DLHW") == 301
    assert count("sh_tech_giant", END_2025, "DLHW") == 94
    assert count("listed", END_2025, "DLHW") == 10
    assert count("listed", END_2024, "DLHW") == 10
    assert count("little_giant", END_2024, "DLHW") == 15
    # Other sub-parks hold fewer, and the park stays below the district's 2,711 HTE reports.
    assert 0 < count("hte", END_2025) - 700 < 2711 - 700


def test_greater_zero_bay_is_the_largest_subpark_and_every_subpark_is_used(panel):
    sizes = {}
    for e in panel.enterprises:
        sizes[e.subpark] = sizes.get(e.subpark, 0) + 1
    subparks = {u["code"] for u in read("org_units")["units"] if u["kind"] == "subpark"}
    assert set(sizes) == subparks
    assert max(sizes, key=sizes.get) == "DLHW"
    blocks = {e.org_unit for e in panel.enterprises if e.subpark == "DLHW"}
    assert {"DLHW", "DLHW-XYY", "DLHW-YJL"} <= blocks


def test_tracks_come_from_the_plan_taxonomy(panel):
    nodes = read("industries")["nodes"]
    tracks = {n["code"] for n in nodes if n["level"] == "track"}
    classes = {n["code"] for n in nodes if n["scheme"] == "park_class"}
    assert all(1 <= len(e.tracks) <= 2 and set(e.tracks) <= tracks for e in panel.enterprises)
    assert all(e.park_classes and set(e.park_classes) <= classes for e in panel.enterprises)
    assert {t for e in panel.enterprises for t in e.tracks} == tracks


def test_certificates_are_plausible(panel):
    for e in panel.enterprises:
        for q in e.qualifications:
            if q.kind == "hte":
                assert q.valid_to == q.valid_from.replace(year=q.valid_from.year + 3) - datetime.timedelta(
                    days=1
                )
                assert q.valid_from.year > e.founded.year  # registered a year before applying
    numbers = [(q.kind, q.certificate_no) for e in panel.enterprises for q in e.qualifications]
    assert len(set(numbers)) == len(numbers)


def test_figures_cover_every_annual_field_and_are_consistent(panel):
    keys = {f.name for f in dataclasses.fields(AnnualFigures)}
    assert keys == {f.key for f in TORCH_ANNUAL.value_fields}
    for e in panel.enterprises:
        assert set(e.annual) == {y for y in YEARS if y >= e.founded.year}
        for a in e.annual.values():
            assert a.invention_applications <= a.patent_applications
            assert a.pct_applications <= a.patent_applications
            assert a.rd_staff <= a.employees and a.st_staff <= a.employees
            assert a.hightech_revenue <= a.revenue
            assert a.rd_expenditure <= a.revenue and a.net_profit <= a.revenue
            assert all(getattr(a, k) >= 0 for k in keys if k != "net_profit")
            assert a.revenue % 1000 == 0  # whole 千元, as the forms report


def test_revenue_grows_and_hte_rd_intensity_is_around_six_percent(panel):
    total = {y: sum(e.annual[y].revenue for e in panel.enterprises if y in e.annual) for y in YEARS}
    assert total[2023] < total[2024] < total[2025]
    htes = [e.annual[2025] for e in panel.enterprises if e.qualified("hte", END_2025)]
    intensity = sum(a.rd_expenditure for a in htes) / sum(a.revenue for a in htes)
    assert 0.05 <= intensity <= 0.07


def test_monthly_figures_accumulate_to_the_annual_revenue(panel):
    panel.fill_monthly()
    reporting = 0
    for e in panel.enterprises:
        values = [v for v in e.monthly_revenue_ytd if v is not None]
        assert values == sorted(values)
        if e.monthly_revenue_ytd[11] is not None:
            assert e.monthly_revenue_ytd[11] == e.annual[2025].revenue
            reporting += 1
    assert reporting > 0.9 * len(panel.enterprises)
    assert sum(1 for _ in panel.monthly_rows(10)) > 0.9 * len(panel.enterprises)
