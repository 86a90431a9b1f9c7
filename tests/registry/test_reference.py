"""The reference data the platform ships: the org tree and the industry taxonomy, loaded idempotently."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.data import read
from zerobay.registry.models import Enterprise, Industry, OrgUnit
from zerobay.registry.reference import ReferenceDataError, _parents_first, load_reference

from ..factories import EnterpriseFactory, OrgUnitFactory

SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


def test_every_entry_names_its_document_or_says_why_not():
    for unit in read("org_units")["units"]:
        assert SEED_FILE.match(unit["source"]) or unit["note"], unit["code"]
    for node in read("industries")["nodes"]:
        assert SEED_FILE.match(node["source"]), node["code"]
    for figure in read("demo_calibration")["figures"]:
        assert SEED_FILE.match(figure["source"]), figure["key"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", figure["published"]), figure["key"]


def test_codes_are_unique_across_the_data_files():
    codes = [u["code"] for u in read("org_units")["units"]]
    assert len(codes) == len(set(codes))
    codes = [n["code"] for n in read("industries")["nodes"]]
    assert len(codes) == len(set(codes))


def test_inconsistent_files_are_refused():
    with pytest.raises(ReferenceDataError, match="duplicate"):
        _parents_first([{"code": "A"}, {"code": "A"}], "org unit")
    with pytest.raises(ReferenceDataError, match="unknown parent"):
        _parents_first([{"code": "A", "parent": "B"}], "org unit")


@pytest.mark.django_db
def test_loading_twice_creates_nothing_new():
    first = load_reference()
    counts = OrgUnit.objects.count(), Industry.objects.count()
    second = load_reference()
    assert (OrgUnit.objects.count(), Industry.objects.count()) == counts
    assert first["org_units"]["created"] == counts[0] and first["industries"]["created"] == counts[1]
    assert second["org_units"]["created"] == second["org_units"]["updated"] == 0
    assert second["industries"]["created"] == second["industries"]["updated"] == 0


@pytest.mark.django_db
def test_park_has_19_subparks_under_it():
    load_reference()
    park = OrgUnit.objects.get(code="ZJMH")
    assert park.parent.code == "MH" and park.kind == OrgUnit.Kind.PARK
    subparks = OrgUnit.objects.filter(kind=OrgUnit.Kind.SUBPARK)
    assert subparks.count() == 19
    assert all(s.parent_id == park.pk and s.path.startswith("MH/ZJMH/") for s in subparks)
    dlhw = OrgUnit.objects.get(code="DLHW")
    assert dlhw.name == "大零号湾"
    assert set(dlhw.children.values_list("name", flat=True)) >= {"向阳园", "元江路地块"}
    assert all(b.path.startswith("MH/ZJMH/DLHW/") for b in OrgUnit.objects.filter(kind=OrgUnit.Kind.BLOCK))
    placeholders = subparks.filter(source="")
    assert placeholders.exists() and all("placeholder" in p.note for p in placeholders)


@pytest.mark.django_db
def test_plan_has_5_fields_and_20_tracks():
    load_reference()
    plan = Industry.objects.filter(scheme=Industry.Scheme.PLAN)
    assert plan.filter(level=Industry.Level.FIELD).count() == 5
    assert plan.filter(level=Industry.Level.SECTOR).count() == 11
    tracks = plan.filter(level=Industry.Level.TRACK).select_related("parent__parent")
    assert tracks.count() == 20
    assert all(t.parent.level == "sector" and t.parent.parent.level == "field" for t in tracks)
    # Sub-industries the plan lists without tracks are their own track.
    storage = Industry.objects.get(code="ENER-STO")
    assert list(storage.children.values_list("name", flat=True)) == ["新型储能"]
    classes = dict(Industry.objects.filter(scheme=Industry.Scheme.PARK_CLASS).values_list("name", "level"))
    assert classes == {
        "高端装备": "leading",
        "数字经济": "featured",
        "生物医药": "featured",
        "脑机接口": "future",
    }


@pytest.mark.django_db
def test_existing_rows_are_updated_by_code(district):
    """The test district's 紫竹 takes the name the documents give; nothing is duplicated."""
    load_reference()
    assert OrgUnit.objects.filter(code="ZZ").count() == 1
    assert OrgUnit.objects.get(code="ZZ").name == "紫竹高新区"
    OrgUnit.objects.filter(code="DLHW").update(name="改错的名字")
    result = load_reference()
    assert result["org_units"]["updated"] == 1
    assert OrgUnit.objects.get(code="DLHW").name == "大零号湾"


@pytest.mark.django_db
def test_a_unit_moved_by_the_data_carries_its_enterprises_along():
    mh = OrgUnitFactory(code="MH", name="闵行区", kind="district")
    other = OrgUnitFactory(code="ZZ", name="紫竹", kind="subpark", parent=mh)
    block = OrgUnitFactory(code="DLHW-XYY", name="向阳园", kind="block", parent=other)
    enterprise = EnterpriseFactory(org_unit=block)
    assert enterprise.org_path == "MH/ZZ/DLHW-XYY/"
    load_reference()
    block.refresh_from_db()
    assert block.path == "MH/ZJMH/DLHW/DLHW-XYY/"
    assert Enterprise.objects.get(pk=enterprise.pk).org_path == block.path


@pytest.mark.django_db
def test_command_says_what_it_did():
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "组织单元：新增 24" in out.getvalue()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "新增 0，更新 0" in out.getvalue()
