"""The application list tells an enterprise by when a returned application must be corrected."""

import pytest
from django.urls import reverse

from tests.accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from zerobay.programs import services
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def test_a_returned_application_shows_its_correction_deadline(client, scenario):
    app = advance(scenario, new_application(scenario), State.SUBMITTED)
    services.transition(app, "return", scenario.staff, comment="缺预算表")
    app.refresh_from_db()
    day = app.correction_deadline.strftime("%Y-%m-%d")
    client.force_login(scenario.enterprise_user)
    page = client.get(reverse("programs-applications")).content.decode()
    assert f"请于 {day} 前补正" in page and "操作人" not in page
    client.cookies["django_language"] = "en"
    assert f"correct by {day}" in client.get(reverse("programs-applications")).content.decode()
