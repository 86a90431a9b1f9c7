"""The working units registry: the shipped units load once, and every name an office writes for a
unit finds it."""

import pytest

from zerobay.registry.models import Unit
from zerobay.registry.reference import load_reference
from zerobay.registry.units import find_unit, normalise, unit_index

pytestmark = pytest.mark.django_db


def test_the_shipped_units_load_once_and_a_hand_added_unit_stays():
    first = load_reference()["units"]
    assert first["created"] == Unit.objects.count() > 20
    Unit.objects.create(code="X1", name="某新设机构")
    second = load_reference()["units"]
    assert second == {"created": 0, "updated": 0, "unchanged": first["created"]}
    assert Unit.objects.filter(code="X1").exists()


@pytest.mark.parametrize(
    "written", ["区科委", "闵行区科委", "区科学技术委员会", "闵行区科学技术委员会", " 区 科委 ", "科委"]
)
def test_every_way_of_writing_the_commission_finds_it(written):
    load_reference()
    assert find_unit(written).code == "KW"


def test_a_town_with_or_without_the_district_and_an_unknown_name():
    load_reference()
    index = unit_index()
    assert find_unit("闵行区吴泾镇", index).code == "WJ"
    assert find_unit("吴泾镇", index).code == "WJ"
    assert find_unit("区发改委", index).code == "FGW"
    assert find_unit("大零号湾集团", index).kind == Unit.Kind.OPERATOR
    assert find_unit("区外星办", index) is None
    assert find_unit("", index) is None


def test_full_width_and_spaces_do_not_matter():
    assert normalise("区科委（综合）") == normalise("区 科委(综合)")
