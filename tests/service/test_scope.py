"""Who sees which request on every page, export and API endpoint: an enterprise its own, a unit's
liaison what is routed to its unit (or on which it is a co-unit), the commission everything; a
request outside one's scope is a 404 like a missing one."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from zerobay.accounts.models import Role
from zerobay.service.services.requests import move, raise_request

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from ..factories import UserFactory
from ..programs.factories import pdf_upload
from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def reqs(svc):
    """Mine to the talent office (the science commission a co-unit), the other's to finance."""
    mine = raise_request(
        svc.ent_user, category="talent", title="博士后落户", text="两名博士后", at=at("2026-11-02")
    )
    mine.co_units.add(svc.units["KW"])
    theirs = raise_request(
        svc.other_user, category="finance", title="首贷", text="500 万流动资金", at=at("2026-11-03")
    )
    return mine, theirs


def sheet_rows(response) -> list[list]:
    data = b"".join(response.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_index(0).to_python()


def listed(client, user, **params) -> str:
    client.force_login(user)
    page = client.get(reverse("service-home"), params)
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    "who, sees, not_sees",
    [
        ("ent_user", "mine", "theirs"),
        ("other_user", "theirs", "mine"),
        ("talent", "mine", "theirs"),  # routed to it
        ("kw", "mine", "theirs"),  # a co-unit
        ("finance", "theirs", "mine"),
    ],
)
def test_each_user_sees_only_its_requests_on_the_list_the_page_the_export_and_the_api(
    client, svc, reqs, who, sees, not_sees
):
    named = dict(zip(("mine", "theirs"), reqs, strict=True))
    yes, no = named[sees], named[not_sees]
    user = getattr(svc, who)
    page = listed(client, user)
    assert yes.title in page and no.title not in page
    assert client.get(reverse("service-request", args=[yes.pk])).status_code == 200
    assert client.get(reverse("service-request", args=[no.pk])).status_code == 404
    assert client.post(reverse("service-request-move", args=[no.pk]), {"action": "sign"}).status_code == 404
    rows = sheet_rows(client.get(reverse("service-home"), {"format": "xlsx"}))
    assert [r[0] for r in rows[1:]] == [yes.code]
    api = client.get("/api/service/requests").json()
    assert [r["id"] for r in api["items"]] == [yes.pk] and api["count"] == 1
    assert client.get(f"/api/service/requests/{yes.pk}").status_code == 200
    assert client.get(f"/api/service/requests/{no.pk}").status_code == 404
    assert (
        client.post(
            f"/api/service/requests/{no.pk}/move", {"action": "sign"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_attachments_are_downloaded_only_within_scope(client, svc, reqs, settings, tmp_path):
    from zerobay.service.services.attachments import attach

    settings.MEDIA_ROOT = tmp_path
    mine, _theirs = reqs
    a = attach(mine, pdf_upload("证书.pdf"), svc.ent_user)
    url = reverse("service-attachment", args=[mine.pk, a.pk])
    client.force_login(svc.talent)
    assert client.get(url).status_code == 200
    client.force_login(svc.other_user)
    assert client.get(url).status_code == 404
    client.force_login(svc.finance)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("service-attachment-add", args=[mine.pk]), {"file": pdf_upload()}).status_code
        == 404
    )


def test_the_commission_sees_everything_and_operators_their_subtree(client, svc, reqs, operator):
    mine, theirs = reqs
    page = listed(client, svc.staff)
    assert mine.title in page and theirs.title in page
    page = listed(client, operator)  # 大零号湾: mine is in its block, theirs in 紫竹
    assert mine.title in page and theirs.title not in page
    assert client.get(reverse("service-request", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("service-dashboard")).status_code == 200


@pytest.mark.parametrize("role", [Role.EXPERT, Role.TECH_MANAGER, Role.NONE, Role.CARRIER_OPERATOR])
def test_other_roles_see_no_request_and_no_link_to_them(client, svc, reqs, role):
    user = UserFactory(username=f"u-{role}", role=role)
    client.force_login(user)
    assert client.get(reverse("service-home")).status_code == 403
    assert client.get(reverse("service-request", args=[reqs[0].pk])).status_code == 404
    assert client.get("/api/service/requests").json()["count"] == 0
    assert reverse("service-home") not in client.get(reverse("home")).content.decode()


def test_only_the_commission_and_operators_see_the_dashboard(client, svc, reqs):
    for user in (svc.ent_user, svc.talent):
        client.force_login(user)
        assert client.get(reverse("service-dashboard")).status_code == 403
        assert reverse("service-dashboard") not in client.get(reverse("service-home")).content.decode()


def test_the_liaison_signs_and_answers_on_the_page_and_the_enterprise_rates(client, svc, reqs):
    mine, _theirs = reqs
    url = reverse("service-request-move", args=[mine.pk])
    client.force_login(svc.kw)  # a co-unit sees it but does not act
    page = client.get(reverse("service-request", args=[mine.pk])).content.decode()
    assert 'data-action="sign"' not in page
    client.post(url, {"action": "sign", "version": 1})
    mine.refresh_from_db()
    assert mine.state == "submitted"
    client.force_login(svc.talent)
    page = client.get(reverse("service-request", args=[mine.pk])).content.decode()
    assert 'data-action="sign"' in page and 'data-action="return"' in page
    client.post(url, {"action": "sign", "version": 1})
    client.post(url, {"action": "answer", "version": 2, "comment": "可办理"})
    stale = client.post(url, {"action": "ask_info", "version": 2, "comment": "x"}, follow=True)
    assert "reload" in stale.content.decode() or "刷新" in stale.content.decode()
    client.force_login(svc.ent_user)
    page = client.get(reverse("service-request", args=[mine.pk])).content.decode()
    assert 'data-action="rate"' in page and "不满意" in page
    client.post(url, {"action": "rate", "version": 3, "rating": "fairly"})
    mine.refresh_from_db()
    assert (mine.state, mine.rating) == ("confirmed", "fairly")


def test_an_enterprise_raises_a_request_with_a_file_and_a_bad_one_is_refused_with_its_name(
    client, svc, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(svc.ent_user)
    data = {
        "category": "policy",
        "title": "专利质押",
        "text": "专利质押融资咨询",
        "urgency": "normal",
        "file": pdf_upload("专利.pdf"),
    }
    response = client.post(reverse("service-request-new"), data, follow=True)
    req = svc.mine.service_requests.get()
    assert response.redirect_chain[-1][0] == reverse("service-request", args=[req.pk])
    assert req.attachments.get().original_name == "专利.pdf"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("截图.png", b"not an image")
    response = client.post(reverse("service-attachment-add", args=[req.pk]), {"file": bad}, follow=True)
    assert "截图.png" in response.content.decode() and req.attachments.count() == 1


def test_staff_raise_for_an_enterprise_by_its_code_and_a_wrong_code_is_named(client, svc):
    client.force_login(svc.staff)
    data = {
        "enterprise": "91310112MA0000000X",
        "channel": "visit",
        "category": "space",
        "title": "扩租",
        "text": "2000 平米",
        "urgency": "urgent",
    }
    page = client.post(reverse("service-request-new"), data).content.decode()
    assert "91310112MA0000000X" in page and not svc.other.service_requests.exists()
    data["enterprise"] = svc.other.uscc
    client.post(reverse("service-request-new"), data)
    req = svc.other.service_requests.get()
    assert (req.channel, req.urgency, req.raised_by) == ("visit", "urgent", svc.staff)


def test_the_commission_reroutes_on_the_page(client, svc, reqs):
    _mine, theirs = reqs
    client.force_login(svc.finance)
    client.post(
        reverse("service-request-move", args=[theirs.pk]), {"action": "return", "comment": "非本单位"}
    )
    client.force_login(svc.staff)
    page = client.get(reverse("service-request", args=[theirs.pk])).content.decode()
    assert 'data-action="reroute"' in page
    client.post(
        reverse("service-request-move", args=[theirs.pk]),
        {"action": "reroute", "unit": "KW", "comment": "改派科委"},
    )
    theirs.refresh_from_db()
    assert (theirs.unit.code, theirs.state) == ("KW", "submitted")
    move(theirs, "sign", svc.kw)
    client.force_login(svc.finance)  # the old unit no longer sees it
    assert client.get(reverse("service-request", args=[theirs.pk])).status_code == 404


def test_the_enterprise_page_has_a_service_panel_for_those_who_see_requests(client, svc, reqs, operator):
    mine, theirs = reqs
    url = reverse("enterprise-detail", args=[svc.mine.uscc])
    for user in (svc.staff, operator):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert 'id="service-panel"' in page and mine.code in page and theirs.code not in page
        assert reverse("service-request", args=[mine.pk]) in page
    finance = UserFactory(username="finance", role=Role.FINANCE)  # no enterprise figures, no requests
    client.force_login(finance)
    assert client.get(url).status_code == 404
