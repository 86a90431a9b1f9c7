"""One page per enterprise (issue 15, item 5): the registry's enterprise page with every app's panel,
the alerts and the timeline; an enterprise user sees its own page and no other; every link on the
page opens for whoever is shown it; and on the demo district the panels' figures equal their sources."""

import datetime
from decimal import Decimal
from io import StringIO

import lxml.html
import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from zerobay.accounts.models import Role, User
from zerobay.carriers.models import Residency
from zerobay.cultivation.ladder import enterprise_ladder
from zerobay.matching.access import visible_demands
from zerobay.programs.models import Application
from zerobay.registry.formatting import format_money_wan
from zerobay.service.models import ServiceRequest, SupportRecord
from zerobay.service.services.requests import raise_request
from zerobay.service.support.demo import published
from zerobay.statistics.models import AnnualReport

from ..crawl import links
from ..factories import QualificationFactory, UserFactory
from ..programs.factories import annual_report

pytestmark = pytest.mark.django_db
PANELS = (
    "annual-figures",
    "qualifications",
    "ladder-panel",
    "programme-panel",
    "carrier-panel",
    "hall-panel",
    "service-panel",
    "support-panel",
    "timeline",
)


def page(client, user, enterprise):
    client.force_login(user)
    return client.get(f"/enterprises/{enterprise.uscc}/")


def section(html: str, id_: str) -> str:
    (node,) = lxml.html.fromstring(html).xpath(f'//*[@id="{id_}"]')
    if node.tag in ("h2", "table"):  # a heading or table: the card it sits in
        node = node.getparent() if node.tag == "h2" else node
    return node.text_content()


def test_an_enterprise_user_sees_its_own_page_and_no_other(client, svc):
    own = page(client, svc.ent_user, svc.mine)
    assert own.status_code == 200
    html = own.content.decode()
    for id_ in (
        "ladder-panel",
        "programme-panel",
        "carrier-panel",
        "hall-panel",
        "support-panel",
        "timeline",
    ):
        assert f'id="{id_}"' in html
    assert '/enterprises/"' not in html  # no link to the list it may not open
    assert page(client, svc.ent_user, svc.other).status_code == 404
    assert page(client, svc.other_user, svc.mine).status_code == 404


def test_scoped_staff_see_their_sub_park_only_and_units_see_no_page(client, svc, operator):
    assert page(client, operator, svc.mine).status_code == 200  # 大零号湾's block
    assert page(client, operator, svc.other).status_code == 404  # 紫竹
    assert page(client, svc.talent, svc.mine).status_code == 404  # a working unit's liaison
    assert page(client, svc.leader, svc.other).status_code == 200


def test_every_link_on_the_page_opens_for_whoever_is_shown_it(client, svc, operator):
    today = timezone.localdate()
    annual_report(svc.mine, today.year - 2, revenue=9_000_000, rd_expenditure=500_000)
    annual_report(svc.mine, today.year - 1, revenue=7_000_000, rd_expenditure=500_000)
    raise_request(svc.ent_user, category="talent", title="落户", text="博士后落户")
    for user in (svc.ent_user, operator, svc.leader, svc.staff):
        response = page(client, user, svc.mine)
        assert response.status_code == 200
        url = f"/enterprises/{svc.mine.uscc}/"
        for link in set(links(response.content.decode(), url)):
            status = client.get(link).status_code
            assert status not in (403, 404), f"{user.username}: {link} answers {status}"


def test_alerts_say_what_and_by_which_rule(client, svc):
    today = timezone.localdate()
    annual_report(svc.mine, today.year - 2, revenue=9_000_000, rd_expenditure=500_000)
    annual_report(svc.mine, today.year - 1, revenue=7_000_000, rd_expenditure=500_000)
    QualificationFactory(
        enterprise=svc.mine,
        kind="hte",
        certificate_no="GR202331000123",
        valid_from=today - datetime.timedelta(days=1000),
        valid_to=today + datetime.timedelta(days=60),
    )
    overdue = raise_request(
        svc.ent_user,
        category="policy",
        title="政策咨询",
        text="加计扣除口径",
        at=timezone.now() - datetime.timedelta(days=30),
    )
    html = page(client, svc.staff, svc.mine).content.decode()
    alerts = lxml.html.fromstring(html).xpath("//*[@data-alert]")
    codes = {a.get("data-alert"): a.text_content() for a in alerts}
    assert "700.00" in codes["revenue_falling"] and "900.00" in codes["revenue_falling"]
    assert "GR202331000123" in codes["certificate_expiring"]
    assert overdue.code in codes["request_overdue"]
    # The enterprise itself sees its overdue request too; nothing of another firm's.
    own = page(client, svc.ent_user, svc.mine).content.decode()
    assert overdue.code in own and 'data-alert="request_overdue"' in own


def test_the_timeline_merges_every_app_newest_first(client, svc):
    today = timezone.localdate()
    annual_report(svc.mine, today.year - 1, revenue=9_000_000, rd_expenditure=500_000)
    QualificationFactory(enterprise=svc.mine, kind="tech_sme", valid_from=datetime.date(today.year - 1, 3, 1))
    req = raise_request(svc.ent_user, category="talent", title="人才公寓", text="两套")
    html = page(client, svc.staff, svc.mine).content.decode()
    items = lxml.html.fromstring(html).xpath('//*[@id="timeline"]//li')
    days = [li.xpath("./span")[0].text_content() for li in items]
    assert days == sorted(days, reverse=True)
    text = " ".join(li.text_content() for li in items)
    assert req.code in text and "科技型中小企业" in text


@pytest.fixture
def demo_district(tmp_path):
    out = StringIO()
    call_command(
        "demo", "--no-serve", "--skip-migrate", "--enterprises", "600", "--out", str(tmp_path), stdout=out
    )
    return User.objects.get(username="svc-ent")


def _wan(yuan) -> str:
    return format_money_wan(yuan) or "—"


def test_the_demo_enterprise_page_shows_every_panel_with_figures_equal_to_their_sources(
    client, demo_district
):
    user = demo_district
    e = user.enterprise
    html = page(client, user, e).content.decode()
    for id_ in PANELS:
        assert f'id="{id_}"' in html, id_

    # Torch figures: every year's revenue as imported.
    annual = section(html, "annual-figures")
    reports = AnnualReport.objects.filter(enterprise=e).order_by("year")
    assert reports.count() >= 2
    for r in reports:
        assert str(r.year) in annual and _wan(r.revenue) in annual

    # Qualifications and the ladder: the rung the ladder computes.
    assert enterprise_ladder(e, timezone.localdate())["rung"].name in section(html, "ladder-panel")

    # Programme support: the applications' approved and paid sums.
    apps = Application.objects.filter(enterprise=e)
    sums = apps.aggregate(approved=Sum("approved_amount"), paid=Sum("paid_amount"))
    totals = section(html, "programme-totals")
    assert _wan(sums["approved"] or Decimal(0)) in totals and _wan(sums["paid"] or Decimal(0)) in totals
    assert all(a.code in section(html, "programme-panel") for a in apps)

    # The carrier it sits in, its demands in the hall, its requests.
    assert all(
        r.carrier.name in section(html, "carrier-panel") for r in Residency.objects.filter(enterprise=e)
    )
    demands = visible_demands(user).filter(enterprise=e)
    assert demands.exists() and all(d.title in section(html, "hall-panel") for d in demands)
    service = section(html, "service-panel")
    assert all(r.code in service for r in ServiceRequest.objects.filter(enterprise=e)[:10])

    # Money and people: each kind's count and amount as imported.
    summary = lxml.html.fromstring(html).xpath('//*[@id="support-summary"]//tr[@data-kind]')
    shown = {tr.get("data-kind"): [td.text_content() for td in tr.xpath("./td")] for tr in summary}
    records = SupportRecord.objects.filter(enterprise=e)
    assert (
        set(shown)
        == set(records.values_list("kind", flat=True))
        == {
            "talent",
            "housing",
            "first_loan",
            "credit",
            "grant",
            "fund",
        }
    )
    for kind, cells in shown.items():
        mine = records.filter(kind=kind)
        assert int(cells[1]) == mine.count()
        amount = mine.aggregate(s=Sum("amount"))["s"]
        if amount:
            assert cells[2] == _wan(amount)


def test_the_demo_records_add_up_to_the_published_totals(demo_district):
    for entry in published():
        records = SupportRecord.objects.filter(kind=entry["kind"])
        if entry["counterpart"] and entry["kind"] not in ("credit", "fund"):
            records = records.filter(counterpart=entry["counterpart"])
        if entry["amount_wan"]:
            assert records.aggregate(s=Sum("amount"))["s"] == Decimal(entry["amount_wan"]) * 10_000
        if entry["quantity"]:
            assert records.aggregate(s=Sum("quantity"))["s"] == entry["quantity"]
        if entry["records"] and entry["records"] <= 600:
            assert records.count() == entry["records"]
        assert all(r.batch.form == "support_records" and r.source_row >= 3 for r in records[:20])


def test_an_expert_or_a_hall_role_opens_no_enterprise_page(client, svc):
    for role in (Role.EXPERT, Role.TECH_MANAGER, Role.FINANCE):
        user = UserFactory(username=f"u-{role}", role=role)
        assert page(client, user, svc.mine).status_code == 404


def test_the_page_runs_as_many_queries_for_a_long_history_as_for_a_short_one(client, svc, workbook):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zerobay.statistics.periods import Period
    from zerobay.statistics.services import import_file

    def add(n: int, start: int) -> None:
        header = ["统一社会信用代码", "企业名称", "支持类型", "日期", "项目或机构", "金额（万元）", "数量"]
        rows = [
            [svc.mine.uscc, svc.mine.name, kind, f"2025-01-{start + i:02d}", "某机构", "10", "1"]
            for i in range(n)
            for kind in ("首贷", "人才推荐", "基金投资")
        ]
        import_file(
            workbook(header, rows, name=f"r{start}.xlsx"), form_code="support_records", period=Period(2025)
        )
        for i in range(n):
            raise_request(svc.ent_user, category="talent", title=f"诉求{start + i}", text="人才公寓")
            QualificationFactory(
                enterprise=svc.mine, kind="tech_sme", valid_from=datetime.date(2025, 1, start + i)
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/enterprises/{svc.mine.uscc}/").status_code == 200
        return len(captured)

    client.force_login(svc.staff)
    add(1, 1)
    client.get(f"/enterprises/{svc.mine.uscc}/")  # warm the per-version caches
    few = count()
    add(8, 10)
    client.get(f"/enterprises/{svc.mine.uscc}/")
    assert count() == few
