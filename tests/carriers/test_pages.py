"""Carrier pages and exports: who sees what. A carrier operator sees its own carrier only (404 for
another's, whatever the page); staff see the carriers of their scope; the district sees all."""

import datetime
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.carriers.models import CarrierStatistics
from zerobay.statistics.models import ImportBatch

from ..factories import EnterpriseFactory, QualificationFactory
from .conftest import CarrierFactory, ResidencyFactory
from .test_import import messy_workbook

pytestmark = pytest.mark.django_db
TABS = ("overview", "statistics", "residents", "evaluation")


def rows_of(response):
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def filed(carriers, tmp_path):
    """Both carriers filed 2024 statistics; the first has two residents, one of them an HTE."""
    mine, other = carriers
    batch = ImportBatch.objects.create(
        form="carrier_annual", year=2024, original_name="c.xlsx", file="c.xlsx"
    )
    for c in carriers:
        CarrierStatistics.objects.create(
            carrier=c,
            year=2024,
            batch=batch,
            source_row=5,
            residents=2,
            resident_hte=2,
            mentors=3,
            total_income=100,
            property_income=40,
        )
    hte = EnterpriseFactory(name="在孵高企甲")
    ResidencyFactory(carrier=mine, enterprise=hte, entered_on=datetime.date(2022, 1, 1))
    ResidencyFactory(
        carrier=mine, enterprise=EnterpriseFactory(name="在孵企业乙"), entered_on=datetime.date(2023, 1, 1)
    )
    QualificationFactory(
        enterprise=hte, valid_from=datetime.date(2023, 12, 1), valid_to=datetime.date(2026, 11, 30)
    )
    return mine, other


def test_a_carrier_operator_sees_its_carrier_and_404_for_the_other(client, carrier_operator, filed):
    mine, other = filed
    client.force_login(carrier_operator)
    page = client.get(reverse("carrier-list")).content.decode()
    assert mine.name in page and other.name not in page
    assert {r[0] for r in rows_of(client.get(reverse("carrier-list"), {"format": "xlsx"}))[1:]} == {mine.name}
    for tab in TABS:
        assert (
            client.get(reverse("carrier-detail", args=[mine.pk]), {"tab": tab, "year": 2024}).status_code
            == 200
        )
        assert client.get(reverse("carrier-detail", args=[other.pk]), {"tab": tab}).status_code == 404
    assert client.get(reverse("carrier-statistics-upload", args=[other.pk])).status_code == 404
    assert client.get(reverse("carrier-statistics-upload", args=[mine.pk])).status_code == 200
    # The ranking page sends the operator to its own evaluation.
    response = client.get(reverse("carrier-evaluation"))
    assert response.status_code == 302 and response.url.startswith(reverse("carrier-detail", args=[mine.pk]))


def test_the_detail_shows_graduation_statements_flags_and_the_evaluation(client, admin_user, filed):
    mine, _other = filed
    client.force_login(admin_user)
    page = client.get(
        reverse("carrier-detail", args=[mine.pk]), {"tab": "residents", "year": 2024}
    ).content.decode()
    assert "在孵高企甲" in page and "2023-12-01" in page and "成为高新技术企业" in page
    page = client.get(reverse("carrier-detail", args=[mine.pk]), {"tab": "statistics"}).content.decode()
    assert "badge-red" in page  # 2 HTEs stated, 1 verified
    page = client.get(
        reverse("carrier-detail", args=[mine.pk]), {"tab": "evaluation", "year": 2024}
    ).content.decode()
    assert "carrier-radar-data" in page and "物业收入占总收入比例" in page


def test_staff_see_their_scope_and_the_district_sees_all(client, operator, admin_user, filed):
    mine, other = filed  # mine in 大零号湾, other in 紫竹
    client.force_login(operator)
    assert client.get(reverse("carrier-detail", args=[other.pk])).status_code == 404
    page = client.get(
        reverse("carrier-evaluation"), {"scheme": "district-incubator", "year": 2024}
    ).content.decode()
    assert mine.name in page and other.name not in page
    rows = rows_of(
        client.get(
            reverse("carrier-evaluation"), {"scheme": "district-incubator", "year": 2024, "format": "xlsx"}
        )
    )
    assert [r[1] for r in rows[1:]] == [mine.name]
    client.force_login(admin_user)
    page = client.get(reverse("carrier-evaluation"), {"scheme": "maker-space", "year": 2024}).content.decode()
    assert other.name in page
    assert client.get(reverse("carrier-detail", args=[other.pk])).status_code == 200


def test_filing_through_the_web_is_scoped_to_the_operators_carrier(client, carrier_operator, filed, tmp_path):
    mine, other = filed
    client.force_login(carrier_operator)
    rows = [
        [1, mine.name, mine.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
        [2, other.name, other.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0],
    ]
    path = messy_workbook(tmp_path / "mine.xlsx", rows)
    with open(path, "rb") as fh:
        response = client.post(
            reverse("carrier-statistics-upload", args=[mine.pk]),
            {"year": 2025, "file": fh, "skip_invalid": "on"},
        )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "不是本账号运营的载体" in page
    assert CarrierStatistics.objects.filter(year=2025).count() == 1
    assert CarrierStatistics.objects.get(year=2025).carrier == mine
    batch = ImportBatch.objects.get(year=2025)
    # Another operator cannot open this import.
    client.force_login(other.users.first() or _other_operator(other))
    assert client.get(reverse("carrier-import", args=[batch.pk])).status_code == 404


def _other_operator(carrier):
    from zerobay.accounts.models import Role

    from ..factories import UserFactory

    return UserFactory(username="cop-x", role=Role.CARRIER_OPERATOR, carrier=carrier)


def test_roles_without_a_carrier_see_none(client, filed):
    from zerobay.accounts.models import Role

    from ..factories import UserFactory

    for role in (Role.ENTERPRISE, Role.NONE, Role.CARRIER_OPERATOR):
        client.force_login(UserFactory(username=f"u-{role}", role=role))
        assert client.get(reverse("carrier-detail", args=[filed[0].pk])).status_code == 404
        assert filed[0].name not in client.get(reverse("carrier-list")).content.decode()


def test_what_if_on_the_ranking_page_highlights_rank_changes(client, admin_user, filed):
    mine, _other = filed
    second = CarrierFactory(name="另一孵化器", org_unit=mine.org_unit)
    batch = ImportBatch.objects.get()
    CarrierStatistics.objects.create(
        carrier=second, year=2024, batch=batch, source_row=6, residents=1, total_income=100, property_income=0
    )
    client.force_login(admin_user)
    query = {"scheme": "district-incubator", "year": 2024}
    page = client.get(reverse("carrier-evaluation"), query).content.decode()
    ranking = page[page.index('id="carrier-ranking"') :]
    assert ranking.index(mine.name) < ranking.index("另一孵化器")
    page = client.get(
        reverse("carrier-evaluation"), {**query, "whatif": "edited", "w_rent_share": 500}
    ).content.decode()
    table = page[page.index('id="carrier-whatif"') :]
    assert table.index("另一孵化器") < table.index(mine.name) and "↑ 1" in table and "↓ 1" in table
    page = client.get(reverse("carrier-evaluation"), {**query, "whatif": "entropy"}).content.decode()
    assert 'id="carrier-whatif"' in page


def test_the_statistics_import_pages_show_a_carrier_batch(client, admin_user, carriers, tmp_path):
    """The carrier forms are forms of the one pipeline: staff see their batches among the imports."""
    mine = carriers[0]
    row = [1, mine.name, mine.uscc, 100, 80, 5, 1, 1, 10, 20, 5, 5, 1, 1, 1, 0]
    from ..statistics.helpers import run_import

    status, report = run_import(
        messy_workbook(tmp_path / "c.xlsx", [row]), form="carrier-annual", period=("--year", "2025")
    )
    assert status == 0
    client.force_login(admin_user)
    batch = ImportBatch.objects.get(form="carrier_annual")
    page = client.get(reverse("import-detail", args=[batch.pk])).content.decode()
    assert "载体年度统计" in page
    assert "载体年度统计" in client.get(reverse("import-list")).content.decode()
    assert client.get(reverse("carrier-import", args=[batch.pk])).status_code == 200
