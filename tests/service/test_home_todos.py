"""The service to-dos on the homes: a unit's liaison sees what to sign for, the enterprise what to rate."""

import pytest
from django.urls import reverse

from zerobay.service.services.requests import move, raise_request

pytestmark = pytest.mark.django_db


def test_the_liaison_signs_and_the_enterprise_rates_from_their_homes(client, svc):
    req = raise_request(svc.ent_user, category="talent", title="人才公寓", text="需要两套人才公寓")
    client.force_login(svc.talent)
    page = client.get("/").content.decode()
    assert 'data-todo="service.to_sign"' in page
    assert client.get(reverse("service-home") + "?state=submitted").status_code == 200
    move(req, "sign", svc.talent)
    move(req, "answer", svc.talent, comment="已安排")
    client.force_login(svc.ent_user)
    page = client.get("/").content.decode()
    assert 'data-todo="service.to_rate"' in page and "待确认并评价的答复" in page
    client.force_login(svc.finance)  # another unit's liaison: nothing of this request
    assert 'data-todo="service.to_sign"' not in client.get("/").content.decode()


@pytest.mark.parametrize("who", ["ent_user", "talent", "staff", "leader"])
def test_no_link_a_service_role_is_shown_answers_403_or_404(client, svc, who):
    from ..crawl import broken, crawl

    raise_request(svc.ent_user, category="talent", title="人才公寓", text="需要两套人才公寓")
    client.force_login(getattr(svc, who))
    seen = crawl(client, limit=120)
    assert len(seen) > 5 and broken(seen) == []
