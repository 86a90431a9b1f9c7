"""A unit's liaison finds the weekly updates it owes on its home."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_liaison_sees_the_updates_it_owes_this_week(client, plan, liaisons):
    client.force_login(liaisons["KW"])
    page = client.get("/").content.decode()
    assert 'data-todo="workplan.updates"' in page and "本周待填报的周进展" in page
    client.force_login(liaisons["JW"])  # leads nothing
    assert 'data-todo="workplan.updates"' not in client.get("/").content.decode()
