"""The policy package: the open calls' clauses an enterprise qualifies for by the programmes'
eligibility checks, those it misses by one condition with the gap; on its page, on the enterprise
page, and pushed to its users once."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zerobay.accounts.models import Notification
from zerobay.service.services.package import policy_package

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from ..programs.conftest import scenario  # noqa: F401 (the programme scenario)

pytestmark = pytest.mark.django_db


def test_qualifies_now_and_nearly(scenario):  # noqa: F811
    s = scenario
    mine = policy_package(s.enterprise, timezone.localdate())
    assert [i["clause"].code for i in mine["eligible"]] == ["C01", "C02"] and mine["near"] == []
    assert mine["eligible"][0]["to_check"] == ["项目具有产业化前景"]  # left to the reviewers
    theirs = policy_package(s.other_enterprise, timezone.localdate())
    assert theirs["eligible"] == [] and [i["clause"].code for i in theirs["near"]] == ["C02"]
    assert "12 年" in theirs["near"][0]["gap"]  # founded 12 years ago, at most 10 allowed


def test_pages_and_push(client, scenario):  # noqa: F811
    s = scenario
    client.force_login(s.other_user)
    page = client.get(reverse("service-package")).content.decode()
    assert 'data-near="C02"' in page and 'data-clause="C01"' not in page
    client.force_login(s.staff)
    page = client.get(reverse("enterprise-detail", args=[s.enterprise.uscc])).content.decode()
    assert 'data-clause="C01"' in page and 'data-clause="C02"' in page
    assert client.get(reverse("service-package")).status_code == 403  # an enterprise's own page
    for _ in range(2):  # pushed once
        out = StringIO()
        call_command("service", "package", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["notifications"] == 0
    told = Notification.objects.filter(user=s.enterprise_user, kind="service.package")
    assert sorted(n.link for n in told) == ["/programs/clauses/C01/", "/programs/clauses/C02/"]
    assert not Notification.objects.filter(user=s.other_user, kind="service.package").exists()
