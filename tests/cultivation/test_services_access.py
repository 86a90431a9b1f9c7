"""The one screening the cultivation page, API and command read (cultivation.services), and the
cultivation loaders and checks (zerobay.access conventions)."""

import pytest
from django.http import Http404

from zerobay.cultivation.access import (
    access_cultivated_enterprise_by_uscc,
    access_scope_by_org_code,
    can_follow_reporting,
    can_send_reminders,
    can_set_deadlines,
)
from zerobay.cultivation.services import enterprise_qualifications, screen_scope

from ..api.conftest import bearer  # noqa: F401 (fixture)
from .panel import AS_OF, firms_fixture  # noqa: F401 (the fixture "firms")

pytestmark = pytest.mark.django_db


def test_the_api_answers_the_screening_service(client, operator, firms, bearer):  # noqa: F811
    path, _unit = access_scope_by_org_code(operator)
    found = screen_scope("hte", AS_OF, path, status="near")
    response = client.get(
        "/api/cultivation/screen",
        {"qualification": "hte", "as_of": AS_OF.isoformat(), "status": "near"},
        headers=bearer(operator),
    )
    expected = found.as_dict(0, 50)
    data = response.json()
    assert data["count"] == expected["count"] == 1 and data["counts"] == expected["counts"]
    assert [e["uscc"] for e in data["enterprises"]] == [e["uscc"] for e in expected["enterprises"]]


def test_the_search_and_status_filter_of_the_service(firms):
    mine, other = firms
    everyone = screen_scope("hte", AS_OF, "", status=None)
    assert len(everyone) == 2 and sum(everyone.counts.values()) == 2
    by_name = screen_scope("hte", AS_OF, "", q=mine.name)
    assert [r["uscc"] for r in by_name.rows(by_name.ids)] == [mine.uscc]
    by_uscc = screen_scope("hte", AS_OF, "", q=other.uscc.lower())
    assert [r["uscc"] for r in by_uscc.rows(by_uscc.ids)] == [other.uscc]
    assert len(screen_scope("hte", AS_OF, "", status="holds")) == 0


def test_a_page_is_screened_from_the_cached_index_without_the_scope(firms, monkeypatch):
    from zerobay.cultivation import services

    screen_scope("hte", AS_OF, "", status=None)  # the index, cached for this data version
    scopes = []
    original = services.screen
    monkeypatch.setattr(services, "screen", lambda *a, **k: scopes.append(k) or original(*a, **k))
    found = screen_scope("hte", AS_OF, "", status=None)
    rows = found.rows(found.ids[:1])
    assert len(rows) == 1 and scopes == [{"enterprise_ids": [int(found.ids[0])]}]


def test_one_enterprise_against_each_qualification(firms):
    mine, _other = firms
    results = enterprise_qualifications(mine, AS_OF, ("hte", "tsme"))
    assert [r.rule.id for r in results] == ["hte", "tsme"]
    assert all(r.facts.usccs[0] == mine.uscc for r in results)


def test_loaders_answer_404_for_missing_and_forbidden_alike(operator, firms):
    mine, other = firms
    assert access_cultivated_enterprise_by_uscc(operator, mine.uscc) == mine
    for uscc in (other.uscc, "NO-SUCH-USCC"):
        with pytest.raises(Http404):
            access_cultivated_enterprise_by_uscc(operator, uscc)
    for code in ("ZZ", "NO-SUCH-UNIT"):
        with pytest.raises(Http404):
            access_scope_by_org_code(operator, code)


def test_the_chase_checks_answer_a_decision(admin_user, operator, viewer):
    assert can_follow_reporting(viewer) and not can_send_reminders(viewer)
    assert can_send_reminders(viewer).reason  # a sentence the page could show
    assert can_set_deadlines(admin_user) and not can_set_deadlines(operator)
