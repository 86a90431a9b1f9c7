"""English that is English (issue 19, item 6): in the English interface the pages name org units,
working units, ladder rungs, reporting statuses and indicator units in English wherever the data or
the code carries an English name; the Chinese interface is unchanged."""

import datetime

import pytest
from django.utils import timezone, translation

from zerobay.cultivation.screening import STATUS_LABELS as SCREENING
from zerobay.language import unit_name
from zerobay.registry.models import Unit
from zerobay.registry.reference import load_reference
from zerobay.statistics.completeness import STATUS_LABELS as REPORTING

from ..factories import EnterpriseFactory, QualificationFactory
from ..language import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    load_reference()


def test_org_units_and_rungs_are_english_in_english_only(client, reference, admin_user):
    from zerobay.registry.models import OrgUnit

    dlhw = OrgUnit.objects.get(code="DLHW")
    assert dlhw.name_en
    e = EnterpriseFactory(org_unit=dlhw)
    today = timezone.localdate()
    QualificationFactory(enterprise=e, kind="hte", valid_from=today - datetime.timedelta(days=30))
    client.force_login(admin_user)
    english(client)
    listing = client.get("/enterprises/").content.decode()
    assert dlhw.name_en in listing and f"<td>{dlhw.name}</td>" not in listing
    ladder = client.get("/cultivation/ladder/").content.decode()
    assert "High-tech enterprise" in ladder and ">高新技术企业<" not in ladder
    assert dlhw.name_en in ladder
    english(client, on=False)
    assert "高新技术企业" in client.get("/cultivation/ladder/").content.decode()


def test_working_units_statuses_and_units_answer_in_the_interface_language(reference):
    kw = Unit.objects.get(code="KW")
    with translation.override("en"):
        assert str(kw) == "District S&T Commission"
        assert REPORTING["missing"] == "Missing" and SCREENING["near"] == "One criterion short"
        assert unit_name("家") == "enterprises" and unit_name("亿元") == "100 million yuan"
    with translation.override("zh-hans"):
        assert str(kw) == "区科委" and REPORTING["missing"] == "未报送" and unit_name("家") == "家"


def test_every_working_unit_and_catalogue_unit_has_an_english_name(reference):
    import tomllib
    from pathlib import Path

    import zerobay
    from zerobay.language import UNITS_EN

    assert not Unit.objects.filter(name_en="").exists()
    units = set()
    for path in (Path(zerobay.__file__).parent / "indicators" / "definitions").glob("*.toml"):
        for indicator in tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", []):
            units.add(indicator.get("unit", ""))
    assert units - {""} <= set(UNITS_EN)
