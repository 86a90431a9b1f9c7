"""The monthly call-back sample: a tenth of the month's finished requests, reproducible, never
drawn twice; each call recorded; the commission draws and records, others cannot."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from zerobay.service.models import CallBack
from zerobay.service.services.callbacks import draw_sample
from zerobay.service.services.requests import ServiceError, move, raise_request, rate

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(svc):
    """21 talent requests finished in September 2025, one in October."""
    out = []
    for i, day in enumerate(["2025-09-01"] * 21 + ["2025-09-29"]):
        req = raise_request(svc.ent_user, category="talent", title=f"诉求{i}", text="…", at=at(day))
        move(req, "sign", svc.talent, at=at(day, 11))
        move(req, "answer", svc.talent, comment="答复", at=at(day, 12))
        rate(req, svc.ent_user, "satisfied", at=at("2025-09-30" if i < 21 else "2025-10-09"))
        out.append(req)
    return out


def test_a_tenth_is_drawn_reproducibly_and_never_twice(svc, finished):
    import datetime

    sample = draw_sample(datetime.date(2025, 9, 1))
    assert len(sample) == 3  # ceil(21 × 10%)
    assert {c.request.finished_on.month for c in sample} == {9}
    again = draw_sample(datetime.date(2025, 9, 1))
    assert {c.pk for c in again} == {c.pk for c in sample} and CallBack.objects.count() == 3
    with pytest.raises(ServiceError):
        draw_sample(datetime.date(2025, 9, 1), share=1.5)


def test_the_command_draws_and_prints_the_sample(svc, finished):
    out = StringIO()
    call_command("service", "callbacks", "--month", "2025-10", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["month"] == "2025-10" and [r["id"] for r in data["callbacks"]] == [finished[-1].pk]


def test_the_commission_records_calls_on_the_page(client, svc, finished, operator):
    client.force_login(svc.staff)
    client.post(reverse("service-callback-draw"), {"month": "2025-09"})
    first = CallBack.objects.order_by("request_id").first()
    url = reverse("service-callback-record", args=[first.pk])
    response = client.post(url, {"reached": "yes", "rating": ""}, follow=True)
    assert "评价" in response.content.decode()  # a reached call needs a rating
    client.post(url, {"reached": "yes", "rating": "unsatisfied", "note": "实际未解决"})
    first.refresh_from_db()
    assert (first.reached, first.rating, first.called_by) == (True, "unsatisfied", svc.staff)
    page = client.get(reverse("service-callbacks"), {"month": "2025-09"}).content.decode()
    assert "实际未解决" in page and page.count("data-id=") == 3
    client.force_login(operator)  # 大零号湾's operator sees the sample of its subtree, cannot record
    assert client.get(reverse("service-callbacks"), {"month": "2025-09"}).status_code == 200
    assert client.post(url, {"reached": "no"}).status_code == 403
    client.force_login(svc.ent_user)
    assert client.get(reverse("service-callbacks")).status_code == 403
