"""Schemathesis over every operation of the published OpenAPI schema, with an admin's token and with
an operator's: no answer may be a server error or contradict the schema (status code, content type,
body). Bounded and seeded, so that a run is repeatable."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks

from zerobay.accounts.tokens import create_token

MAX_EXAMPLES = 10


# Loaded once, in-process, from the schema the site publishes (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def connection_kept():
    """The WSGI handler closes the database connection when a request ends, which would end the test's
    transaction on PostgreSQL; Django's own test client keeps it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def data(district, two_enterprises, settings):
    # Invalid credentials are part of every run: the lock-out (tested on its own) must not cut in.
    settings.AXES_FAILURE_LIMIT = 1_000_000
    return two_enterprises


BOUNDED = settings(
    max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)


# The checks of "no server error, no answer that contradicts the schema": status codes, content types,
# bodies, headers, and credentials that are wrong being refused. Left out: whether the server is as
# strict or as lenient as the schema on input (negative_data_rejection, positive_data_acceptance):
# a date given as 0 or an empty period is refused or read leniently by the pages' own rules.
EXCLUDED = [checks.negative_data_rejection, checks.positive_data_acceptance]


def call(case, user) -> None:
    key = create_token(user, name="schemathesis")[1]
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, excluded_checks=EXCLUDED)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_contract_holds_for_an_admin(case, data, admin_user):
    call(case, admin_user)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_contract_holds_for_an_operator(case, data, operator):
    call(case, operator)
