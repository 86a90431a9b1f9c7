"""Every role's home leads with its to-dos, each linking to a page the role may open; and nothing a
role reaches from its home and navigation answers 403 or 404."""

from decimal import Decimal

import pytest
from django.urls import reverse

from zerobay.programs.workflow import State

from ..crawl import broken, crawl
from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def todos(client) -> dict[str, str]:
    page = client.get("/").content.decode()
    return dict(
        (key, text)
        for key, text in __import__("re").findall(r'data-todo="([^"]+)"><a href="[^"]+">(.*?)</a>', page)
    )


def test_an_enterprise_sees_its_drafts_and_corrections_and_its_name(client, scenario):
    new_application(scenario)
    client.force_login(scenario.enterprise_user)
    page = client.get("/").content.decode()
    assert scenario.enterprise.name in page
    assert 'data-todo="programs.drafts"' in page and "尚未提交的申报草稿" in page
    assert (
        f'href="{reverse("enterprise-list")}"' not in page and "查询企业" not in page
    )  # no district dashboard
    assert (
        reverse("reporting-mine") in page
        and reverse("cultivation-enterprise", args=[scenario.enterprise.uscc]) in page
    )


def test_an_expert_sees_the_reviews_to_score(client, scenario):
    advance(scenario, new_application(scenario), State.IN_REVIEW)
    client.force_login(scenario.expert)
    page = client.get("/").content.decode()
    assert 'data-todo="programs.reviews"' in page
    assert client.get(reverse("programs-assignments")).status_code == 200


def test_finance_sees_the_payments_due_and_no_enterprise_figures(client, scenario):
    advance(scenario, new_application(scenario), State.APPROVED)
    client.force_login(scenario.finance)
    page = client.get("/").content.decode()
    assert 'data-todo="programs.payments"' in page and "已立项待拨付的项目" in page
    assert 'id="count-enterprises"' not in page


def test_staff_see_the_formal_checks_waiting(client, scenario):
    advance(scenario, new_application(scenario), State.SUBMITTED)
    client.force_login(scenario.staff)
    page = client.get("/").content.decode()
    assert 'data-todo="programs.formal_check"' in page and 'id="count-enterprises"' in page


@pytest.mark.parametrize(
    "who", ["enterprise_user", "expert", "finance", "staff", "operator", "viewer", "other_user"]
)
def test_no_link_a_role_is_shown_answers_403_or_404(client, scenario, who):
    advance(scenario, new_application(scenario), State.IN_REVIEW)
    new_application(scenario, user=scenario.other_user, clause=scenario.clause2, amount=Decimal("300000"))
    client.force_login(getattr(scenario, who))
    seen = crawl(client, limit=150)
    assert len(seen) > 12, seen  # the home, the navigation and what they lead to
    assert broken(seen) == []


def test_the_hall_roles_get_no_programme_dashboard_of_zeros(client, scenario, viewer):
    from zerobay.accounts.models import Role, User

    for role in (Role.TECH_TRANSFER, Role.TECH_MANAGER):
        user = User.objects.create_user(f"hall-{role}", password="x", role=role)
        client.force_login(user)
        page = client.get(reverse("programs-home")).content.decode()
        assert reverse("programs-dashboard") not in page and reverse("programs-batches") not in page
        assert client.get(reverse("programs-dashboard")).status_code in (403, 404)
    client.force_login(viewer)
    assert client.get(reverse("programs-dashboard")).status_code == 200
