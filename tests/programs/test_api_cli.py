"""The `zerobay programs` command: eligible enterprises with notification, budget, ranking,
timeline and workflow actions with their refusals."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zerobay.accounts.models import Notification
from zerobay.programs.workflow import State

from .factories import advance, new_application

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("programs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_eligible_lists_and_notifies(scenario):
    data = json.loads(run("eligible", "C01", "--format", "json"))
    assert [e["name"] for e in data["enterprises"]] == ["零号湾智能科技有限公司"]
    assert "企业位于大零号湾" in data["enterprises"][0]["reasons"]
    run("eligible", "C01", "--notify", "--user", "admin")
    assert Notification.objects.filter(user=scenario.enterprise_user, kind="programs.eligible").count() == 1
    with pytest.raises(CommandError, match="只有管理人员"):
        run("eligible", "C01", "--notify", "--user", "viewer")
    with pytest.raises(CommandError, match="条款“C99”不存在"):
        run("eligible", "C99")


def test_budget_ranking_timeline_and_actions(scenario):
    s = scenario
    app = advance(s, new_application(s), State.APPROVED)
    assert "已立项\t1,000,000.00 元" in run("budget", "--call", s.call.code)
    assert (
        json.loads(run("budget", "--policy", s.policy.code, "--format", "json"))["available"] == "9000000.00"
    )
    assert app.code in run("ranking", s.call.code)
    lines = run("timeline", app.code).splitlines()
    assert len(lines) == 6 and "ent" in lines[0]
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        run("act", app.code, "close", "--user", "nobody")
    with pytest.raises(CommandError, match="处于“已立项”状态，不能执行“绩效评价后结项”"):
        run("act", app.code, "close", "--user", "admin")
    second = new_application(s, user=s.other_user, clause=s.clause2, amount=300000)
    with pytest.raises(CommandError, match="无权"):
        run("act", second.code, "submit", "--user", "ent")
    with pytest.raises(CommandError, match="已满 12 年，不符合要求"):  # C02: founded at most 10 years ago
        run("act", second.code, "submit", "--user", "ent-other")
    assert run("act", second.code, "withdraw", "--user", "ent-other").strip() == f"{second.code}：withdrawn"
