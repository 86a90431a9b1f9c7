"""No key-task page links a user to something that answers 403 or 404: every link under /workplan/ and
/reports/ reachable from the key tasks' home, for each kind of user who sees them."""

import re
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import timezone

from zerobay.reports.bulletin import services as bulletins
from zerobay.workplan.models import Decision, WeeklyUpdate, week_start

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"#]+)"')


def crawl(client, start: str, limit: int = 60) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            if target.startswith(("/workplan/", "/reports/")) and target not in seen:
                queue.append(target)
    return seen


@pytest.mark.parametrize("who", ["admin", "viewer", "liaison-kw", "liaison-wj"])
def test_every_link_answers(client, admin_user, viewer, liaisons, plan, units, who):
    WeeklyUpdate.objects.create(
        task=plan["one"], unit=units["KW"], week=week_start(timezone.localdate()), progress="p",
        problems="需协调", declared_status="yellow",
    )  # fmt: skip
    meeting = __import__("zerobay.workplan.dispatch", fromlist=["x"]).meeting_of_week(
        admin_user, week_start(timezone.localdate())
    )
    Decision.objects.create(
        meeting=meeting, task=plan["one"], text="协调", owner=units["KW"], due=timezone.localdate()
    )
    bulletins.draft(admin_user, timezone.localdate())
    user = {
        "admin": admin_user,
        "viewer": viewer,
        "liaison-kw": liaisons["KW"],
        "liaison-wj": liaisons["WJ"],
    }[who]
    client.force_login(user)
    seen = crawl(client, reverse("workplan-home"))
    assert len(seen) > 5
    if who == "admin":  # the crawl reached the meeting, a task, the bulletin and the downloads
        assert any("/meeting/" in u for u in seen) and any("/reports/bulletins/" in u for u in seen)
    bad = {url: status for url, status in seen.items() if status != 200}
    assert not bad, bad
