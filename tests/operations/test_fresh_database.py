"""A fresh installation works: `zerobay migrate` alone leaves the org tree and the published figures in
place, a Torch import then lands with exit 0, and `indicators show` answers with computed values."""

import json
import subprocess
from pathlib import Path

import pytest

from zerobay.registry.models import OrgUnit
from zerobay.registry.reference import load_reference_into_empty_database

from .test_serve import ROOT, ZEROBAY, _env


@pytest.mark.django_db
def test_the_reference_data_is_loaded_into_an_empty_database_only(settings):
    settings.ZEROBAY_LOAD_REFERENCE_ON_MIGRATE = True
    assert not OrgUnit.objects.exists()
    assert load_reference_into_empty_database()["org_units"]["created"] > 0
    assert OrgUnit.objects.filter(kind="park").exists()
    assert load_reference_into_empty_database() is None  # a tree is there: left alone


def test_migrate_then_import_then_show_on_a_fresh_database(tmp_path):
    env = _env(tmp_path)

    def zerobay(*args) -> subprocess.CompletedProcess:
        return subprocess.run([*ZEROBAY, *args], env=env, cwd=ROOT, capture_output=True, text=True)  # noqa: S603

    assert zerobay("migrate", "-v0").returncode == 0
    made = zerobay("generate", "--enterprises", "30", "--years", "2025", "--out", str(tmp_path / "gen"))
    assert made.returncode == 0, made.stderr
    workbook = next(Path(tmp_path / "gen").glob("*2025*.xlsx"))
    imported = zerobay("import", "torch-annual", str(workbook), "--year", "2025", "--format", "json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["rows_imported"] == 30
    assert "Traceback" not in imported.stderr
    shown = zerobay("indicators", "show", "torch.revenue", "--year", "2025", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert any(v["year"] == 2025 and v["value"] for v in json.loads(shown.stdout)["computed"])
