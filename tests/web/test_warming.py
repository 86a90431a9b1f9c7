"""After an import or a registry change the task worker warms what the district-wide pages compute
per data version (web.versions.warm, the cultivation app's warmers): the first district user to open
the cultivation pages then reads cached figures instead of screening the whole registry."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zerobay.registry.signals import registry_changed
from zerobay.web import versions

from ..cultivation.chase_fixtures import month_fixture  # noqa: F401 (the fixture "month")

pytestmark = pytest.mark.django_db
PAGES = ["/cultivation/", "/cultivation/certificates/", "/cultivation/ladder/", "/cultivation/reporting/"]
# What the pages compute from: the reports and the qualifications of every enterprise in scope.
FIGURES = ("statistics_annualreport", "statistics_monthlyreport", "registry_qualification")


def _figure_queries(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    # Not the latest month's lookup (MAX over an index) the chase page opens on.
    return [
        q["sql"]
        for q in queries
        if any(table in q["sql"] for table in FIGURES) and not q["sql"].startswith("SELECT MAX(")
    ]


@pytest.fixture
def warming_on(settings):
    settings.ZEROBAY_WARM_AFTER_SECONDS = 0  # the test backend runs tasks at once


@pytest.mark.parametrize("path", PAGES)
def test_after_a_change_the_pages_read_what_the_worker_computed(
    month, admin_user, client, warming_on, django_capture_on_commit_callbacks, path
):
    client.force_login(admin_user)
    versions.bump()  # without warming: the page computes its figures itself
    assert _figure_queries(client, path), "the page computes from the figures when nothing is warmed"
    with django_capture_on_commit_callbacks(execute=True):
        registry_changed.send(sender=None, reason="test")  # as an edit or an import does
    assert _figure_queries(client, path) == []


def test_warming_is_off_unless_configured(
    month, admin_user, client, settings, django_capture_on_commit_callbacks
):
    settings.ZEROBAY_WARM_AFTER_SECONDS = None
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        registry_changed.send(sender=None, reason="test")
    assert callbacks == []
    assert _figure_queries(client, "/cultivation/")


def test_a_superseded_version_is_not_warmed(month, warming_on):
    old = versions.current()
    versions.bump()
    assert versions.warm(old) == {}
    assert set(versions.warm(versions.current())) >= {"cultivation"}


def test_a_failing_warmer_is_logged_and_the_others_still_run(month, monkeypatch, caplog):
    def broken():
        raise RuntimeError("a warmer's bug")

    monkeypatch.setitem(versions.WARMERS, "broken", broken)
    with caplog.at_level(logging.ERROR, logger="zerobay.web.versions"):
        seconds = versions.warm()
    assert set(seconds) >= {"broken", "cultivation"}
    assert "warming broken failed" in caplog.text
