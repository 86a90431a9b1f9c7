"""Every demo role over the demo district, as its users would tour it: breadth first from the home
and the navigation, within a page budget. No link answers 403 or 404, and no page shows what a
person cannot read: raw org codes, audit action codes, hash-named source files, definition paths,
Django's '- Select an option -'."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.accounts.models import Role, User
from zerobay.registry.models import OrgUnit

from .crawl import broken, crawl

pytestmark = pytest.mark.django_db

PAGES_PER_ROLE = 45  # keeps the whole tour under a minute on the demo's 60 enterprises
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
APPS = "accounts|registry|statistics|indicators|programs|cultivation|matching|service|workplan|reports|carriers|demo"
RAW = {
    "audit action": re.compile(rf"\b({APPS})\.[a-z_]+\.[a-z_]+\b(?!\.)"),
    "hash file name": re.compile(r"\b\d{3}_[0-9a-f]{16}\.\w+\b"),
    "definition path": re.compile(r"indicators/definitions/\w+\.toml"),
    "select placeholder": re.compile(r"-+\s*Select an option\s*-+"),
}


def visible_text(html: str) -> str:
    """What a reader sees: the text between tags, not attributes, scripts or styles."""
    return unescape(TAG.sub(" ", SCRIPT.sub(" ", html)))


def raw_codes(text: str, org_codes: re.Pattern) -> list[str]:
    found = [f"{what}: {m.group(0)}" for what, rx in RAW.items() for m in rx.finditer(text)]
    around = lambda m: " ".join(text[max(0, m.start() - 25) : m.end() + 25].split())  # noqa: E731
    return found + [f"org code: {m.group(0)} in “{around(m)}”" for m in org_codes.finditer(text)]


def test_the_check_finds_each_kind_of_raw_code():
    codes = re.compile(r"\b(DLHW|YLJQR)\b")
    html = (
        '<p title="DLHW">大零号湾</p><td>YLJQR</td><li>matching.demo.loaded</li><a>003_327d7e019bdad374.txt</a>'
        "<span>zerobay/indicators/definitions/torch.toml</span><option>- Select an option -</option>"
        "<script>var x = 'DLHW';</script>"
    )
    assert sorted(f.split(":")[0] for f in raw_codes(visible_text(html), codes)) == [
        "audit action",
        "definition path",
        "hash file name",
        "org code",
        "select placeholder",
    ]


@pytest.fixture
def demo_district(tmp_path):
    options = ("--no-serve", "--skip-migrate", "--enterprises", "60", "--out", str(tmp_path))
    call_command("demo", *options, stdout=StringIO())


def test_every_role_tours_its_pages_without_a_dead_link_or_a_raw_code(client, demo_district):
    codes = [c for c in OrgUnit.objects.values_list("code", flat=True) if len(c) >= 4]
    org_codes = re.compile(
        r"(?<![A-Za-z0-9_/.=-])(" + "|".join(map(re.escape, codes)) + r")(?![A-Za-z0-9_.-])"
    )
    tourists = {}
    for user in User.objects.exclude(role=Role.NONE).order_by("role", "username"):
        tourists.setdefault(user.role, user)  # one account of each role
    assert len(tourists) >= 10, sorted(tourists)
    problems = []
    for role, user in tourists.items():
        client.force_login(user)
        seen = crawl(client, limit=PAGES_PER_ROLE, depth=2)
        assert len(seen) > 3, (role, seen)
        problems += [f"{role}: {b}" for b in broken(seen)]
        for url, (status, _source) in seen.items():
            if status != 200 or url.endswith((".xlsx", ".docx")) or "format=" in url:
                continue
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            problems += [
                f"{role} {url}: {f}" for f in raw_codes(visible_text(response.content.decode()), org_codes)
            ]
        client.logout()
    assert problems == [], "\n".join(sorted(set(problems))[:80])
