"""A carrier operator is asked for last year's statistics on its home until they are filed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_operator_is_asked_for_last_years_statistics(client, carrier_operator, carriers):
    client.force_login(carrier_operator)
    page = client.get("/").content.decode()
    assert 'data-todo="carriers.statistics"' in page
    assert reverse("carrier-detail", args=[carriers[0].pk]) in page
    assert client.get(reverse("carrier-detail", args=[carriers[0].pk])).status_code == 200


def test_no_link_a_carrier_operator_is_shown_answers_403_or_404(client, carrier_operator, carriers):
    from ..crawl import broken, crawl

    client.force_login(carrier_operator)
    seen = crawl(client, limit=120)
    assert len(seen) > 5 and broken(seen) == []
