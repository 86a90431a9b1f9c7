"""Every key-task page, for every kind of user: who sees what, who may file what, 404 outside."""

import pytest
from django.urls import reverse

from zerobay.workplan.models import Decision, WeeklyUpdate

pytestmark = pytest.mark.django_db


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_staff_see_every_task_and_the_rule(client, admin_user, plan):
    page = get(client, admin_user, reverse("workplan-home")).content.decode()
    assert "建设概念验证中心" in page and "设立天使基金" in page
    assert "计算规则" in page or "How the status is computed" in page
    # the milestone due in 5 days makes task 2 yellow; task 1 is green
    assert 'data-code="2" data-status="yellow"' in page and 'data-code="1" data-status="green"' in page


def test_filters_by_unit_category_status(client, admin_user, plan, units):
    url = reverse("workplan-home")
    page = get(client, admin_user, url, unit=units["FGW"].pk).content.decode()
    assert "设立天使基金" in page and "建设概念验证中心" not in page
    page = get(client, admin_user, url, category="一、策源功能").content.decode()
    assert "建设概念验证中心" in page and "设立天使基金" not in page
    page = get(client, admin_user, url, status="yellow").content.decode()
    assert "设立天使基金" in page and "建设概念验证中心" not in page
    page = get(client, admin_user, url, status="nonsense", unit="x").content.decode()
    assert "设立天使基金" not in page and "建设概念验证中心" not in page


def test_a_liaison_sees_the_tasks_its_unit_leads_or_co_operates_on_only(client, plan, liaisons):
    url = reverse("workplan-home")
    kw = get(client, liaisons["KW"], url).content.decode()
    assert "建设概念验证中心" in kw and "设立天使基金" not in kw
    wj = get(client, liaisons["WJ"], url).content.decode()
    assert "建设概念验证中心" in wj and "设立天使基金" not in wj
    jw = get(client, liaisons["JW"], url).content.decode()
    assert "建设概念验证中心" not in jw and "设立天使基金" not in jw
    one, two = plan["one"], plan["two"]
    assert get(client, liaisons["KW"], reverse("workplan-task", args=[one.pk])).status_code == 200
    assert get(client, liaisons["WJ"], reverse("workplan-task", args=[one.pk])).status_code == 200
    assert get(client, liaisons["KW"], reverse("workplan-task", args=[two.pk])).status_code == 404
    assert get(client, liaisons["JW"], reverse("workplan-task", args=[one.pk])).status_code == 404
    assert get(client, liaisons["KW"], reverse("workplan-task", args=[99999])).status_code == 404


def test_only_the_lead_units_liaison_files_an_update(client, plan, liaisons, admin_user):
    one, two = plan["one"], plan["two"]
    update = reverse("workplan-update", args=[one.pk])
    data = {
        "progress": "完成选址",
        "problems": "用地指标需协调",
        "declared_status": "green",
        "next_steps": "",
    }
    # the co-operating town reads the task but cannot file: 404, nothing stored
    client.force_login(liaisons["WJ"])
    assert client.get(update).status_code == 404
    assert client.post(update, data).status_code == 404
    client.force_login(liaisons["KW"])
    assert client.get(reverse("workplan-update", args=[two.pk])).status_code == 404
    assert client.post(reverse("workplan-update", args=[two.pk]), data).status_code == 404
    assert not WeeklyUpdate.objects.exists()
    # the lead unit's liaison files; a second filing in the week corrects the first
    page = client.get(reverse("workplan-task", args=[one.pk])).content.decode()
    assert reverse("workplan-update", args=[one.pk]) in page
    assert client.post(update, data).status_code == 302
    assert client.post(update, data | {"declared_status": "red"}).status_code == 302
    stored = WeeklyUpdate.objects.get()
    assert stored.unit.short_name == "区科委" and stored.declared_status == "red"
    page = client.get(reverse("workplan-task", args=[one.pk])).content.decode()
    assert "用地指标需协调" in page and "⚑" in page  # declared red, computed green: flagged
    # the co-operating unit's page has no link to the form
    page = get(client, liaisons["WJ"], reverse("workplan-task", args=[one.pk])).content.decode()
    assert reverse("workplan-update", args=[one.pk]) not in page
    # staff do not file updates
    client.force_login(admin_user)
    assert client.get(update).status_code == 403


def test_a_bad_update_is_refused_with_the_field_named(client, plan, liaisons):
    client.force_login(liaisons["KW"])
    url = reverse("workplan-update", args=[plan["one"].pk])
    response = client.post(url, {"progress": "", "declared_status": "purple", "percent": "150"})
    assert response.status_code == 200 and not WeeklyUpdate.objects.exists()
    page = response.content.decode()
    assert page.count('class="errorlist"') >= 3


def test_the_meeting_is_for_staff_and_leadership_only(client, plan, liaisons, admin_user, viewer, operator):
    url = reverse("workplan-meeting")
    assert get(client, admin_user, url).status_code == 200
    page = get(client, viewer, url).content.decode()
    assert 'id="decision-form"' not in page  # leadership reads, does not record
    assert get(client, liaisons["KW"], url).status_code == 403
    assert get(client, operator, url).status_code == 403
    for user in (operator, liaisons["KW"]):
        assert get(client, user, reverse("workplan-board")).status_code in (200, 403)
    assert get(client, operator, reverse("workplan-home")).status_code == 403


def test_a_decision_is_recorded_tracked_and_closed_by_staff_only(
    client, plan, units, admin_user, viewer, liaisons
):
    data = {"text": "协调用地指标", "owner": units["KW"].pk, "due": "2030-01-01", "task": plan["one"].pk}
    client.force_login(liaisons["KW"])
    assert client.post(reverse("workplan-decision-add"), data).status_code == 403
    client.force_login(viewer)
    assert client.post(reverse("workplan-decision-add"), data).status_code == 403
    client.force_login(admin_user)
    assert client.post(reverse("workplan-decision-add"), data).status_code == 302
    decision = Decision.objects.get()
    page = client.get(reverse("workplan-meeting")).content.decode()
    assert "协调用地指标" in page and 'class="decision-open"' in page
    client.force_login(liaisons["KW"])
    assert client.post(reverse("workplan-decision-close", args=[decision.pk])).status_code == 403
    client.force_login(admin_user)
    assert (
        client.post(reverse("workplan-decision-close", args=[decision.pk]), {"note": "已落实"}).status_code
        == 302
    )
    decision.refresh_from_db()
    assert decision.closed_on is not None and decision.closing_note == "已落实"
    page = client.get(reverse("workplan-meeting")).content.decode()
    assert 'class="decision-closed"' in page and "已落实" in page  # reported back
    assert client.post(reverse("workplan-decision-close", args=[decision.pk])).status_code == 404


def test_the_board_shows_colours_and_the_matrix_drills_to_tasks(client, admin_user, plan, units, liaisons):
    page = get(client, admin_user, reverse("workplan-board")).content.decode()
    assert 'data-code="2" data-status="yellow"' in page
    assert f"unit={units['FGW'].pk}&amp;status=yellow" in page
    assert 'id="timeline-1-chart"' in page and 'media="print"' in page
    page = get(client, liaisons["WJ"], reverse("workplan-board")).content.decode()
    assert "建设概念验证中心" in page and "设立天使基金" not in page


def test_the_nav_shows_key_tasks_to_those_who_may_see_them(client, admin_user, liaisons, operator, plan):
    link = f'href="{reverse("workplan-home")}"'
    assert link in get(client, admin_user, reverse("home")).content.decode()
    assert link in get(client, liaisons["KW"], reverse("home")).content.decode()
    assert link not in get(client, operator, reverse("home")).content.decode()


def test_staff_keep_milestones_and_the_status_follows(client, admin_user, plan, liaisons):
    two = plan["two"]
    milestone = two.milestones.get()
    mark = reverse("workplan-milestone-mark", args=[milestone.pk])
    client.force_login(liaisons["FGW"])  # the lead unit's liaison reports; it does not accept
    assert client.post(mark, {"action": "accept"}).status_code == 403
    client.force_login(admin_user)
    assert client.post(mark, {"action": "explode"}).status_code == 404
    assert client.post(mark, {"action": "accept"}).status_code == 302
    two.refresh_from_db()
    assert two.status == "done"  # its last milestone is accepted
    add = reverse("workplan-milestone-add", args=[two.pk])
    assert client.post(add, {"due": "not a date", "deliverable": "x"}).status_code == 302
    assert two.milestones.count() == 1
    assert client.post(add, {"due": "2099-12-31", "deliverable": "基金首期募集"}).status_code == 302
    two.refresh_from_db()
    assert two.status != "done" and two.milestones.count() == 2
    page = client.get(reverse("workplan-task", args=[two.pk])).content.decode()
    assert "基金首期募集" in page and 'id="changes"' not in page and "milestone" in page
    assert (
        client.post(reverse("workplan-milestone-mark", args=[99999]), {"action": "done"}).status_code == 404
    )


def test_the_task_list_exports_what_the_filters_show(client, admin_user, plan, units, liaisons):
    import io

    from python_calamine import CalamineWorkbook

    def rows(user, **params):
        client.force_login(user)
        response = client.get(reverse("workplan-home"), {"format": "xlsx", **params})
        return CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()

    all_rows = rows(admin_user)
    assert all_rows[0][:2] == ["序号", "任务"] and {r[1] for r in all_rows[1:]} == {
        "建设概念验证中心",
        "设立天使基金",
    }
    assert [r[1] for r in rows(admin_user, status="yellow")[1:]] == ["设立天使基金"]
    assert [r[1] for r in rows(liaisons["WJ"])[1:]] == ["建设概念验证中心"]  # its own scope only


def test_staff_link_a_task_to_an_enterprise_or_carrier(client, admin_user, plan, liaisons):
    from tests.factories import EnterpriseFactory

    firm = EnterpriseFactory(name="零号湾机器人有限公司")
    url = reverse("workplan-link-add", args=[plan["one"].pk])
    client.force_login(liaisons["KW"])
    assert client.post(url, {"kind": "enterprise", "key": firm.uscc}).status_code == 403
    client.force_login(admin_user)
    client.post(url, {"kind": "enterprise", "key": firm.uscc.lower()})
    client.post(url, {"kind": "enterprise", "key": "91310000MA1FL0000X"})  # not in the registry: refused
    client.post(url, {"kind": "programme", "key": "ZJ2025-01"})
    page = client.get(reverse("workplan-task", args=[plan["one"].pk])).content.decode()
    assert "零号湾机器人有限公司" in page and "ZJ2025-01" in page
    assert plan["one"].links.count() == 2


def test_staff_remind_the_units_missing_updates(client, admin_user, plan, liaisons):
    from zerobay.accounts.models import Notification

    client.force_login(admin_user)
    page = client.get(reverse("workplan-meeting")).content.decode()
    assert 'id="remind-form"' in page
    assert client.post(reverse("workplan-remind")).status_code == 302
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"liaison-kw", "liaison-fgw"}
    client.force_login(liaisons["KW"])
    assert client.post(reverse("workplan-remind")).status_code == 403
