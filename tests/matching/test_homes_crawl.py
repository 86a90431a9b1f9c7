"""The hall's roles land on their to-dos, and nothing they are shown answers 403 or 404."""

import pytest

from ..crawl import broken, crawl

pytestmark = pytest.mark.django_db


def test_the_tech_transfer_office_sees_the_achievements_to_review(client, tto, catalogue):
    client.force_login(tto)
    page = client.get("/").content.decode()
    assert 'data-todo="matching.review"' in page and "待审核的成果" in page
    assert 'id="count-enterprises"' not in page  # no district figures for the hall's roles


@pytest.mark.parametrize("who", ["tto", "manager"])
def test_no_link_a_hall_role_is_shown_answers_403_or_404(client, catalogue, who, request):
    client.force_login(request.getfixturevalue(who))
    seen = crawl(client, limit=120)
    assert len(seen) > 8, seen
    assert broken(seen) == []


def test_no_link_an_enterprise_of_the_hall_is_shown_answers_403_or_404(client, catalogue, firms):
    client.force_login(firms["user_a"])
    seen = crawl(client, limit=120)
    assert broken(seen) == []
