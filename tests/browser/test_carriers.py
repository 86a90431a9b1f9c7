"""A carrier operator in a real browser: files its annual statistics through the web, sees its own
evaluation; another carrier's pages answer 404. Screenshots at 1440 and 390 px go to var/screenshots."""

import datetime
from pathlib import Path

import pytest

from zerobay.accounts.models import Role
from zerobay.carriers.models import CarrierStatistics, Residency
from zerobay.registry.models import Carrier

from ..carriers.test_import import messy_workbook
from ..conftest import PASSWORD
from ..factories import EnterpriseFactory, QualificationFactory, UserFactory, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def test_an_operator_files_its_statistics_and_sees_its_evaluation(page, live_server, tmp_path, district):
    mine = Carrier.objects.create(
        name="零号湾创新孵化器",
        kind="incubator",
        focus="comprehensive",
        org_unit=district["dlhw"],
        uscc=make_uscc(),
    )
    theirs = Carrier.objects.create(
        name="紫竹孵化器", kind="incubator", org_unit=district["zizhu"], uscc=make_uscc()
    )
    for i in range(3):
        firm = EnterpriseFactory(name=f"在孵企业{i}")
        Residency.objects.create(carrier=mine, enterprise=firm, entered_on=datetime.date(2023, 1, 1))
    QualificationFactory(
        enterprise=firm, valid_from=datetime.date(2024, 5, 1), valid_to=datetime.date(2027, 4, 30)
    )
    UserFactory(username="fuhuaqi", role=Role.CARRIER_OPERATOR, carrier=mine)
    login(page, live_server, "fuhuaqi")

    page.goto(f"{live_server.url}/carriers/")
    assert "零号湾创新孵化器" in page.content() and "紫竹孵化器" not in page.content()
    page.get_by_role("link", name="零号湾创新孵化器").click()
    page.get_by_role("link", name="填报年度统计").click()
    path = messy_workbook(
        tmp_path / "2025年度统计.xlsx",
        [[1, mine.name, mine.uscc, "2,000", 1500, 3, 1, 1, 900, 1200, 300, 600, 4, 6, 3, 1]],
    )
    page.fill("input[name=year]", "2025")
    page.set_input_files("input[name=file]", str(path))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/carriers/imports/*/")
    assert page.locator("#rows-imported").inner_text() == "1"
    assert CarrierStatistics.objects.get(carrier=mine, year=2025).mentors == 4

    page.goto(f"{live_server.url}/carriers/{mine.pk}/?tab=evaluation&year=2025")
    score = page.locator("#evaluation-score").inner_text()
    assert float(score) > 0
    page.wait_for_selector("#carrier-radar-chart canvas")
    assert "物业收入占总收入比例" in page.content()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.screenshot(path=str(SHOTS / "carrier-evaluation-1440.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "carrier-evaluation-390.png"), full_page=True)

    for url in (
        f"/carriers/{theirs.pk}/",
        f"/carriers/{theirs.pk}/?tab=evaluation",
        f"/carriers/{theirs.pk}/statistics/upload/",
        f"/api/carriers/{theirs.pk}",
    ):
        assert page.goto(f"{live_server.url}{url}").status == 404, url


def test_staff_rank_the_carriers_and_re_rank_them_under_entropy_weights(page, live_server, district):
    from zerobay.statistics.models import ImportBatch

    batch = ImportBatch.objects.create(
        form="carrier_annual", year=2025, original_name="c.xlsx", file="c.xlsx"
    )
    for i, (rent, mentors) in enumerate(((90, 30), (10, 2), (50, 10))):
        carrier = Carrier.objects.create(name=f"孵化器{i + 1}号", kind="incubator", org_unit=district["dlhw"])
        for k in range(4):
            Residency.objects.create(
                carrier=carrier,
                enterprise=EnterpriseFactory(name=f"企业{i}-{k}"),
                entered_on=datetime.date(2024, 1, 1),
            )
        CarrierStatistics.objects.create(
            carrier=carrier,
            year=2025,
            batch=batch,
            source_row=3 + i,
            residents=4,
            mentors=mentors,
            events=12 * i,
            total_income=100,
            property_income=rent,
            service_income=100 - rent,
            resident_hte=i,
        )
    UserFactory(username="kewei", role=Role.DISTRICT_ADMIN)
    login(page, live_server, "kewei")
    page.goto(f"{live_server.url}/carriers/evaluation/?scheme=district-incubator&year=2025")
    assert page.locator("#carrier-ranking tbody tr").count() == 3
    page.select_option("select[name=whatif]", "entropy")
    page.get_by_role("button", name="重新排名").click()
    page.wait_for_selector("#carrier-whatif")
    assert page.locator("#carrier-whatif tbody tr").count() == 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 1000})
        page.screenshot(path=str(SHOTS / f"carrier-ranking-{width}.png"), full_page=True)
    first = Carrier.objects.get(name="孵化器1号")
    earlier = ImportBatch.objects.create(
        form="carrier_annual", year=2024, original_name="c.xlsx", file="c.xlsx"
    )
    CarrierStatistics.objects.create(
        carrier=first, year=2024, batch=earlier, source_row=3, residents=6, resident_hte=2
    )
    page.goto(f"{live_server.url}/carriers/{first.pk}/?tab=statistics")
    page.wait_for_selector("#carrier-statements-chart canvas")
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.screenshot(path=str(SHOTS / "carrier-statistics-1440.png"), full_page=True)
