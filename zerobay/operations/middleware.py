"""A page that cannot get the database in time answers 503 with Retry-After instead of a 500.

On the embedded SQLite database one writer holds the lock at a time; requests wait up to the
connection's timeout (settings: 30 s) for it. Past that a request gives up: the user is told to try
again shortly, the error is logged, and nothing half-written stays (the request's transaction rolled
back). PostgreSQL's lock timeouts and serialization failures take the same way out.
"""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
BUSY_MARKERS = ("database is locked", "database table is locked", "lock timeout", "could not serialize")


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in BUSY_MARKERS)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        log.warning("database busy on %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(
            _("The database is busy with another change. Please try again in a few seconds."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
