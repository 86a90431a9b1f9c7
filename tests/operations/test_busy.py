"""A request that cannot get the database lock answers 503 with Retry-After, in the user's language."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from zerobay.operations.middleware import DatabaseBusyMiddleware


def _view_raising(message):
    def view(request):
        raise OperationalError(message)

    return view


@pytest.mark.parametrize("message", ["database is locked", "canceling statement due to lock timeout"])
def test_a_locked_database_answers_503_with_retry_after(message):
    middleware = DatabaseBusyMiddleware(lambda r: None)
    request = RequestFactory().get("/enterprises/")
    with pytest.raises(OperationalError) as caught:
        _view_raising(message)(request)
    response = middleware.process_exception(request, caught.value)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "数据库正忙" in response.content.decode()


def test_other_database_errors_are_not_hidden():
    middleware = DatabaseBusyMiddleware(lambda r: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
