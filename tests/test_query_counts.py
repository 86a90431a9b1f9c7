"""Every list and dashboard page runs as many queries for a larger data set as for a small one.

Each page is rendered for a district admin (or the role that works on it) with a small data set,
then again after more enterprises (qualified, reporting, with users), applications, achievements,
demands, imports, audit records and notifications were added: the number of queries must not grow.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zerobay.accounts.models import Notification
from zerobay.matching.models import Achievement, Demand
from zerobay.programs.workflow import State
from zerobay.statistics.models import ImportBatch

from .matching.conftest import make_achievement, make_demand
from .programs.conftest import scenario  # noqa: F401  (the programmes' scenario, used as a fixture)
from .programs.factories import advance, eligible_enterprise, new_application

_grown = iter(range(10_000))


def grow(s, n: int) -> None:
    """n more of everything the pages list."""
    today = timezone.localdate()
    for _ in range(n):
        i = next(_grown)
        enterprise, user = eligible_enterprise(s, f"成长科技有限公司{i}")
        app = new_application(s, user=user)
        if i % 2:
            advance(s, app, State.CHECKED)
        make_achievement(f"CG-Q{i}", Achievement.Status.PUBLISHED, title=f"成果{i}")
        make_demand(f"XQ-Q{i}", Demand.Status.OPEN, enterprise, title=f"需求{i}")
        ImportBatch.objects.create(
            form="torch-annual",
            year=today.year - 1,
            file=f"imports/q{i}.xlsx",
            original_name=f"年报{i}.xlsx",
            created_by=s.staff,
        )
        Notification.objects.create(user=s.staff, kind="programs.eligible", title=f"通知{i}")
        Notification.objects.create(user=s.expert, kind="programs.eligible", title=f"通知{i}")


def queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # The page without what changes on every request (the CSRF token, the CSP nonce).
    return len(captured), re.sub(rb'(csrfmiddlewaretoken" value|nonce)="[^"]*"', b"", response.content)


def grows(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"queries grow with the data: {reason}")


YEAR = 2025  # a year of the scenario's reports
PAGES = [
    ("staff", "home", {}, ""),
    ("enterprise_user", "home", {}, ""),
    ("staff", "enterprise-list", {}, ""),
    ("staff", "carrier-list", {}, ""),
    ("staff", "import-list", {}, ""),
    ("staff", "audit-list", {}, ""),
    ("staff", "notification-list", {}, ""),
    ("staff", "indicator-overview", {}, ""),
    ("staff", "indicator-evaluation", {}, ""),
    ("staff", "indicator-detail", {"indicator_id": "park.rd_intensity"}, ""),
    ("staff", "indicator-drilldown", {"indicator_id": "park.rd_intensity"}, f"?year={YEAR}"),
    ("staff", "programs-home", {}, ""),
    ("staff", "programs-dashboard", {}, ""),
    ("staff", "cockpit", {}, ""),
    ("operator", "cockpit", {}, ""),
    ("staff", "programs-applications", {}, ""),
    ("staff", "programs-finance", {}, ""),
    ("staff", "programs-batches", {}, ""),
    ("expert", "programs-conflicts", {}, ""),
    ("expert", "programs-assignments", {}, ""),
    ("staff", "programs-finder", {"code": "C01"}, ""),
    ("staff", "programs-ranking", {"code": "CALL-2026-01"}, ""),
    ("enterprise_user", "programs-applications", {}, ""),
    ("operator", "enterprise-list", {}, ""),
    ("staff", "cultivation-home", {}, ""),
    ("staff", "cultivation-candidates", {"qualification": "hte"}, ""),
    ("staff", "cultivation-certificates", {}, ""),
    ("staff", "cultivation-ladder", {}, ""),
    ("staff", "reporting-chase", {}, ""),
    ("staff", "reporting-history", {}, ""),
    ("staff", "reporting-calendar", {}, ""),
    ("staff", "upscale-candidates", {}, ""),
    ("staff", "hall-home", {}, ""),
    ("staff", "hall-demands", {}, ""),
    ("staff", "hall-challenges", {}, ""),
    ("staff", "hall-board", {}, ""),
    ("staff", "hall-funnel", {}, ""),
    ("staff", "hall-manage-achievements", {}, ""),
    ("staff", "hall-manage-demands", {}, ""),
    ("staff", "hall-events", {}, ""),
]
GROWING: dict[str, str] = {}


@pytest.mark.parametrize(
    "role,name,kwargs,query",
    [
        pytest.param(
            *page, marks=[grows(GROWING[page[1]])] if page[1] in GROWING else [], id=f"{page[1]}-{page[0]}"
        )
        for page in PAGES
    ],
)
def test_queries_do_not_grow_with_the_data(client, scenario, role, name, kwargs, query):  # noqa: F811
    client.force_login(getattr(scenario, role))
    url = reverse(name, kwargs=kwargs) + query
    grow(scenario, 2)
    queries(client, url)  # caches warm
    small, before = queries(client, url)
    grow(scenario, 4)
    large, after = queries(client, url)
    assert after != before, f"{url} shows nothing of the larger data set"
    assert large == small, f"{url}: {small} queries with a small data set, {large} with a larger one"
