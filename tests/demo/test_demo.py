"""`zerobay demo --no-serve`: the demo district loads through the import pipeline, the demo
accounts work, and running it again changes nothing."""

import socket
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest  # django-axes needs the request of a login

from zerobay.accounts.models import Role, User
from zerobay.registry.access import visible_enterprises
from zerobay.registry.models import Enterprise, OrgUnit
from zerobay.statistics.models import AnnualReport, ImportBatch, MonthlyReport

SIZE = 60


@pytest.fixture
def demo(tmp_path):
    def run(*args) -> str:
        out = StringIO()
        options = ("--no-serve", "--skip-migrate", "--enterprises", str(SIZE), "--out", str(tmp_path))
        call_command("demo", *options, *args, stdout=out)
        return out.getvalue()

    return run


def state() -> dict:
    return {
        "enterprises": Enterprise.objects.count(),
        "batches": ImportBatch.objects.count(),
        "annual": AnnualReport.objects.count(),
        "monthly": MonthlyReport.objects.count(),
        "users": User.objects.count(),
    }


@pytest.mark.django_db
def test_demo_loads_the_district_through_the_import_pipeline(demo, client, tmp_path):
    output = demo()
    assert "演示账号" in output and "zerobay-demo" in output
    assert (tmp_path / "torch_annual_2025.xlsx").exists()

    # Enterprises sit in the sub-parks, 大零号湾 holding the most.
    subparks = OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK)
    sizes = {s.code: Enterprise.objects.filter(org_path__startswith=s.path).count() for s in subparks}
    assert sum(sizes.values()) == Enterprise.objects.count() == SIZE
    assert max(sizes, key=sizes.get) == "DLHW"
    assert sum(1 for n in sizes.values() if n) >= 10
    assert not Enterprise.objects.filter(org_unit=None).exists()
    dlhw = Enterprise.objects.filter(org_path__startswith="MH/ZJMH/DLHW/")
    assert dlhw.filter(qualifications__kind="hte").exists() and dlhw.filter(industries__isnull=False).exists()

    # Every workbook went through the pipeline and was imported without an error.
    # (The apps' own demos import further workbooks on top of the panel's Torch workbooks.)
    batches = ImportBatch.objects.all()
    assert batches.filter(original_name__startswith="torch_").count() == 3 + 10
    assert {(b.form, b.year, b.month) for b in batches} >= {
        ("torch_annual", 2023, None),
        ("torch_monthly", 2025, 10),
    }
    assert all(b.channel == ImportBatch.Channel.DEMO for b in batches)
    assert all(b.status == ImportBatch.Status.IMPORTED and b.error_count == 0 for b in batches)
    for year in (2023, 2024, 2025):
        assert AnnualReport.objects.filter(year=year).exists()
    panel_months = MonthlyReport.objects.filter(batch__original_name__startswith="torch_")
    assert set(panel_months.values_list("month", flat=True).distinct()) == set(range(1, 11))

    # The demo accounts: the operator sees 大零号湾 only.
    admin, operator, viewer = (User.objects.get(username=u) for u in ("admin", "dlhw", "viewer"))
    assert admin.is_superuser and admin.is_staff and admin.role == Role.DISTRICT_ADMIN
    assert operator.role == Role.OPERATOR and operator.org_unit.code == "DLHW"
    assert viewer.role == Role.VIEWER and not viewer.can_import
    assert visible_enterprises(operator).count() == dlhw.count() < SIZE
    assert visible_enterprises(viewer).count() == SIZE
    assert client.login(username="dlhw", password="zerobay-demo", request=HttpRequest())


@pytest.mark.django_db
def test_running_again_duplicates_nothing_and_resets_passwords(demo, client):
    demo()
    before = state()
    operator = User.objects.get(username="dlhw")
    operator.set_password("changed-by-someone")
    operator.org_unit = None
    operator.save()

    output = demo()
    assert "跳过演示数据载入" in output
    assert state() == before
    assert User.objects.get(username="dlhw").org_unit.code == "DLHW"
    assert client.login(username="dlhw", password="zerobay-demo", request=HttpRequest())


@pytest.mark.django_db
def test_reset_loads_the_demo_afresh(demo):
    demo()
    before = state()
    first_batches = set(ImportBatch.objects.values_list("pk", flat=True))
    output = demo("--reset")
    assert "已清除演示数据" in output
    assert state() == before
    assert not first_batches & set(ImportBatch.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_serving_on_a_busy_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CommandError, match="无法在 127.0.0.1"):
            call_command(
                "demo",
                *("--skip-migrate", "--enterprises", "5", "--out", str(tmp_path), "--port", str(port)),
                stdout=StringIO(),
            )
