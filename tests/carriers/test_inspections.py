"""Annual inspection of science-popularisation bases and new recognitions: the checklist decides the
mildest result, reasons are required, history and audit kept, and only staff in scope record."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.accounts.models import AuditRecord, Role
from zerobay.carriers.changes import InspectionRefused, record_inspection
from zerobay.carriers.models import Inspection
from zerobay.registry.models import Carrier, CarrierRecognition

from ..factories import UserFactory
from .conftest import CarrierFactory

pytestmark = pytest.mark.django_db
ALL_MET = {
    f"item_{k}": "on" for k in ("venue", "opening", "activities", "staff", "funding", "safety", "reporting")
}


@pytest.fixture
def base(district):
    return CarrierFactory(name="闵行航天科普基地", kind=Carrier.Kind.SCIENCE_BASE, org_unit=district["dlhw"])


def test_the_checklist_sets_the_mildest_result_and_reasons_are_required(base, admin_user):
    ticks = {"venue": True, "opening": True, "safety": True}  # non-essential items not met
    day = datetime.date(2025, 11, 20)
    with pytest.raises(InspectionRefused):
        record_inspection(
            carrier=base, year=2025, ticks=ticks, result="pass", reasons="", inspected_on=day, user=admin_user
        )
    with pytest.raises(InspectionRefused):
        record_inspection(
            carrier=base,
            year=2025,
            ticks=ticks,
            result="rectify",
            reasons=" ",
            inspected_on=day,
            user=admin_user,
        )
    record_inspection(
        carrier=base,
        year=2025,
        ticks=ticks,
        result="rectify",
        reasons="活动次数不足",
        inspected_on=day,
        user=admin_user,
    )
    # A correction keeps one record a year and is audited with what changed.
    record_inspection(
        carrier=base,
        year=2025,
        ticks={},
        result="fail",
        reasons="场馆停用",
        inspected_on=day,
        user=admin_user,
    )
    inspection = Inspection.objects.get()
    assert inspection.result == "fail" and not inspection.checklist["venue"]
    audit = AuditRecord.objects.filter(action="carriers.inspection.recorded").first()
    assert audit.changes["result"] == ["rectify", "fail"]


def test_staff_record_through_the_page_and_the_history_shows(client, base, admin_user):
    client.force_login(admin_user)
    data = {"year": 2024, "inspected_on": "2024-11-01", "result": "pass", "reasons": "", **ALL_MET}
    assert client.post(reverse("carrier-inspect", args=[base.pk]), data).status_code == 302
    data = {
        "year": 2025,
        "inspected_on": "2025-11-01",
        "result": "fail",
        "reasons": "未按要求开放",
        **ALL_MET,
    }
    del data["item_opening"]
    client.post(reverse("carrier-inspect", args=[base.pk]), data)
    page = client.get(reverse("carrier-detail", args=[base.pk]), {"tab": "inspections"}).content.decode()
    assert "未按要求开放" in page and "不合格" in page and "合格" in page
    assert list(Inspection.objects.values_list("year", "result")) == [(2025, "fail"), (2024, "pass")]


def test_others_cannot_record_or_see(client, base, district, carriers):
    zizhu_op = UserFactory(username="op-zz", role=Role.OPERATOR, org_unit=district["zizhu"])
    client.force_login(zizhu_op)
    data = {"year": 2025, "inspected_on": "2025-11-01", "result": "pass", **ALL_MET}
    assert client.post(reverse("carrier-inspect", args=[base.pk]), data).status_code == 404
    assert client.post(reverse("carrier-recognition-add", args=[base.pk]), {"title": "x"}).status_code == 404
    viewer = UserFactory(username="v", role=Role.VIEWER)
    client.force_login(viewer)
    assert client.post(reverse("carrier-inspect", args=[base.pk]), data).status_code == 403
    # An incubator is not inspected: 403 even for the district.
    client.force_login(UserFactory(username="kw", role=Role.DISTRICT_ADMIN))
    assert client.post(reverse("carrier-inspect", args=[carriers[0].pk]), data).status_code == 403
    assert not Inspection.objects.exists()


def test_a_new_recognition_is_added_and_audited(client, admin_user, carriers):
    client.force_login(admin_user)
    response = client.post(
        reverse("carrier-recognition-add", args=[carriers[0].pk]),
        {
            "title": "上海市高质量孵化器",
            "level": "municipal",
            "recognised_on": "2025-06-30",
            "issued_by": "上海市科学技术委员会",
        },
    )
    assert response.status_code == 302
    assert CarrierRecognition.objects.get().recognised_on == datetime.date(2025, 6, 30)
    assert AuditRecord.objects.filter(action="carriers.recognition.added").exists()
    page = client.get(reverse("carrier-detail", args=[carriers[0].pk])).content.decode()
    assert "上海市高质量孵化器" in page


def test_the_record_is_edited_with_an_audited_history(
    client, admin_user, carrier_operator, other_operator, carriers
):
    mine, other = carriers
    client.force_login(carrier_operator)
    # The operator edits its own facts; its kind and level are not its to change.
    response = client.post(
        reverse("carrier-edit", args=[mine.pk]),
        {
            "address": "闵行区剑川路950号",
            "space_m2": "12000",
            "incubation_space_m2": "9000",
            "operator": "零号湾运营公司",
            "kind": "maker_space",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.address == "闵行区剑川路950号" and mine.kind == "incubator"
    assert client.get(reverse("carrier-edit", args=[other.pk])).status_code == 404
    page = client.get(reverse("carrier-detail", args=[mine.pk])).content.decode()
    assert "闵行区剑川路950号" in page and "cop-mine" in page  # the history names who changed what
    client.force_login(UserFactory(username="v2", role=Role.VIEWER))
    assert client.get(reverse("carrier-edit", args=[mine.pk])).status_code == 403
    client.force_login(admin_user)
    client.post(
        reverse("carrier-edit", args=[mine.pk]),
        {
            "name": mine.name,
            "kind": "incubator",
            "level": "municipal",
            "focus": "specialised",
            "quality": "cultivating",
            "uscc": mine.uscc,
            "operator": mine.operator,
            "org_unit": mine.org_unit_id,
            "address": mine.address,
            "space_m2": "12000",
            "incubation_space_m2": "9000",
        },
    )
    mine.refresh_from_db()
    assert (mine.level, mine.quality) == ("municipal", "cultivating")
    audit = AuditRecord.objects.filter(action="carriers.carrier.updated").first()
    assert audit.changes["quality"] == ["", "cultivating"]
