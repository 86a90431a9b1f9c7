"""The dashboard's figures: each request counted once, the deadline rates, satisfaction, reopen and
resolution rates (closed-not-solved counts against it), overdue by unit, drill-downs that list
exactly the requests behind a figure, and the xlsx export."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from zerobay.service import stats
from zerobay.service.services.requests import move, raise_request, rate

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from .conftest import at

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 10, 20)


@pytest.fixture
def history(svc):
    """a: answered on time, reopened, answered again, confirmed (satisfied); b: signed late, never
    answered (overdue); c: finance, closed as not solved; d: talent, waiting (paused)."""

    def new(category, day, user=svc.ent_user):
        return raise_request(user, category=category, title=f"{category} {day}", text="…", at=at(day))

    a = new("talent", "2025-09-15")
    move(a, "sign", svc.talent, at=at("2025-09-15"))
    move(a, "answer", svc.talent, comment="答复", at=at("2025-09-17"))
    rate(a, svc.ent_user, "unsatisfied", at=at("2025-09-18"))
    move(a, "answer", svc.talent, comment="再答复", at=at("2025-09-19"))
    rate(a, svc.ent_user, "satisfied", at=at("2025-09-22"))
    b = new("talent", "2025-09-15", svc.other_user)
    move(b, "sign", svc.talent, at=at("2025-09-17"))  # due the 16th
    c = new("finance", "2025-09-16")
    move(c, "sign", svc.finance, at=at("2025-09-16"))
    move(c, "close_unsolved", svc.staff, comment="政策不支持", at=at("2025-09-30"))
    d = new("talent", "2025-10-09")
    move(d, "sign", svc.talent, at=at("2025-10-09"))
    move(d, "ask_info", svc.talent, comment="补充", at=at("2025-10-10"))
    return a, b, c, d


def test_the_figures_count_each_request_once(svc, history):
    a, b, c, d = history
    data = stats.dashboard(svc.staff, TODAY)
    t = data["total"]
    assert (t["requests"], t["open"], t["overdue"]) == (4, 2, 1)  # b is overdue; d is paused
    assert t["sign_rate"] == 3 / 4  # b signed late
    assert t["answer_rate"] == 1.0  # only a was answered, on time (its first answer)
    assert t["resolution_rate"] == 1 / 2  # a resolved, c closed not solved
    assert t["satisfaction"] == 1.0 and t["reopen_rate"] == 1.0  # a: one request, reopened once
    assert data["median_days"] == 8  # a: 5 working days (16–22 Sep), c: 11 (17–30 Sep with the 28th)
    by_unit = {r["label"]: r["values"] for r in data["tables"][1]["rows"]}
    assert by_unit["区人才办"][:3] == [3, 2, 1] and by_unit["区金融办"][:3] == [1, 0, 0]
    assert [(g["unit"].code, [r.pk for r in g["requests"]]) for g in data["overdue_by_unit"]] == [
        ("RCB", [b.pk])
    ]
    assert data["bounces"] == []


def test_bounces_per_unit_count_requests_and_drill_down(client, svc, history):
    a, b, c, d = history
    e = raise_request(svc.ent_user, category="finance", title="退回件", text="…", at=at("2025-10-09"))
    move(e, "return", svc.finance, comment="非本单位", at=at("2025-10-09"))
    move(e, "reroute", svc.staff, comment="改派", unit=svc.units["KW"], at=at("2025-10-10"))
    move(e, "return", svc.kw, comment="也非本单位", at=at("2025-10-10"))
    move(e, "reroute", svc.staff, comment="改派", unit=svc.units["RCB"], at=at("2025-10-11"))
    data = stats.dashboard(svc.staff, TODAY)
    rows = [(r["unit"].code, r["returned"], r["rerouted"]) for r in data["bounces"]]
    assert rows == [("JRB", 1, 1), ("KW", 1, 1)]
    client.force_login(svc.staff)
    page = client.get(data["bounces"][0]["link"]).content.decode()
    assert f'data-id="{e.pk}"' in page and f'data-id="{c.pk}"' not in page


def test_every_figure_drills_down_to_its_requests(client, svc, history):
    a, b, c, d = history
    data = stats.dashboard(svc.staff, timezone.localdate())
    client.force_login(svc.staff)

    def listed(link):
        page = client.get(link).content.decode()
        return {r.pk for r in history if f'data-id="{r.pk}"' in page}

    links = data["total_links"]
    assert listed(links["requests"]) == {a.pk, b.pk, c.pk, d.pk}
    assert listed(links["sign_rate"]) == {b.pk}  # the late one
    assert listed(links["resolution_rate"]) == {c.pk}
    assert listed(links["reopen_rate"]) == {a.pk}
    talent = next(r for r in data["tables"][0]["rows"] if r["label"] == "人才")
    assert listed(talent["cells"][0]["link"]) == {a.pk, b.pk, d.pk}


def test_the_dashboard_page_and_its_xlsx(client, svc, history):
    client.force_login(svc.staff)
    page = client.get(reverse("service-dashboard")).content.decode()
    assert 'id="category-chart"' in page and "按承办单位" in page
    response = client.get(reverse("service-dashboard"), {"format": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheet_names == ["按类别", "按承办单位", "按状态", "单位间推诿"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["分组", "诉求数", "未办结", "逾期"]
    assert rows[1][:2] == ["人才", 3.0]
