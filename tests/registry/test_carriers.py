"""Innovation carriers: loaded from the documents, listed and exported within the user's scope."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zerobay.accounts.models import AuditRecord, Role
from zerobay.registry.models import Carrier, OrgUnit
from zerobay.registry.reference import load_reference

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (fixture)
from ..factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled_catalogue")]
IN_DLHW = {"大零号湾科创策源孵化器", "大零号湾一公里孵化器", "大零号湾华东师大孵化器"}


@pytest.fixture
def reference(db):
    load_reference()
    return {u.code: u for u in OrgUnit.objects.all()}


@pytest.fixture
def dlhw_operator(reference):
    return UserFactory(username="op-dlhw", role=Role.OPERATOR, org_unit=reference["DLHW"])


def test_the_documents_carriers_are_loaded_once_with_their_source(reference):
    assert Carrier.objects.count() == 15
    assert not Carrier.objects.filter(source="").exists()
    assert load_reference()["carriers"] == {"created": 0, "updated": 0, "unchanged": 15}
    assert set(Carrier.objects.filter(org_unit__code="DLHW").values_list("name", flat=True)) == IN_DLHW


def test_an_operator_lists_and_exports_only_its_own_carriers(client, dlhw_operator):
    client.force_login(dlhw_operator)
    page = client.get(reverse("carrier-list")).content.decode()
    assert "创新载体" in page
    assert all(name in page for name in IN_DLHW)
    assert "上海人工智能研究院" not in page  # not placed in 大零号湾
    export = client.get(reverse("carrier-list"), {"format": "xlsx"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(export.streaming_content))).get_sheet_by_index(
        0
    )
    assert {r[0] for r in rows.to_python()[1:]} == IN_DLHW


def test_the_api_applies_the_same_scope_and_filters(client, dlhw_operator, reference):
    client.force_login(dlhw_operator)
    names = {c["name"] for c in client.get("/api/carriers").json()["items"]}
    assert names == IN_DLHW
    admin = UserFactory(username="kw", role=Role.DISTRICT_ADMIN)
    client.force_login(admin)
    parks = client.get("/api/carriers", {"kind": "university_park"}).json()
    assert parks["count"] == 2 and {c["kind"] for c in parks["items"]} == {"university_park"}
    assert client.get("/api/carriers", {"org_unit": "NOPE"}).json()["count"] == 0


def test_district_users_filter_by_kind_on_the_page(client, reference):
    client.force_login(UserFactory(username="kw", role=Role.DISTRICT_ADMIN))
    page = client.get(reverse("carrier-list"), {"kind": "new_rd_institution"}).content.decode()
    assert "上海交通大学医疗机器人研究院" in page and "大零号湾一公里孵化器" not in page


def test_an_edit_in_the_admin_leaves_an_audit_record(client, reference):
    superuser = UserFactory(username="root", role=Role.DISTRICT_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    carrier = Carrier.objects.get(name="上海前瞻创新研究院")
    response = client.post(
        reverse("admin:registry_carrier_change", args=[carrier.pk]),
        {
            "name": carrier.name,
            "kind": carrier.kind,
            "level": "municipal",
            "operator": "上海前瞻创新研究院",
            "org_unit": "",
            "recognised_on": "",
            "source": carrier.source,
        },
    )
    assert response.status_code == 302
    record = AuditRecord.objects.get(action="registry.carrier.updated")
    assert record.actor == superuser
    assert record.changes["level"] == ["", "municipal"]
