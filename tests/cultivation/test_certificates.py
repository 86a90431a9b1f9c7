"""The certificate watch: expiring HTE certificates with whether each would qualify again, the
year-end projection against the published target (1,550 in 2026), revocations after a check."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from zerobay.cultivation.certificates import certificate_watch
from zerobay.statistics.models import QualificationRevocation

from ..statistics.helpers import run_import
from .panel import AS_OF, good_hte, hold
from .test_profile_import import QUALS

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(district):
    ready = good_hte(district["dlhw"], name="复审无忧科技")
    hold(ready, start=datetime.date(2023, 9, 1), end=AS_OF + datetime.timedelta(days=60))
    short = good_hte(district["zizhu"], name="复审差一项科技", hightech_revenue=1500)
    hold(short, start=datetime.date(2023, 8, 1), end=AS_OF + datetime.timedelta(days=30))
    later = good_hte(district["dlhw"], name="远期到期科技")
    hold(later, start=datetime.date(2025, 1, 1), end=datetime.date(2027, 12, 31))
    newcomer = good_hte(district["dlhw"], name="新申报科技")
    return ready, short, later, newcomer


def test_expiring_within_the_window_and_would_they_requalify(certified):
    ready, short, later, _newcomer = certified
    watch = certificate_watch(AS_OF, 90)
    expiring = {e["uscc"]: e for e in watch["expiring"]}
    assert set(expiring) == {ready.uscc, short.uscc}
    assert [e["uscc"] for e in watch["expiring"]] == [short.uscc, ready.uscc]  # soonest first
    assert expiring[ready.uscc]["would_requalify"] == "eligible"
    assert expiring[short.uscc]["would_requalify"] == "near"
    assert "还差 10 个百分点" in expiring[short.uscc]["would_requalify_label"]
    assert certificate_watch(AS_OF, 45)["expiring"][0]["uscc"] == short.uscc
    assert len(certificate_watch(AS_OF, 45)["expiring"]) == 1


def test_year_end_projection_against_the_target(certified):
    p = certificate_watch(AS_OF, 90)["projection"]
    assert p["valid_now"] == 3 and p["ending_before_year_end"] == 2
    assert p["renewing_eligible"] == 1 and p["new_eligible"] == 1
    rate = 1239 / 1332
    assert p["recognition_rate"] == pytest.approx(rate, abs=1e-4)
    assert p["projected_year_end"] == 3 - 2 + round(rate * 2)
    assert p["target"] == 1550 and p["gap"] == 1550 - p["projected_year_end"]
    assert p["target_source"] == "003_327d7e019bdad374.txt" and "1332" in p["basis"]


def test_scope_limits_the_watch(certified):
    ready, short, *_ = certified
    watch = certificate_watch(AS_OF, 90, "MH/ZJMH/DLHW/")
    assert [e["uscc"] for e in watch["expiring"]] == [ready.uscc]
    assert watch["projection"]["target"] is None  # no published target for the sub-park in 2026


def test_revoked_after_a_check_through_the_qualification_import(certified, workbook, district):
    ready, *_ = certified
    rows = [
        [
            ready.uscc,
            ready.name,
            "高新技术企业",
            "",
            "2023-09-01",
            AS_OF + datetime.timedelta(days=60),
            "2026-03-01",
            "核查不合格",
        ]
    ]
    status, report = run_import(workbook(QUALS, rows), form="qualifications", period=())
    assert status == 0, report["errors"]
    watch = certificate_watch(AS_OF, 90)
    assert [r["uscc"] for r in watch["revoked"]] == [ready.uscc]
    assert ready.uscc not in {e["uscc"] for e in watch["expiring"]}  # no longer valid
    assert QualificationRevocation.objects.count() == 1


def test_certificates_command_json(certified):
    out = io.StringIO()
    call_command(
        "cultivation",
        "certificates",
        "--as-of",
        AS_OF.isoformat(),
        "--within-days",
        "90",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert len(data["expiring"]) == 2 and data["projection"]["target"] == 1550
