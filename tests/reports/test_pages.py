"""The bulletin pages and API: staff draft, edit, issue (then nothing changes) and correct by a new
version; the leadership reads; a unit's liaison and an operator see nothing (403 / 404)."""

import io

import pytest
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from tests.factories import UserFactory
from zerobay.accounts.models import Role
from zerobay.reports.models import Bulletin

from .test_bulletin import month  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_draft_edit_issue_correct(client, admin_user, month):  # noqa: F811
    client.force_login(admin_user)
    assert client.post(reverse("bulletin-draft"), {"period": "2025-13"}).status_code == 302
    assert not Bulletin.objects.exists()
    response = client.post(reverse("bulletin-draft"), {"period": "2025-09"})
    bulletin = Bulletin.objects.get()
    assert response.url == reverse("bulletin-detail", args=[bulletin.pk])
    page = client.get(response.url).content.decode()
    assert "建设概念验证中心" in page and 'id="narrative-form"' in page  # the red task, named
    narrative = reverse("bulletin-narrative", args=[bulletin.pk])
    client.post(narrative, {"overview": "九月园区各项工作总体平稳。"})
    text = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(client.get(reverse("bulletin-docx", args=[bulletin.pk])).content)
        ).paragraphs
    )
    assert "九月园区各项工作总体平稳。" in text
    assert client.post(reverse("bulletin-issue", args=[bulletin.pk])).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "issued" and bulletin.document
    issued = bytes(bulletin.document)
    client.post(narrative, {"overview": "改掉已印发的简报"})
    client.post(reverse("bulletin-issue", args=[bulletin.pk]))
    bulletin.refresh_from_db()
    assert (
        bytes(bulletin.document) == issued and bulletin.narrative["overview"] == "九月园区各项工作总体平稳。"
    )
    assert client.get(reverse("bulletin-docx", args=[bulletin.pk])).content == issued
    # a correction is a new version; the issued one stays
    client.post(reverse("bulletin-draft"), {"period": "2025-09"})
    assert list(Bulletin.objects.order_by("version").values_list("version", "status")) == [
        (1, "issued"),
        (2, "draft"),
    ]
    book = client.get(reverse("bulletin-xlsx", args=[bulletin.pk])).content
    sheets = CalamineWorkbook.from_filelike(io.BytesIO(book)).sheet_names
    assert len(sheets) == 4


def test_who_sees_the_bulletins(client, admin_user, viewer, operator, month):  # noqa: F811
    client.force_login(admin_user)
    client.post(reverse("bulletin-draft"), {"period": "2025-09"})
    bulletin = Bulletin.objects.get()
    client.force_login(viewer)  # the leadership reads
    assert client.get(reverse("bulletin-detail", args=[bulletin.pk])).status_code == 200
    assert (
        'id="narrative-form"'
        not in client.get(reverse("bulletin-detail", args=[bulletin.pk])).content.decode()
    )
    assert client.post(reverse("bulletin-issue", args=[bulletin.pk])).status_code == 403
    assert client.get("/api/reports/bulletins").json()["count"] == 1
    assert client.get(f"/api/reports/bulletins/{bulletin.pk}").json()["snapshot"]["period"] == "2025-09"
    liaison = UserFactory(username="liaison", role=Role.UNIT_LIAISON)
    for user in (operator, liaison):
        client.force_login(user)
        assert client.get(reverse("bulletin-list")).status_code == 403
        for name in ("bulletin-detail", "bulletin-docx", "bulletin-xlsx"):
            assert client.get(reverse(name, args=[bulletin.pk])).status_code in (403, 404)
        assert client.get("/api/reports/bulletins").status_code == 403
        assert client.get(f"/api/reports/bulletins/{bulletin.pk}").status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("bulletin-detail", args=[99999])).status_code == 404
    assert client.get("/api/reports/bulletins/99999").status_code == 404
