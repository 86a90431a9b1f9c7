"""The hall as a visitor sees it (issue 19, item 5): a search says how many it found and labels each
hit's relevance instead of printing a bare score; the demo's items read differently from each
other; the manager's board is filtered by stage, manager and date, paginated, each match once."""

import datetime
import re

import lxml.html
import pytest
from django.utils import timezone

from zerobay.matching import demo
from zerobay.matching.models import Achievement, Demand, Match, Stage

from .conftest import make_achievement, make_demand

pytestmark = pytest.mark.django_db


def test_a_search_counts_its_hits_and_labels_their_relevance(client, taxonomy):
    published = Achievement.Status.PUBLISHED
    make_achievement(
        "CG-1", published, title="锂电池极片缺陷视觉检测", abstract="极片毛刺视觉检测，锂电池产线在线识别"
    )
    make_achievement("CG-2", published, title="锂电池热失控预警", abstract="电池包温度与气体监测")
    make_achievement("CG-3", published, title="海水淡化膜材料", abstract="反渗透膜，海水淡化")
    html = client.get("/hall/", {"q": "锂电池极片毛刺检测"}).content.decode()
    doc = lxml.html.fromstring(html)
    hits = doc.xpath('//div[@class="hit"]')
    count = doc.xpath('//*[@id="result-count"]')[0].text_content()
    assert str(len(hits)) in count and "锂电池极片毛刺检测" in count
    badges = [h.xpath(".//*[@data-relevance]")[0].get("data-relevance") for h in hits]
    assert badges[0] == "high"
    assert not doc.xpath('//*[@class="score"]')  # no bare score next to a title
    assert not re.search(r"</a>\s*\d+\.\d\d\s*</h3>", html)


def test_the_unsearched_hall_counts_its_items(client, taxonomy):
    for i in range(3):
        make_achievement(f"CG-{i}", Achievement.Status.PUBLISHED, title=f"成果{i}", abstract=f"摘要{i}")
    count = lxml.html.fromstring(client.get("/hall/").content).xpath('//*[@id="result-count"]')[0]
    assert "3" in count.text_content()


def test_no_two_demo_items_read_alike(district, taxonomy):
    demo.load(password="pw-demo-123", seed=7, progress=lambda _m: None)
    abstracts = list(Achievement.objects.values_list("abstract", flat=True))
    descriptions = list(Demand.objects.values_list("description", flat=True))
    assert len(abstracts) > 100 and len(set(abstracts)) == len(abstracts)
    assert len(descriptions) > 50 and len(set(descriptions)) == len(descriptions)


@pytest.fixture
def matches(taxonomy, firms, tto, manager):
    published = Achievement.Status.PUBLISHED
    demand = make_demand("XQ-1", Demand.Status.OPEN, firms["a"])
    made = []
    for i in range(40):
        achievement = make_achievement(f"CG-B{i}", published, title=f"成果{i}")
        m = Match.objects.create(
            demand=demand,
            achievement=achievement,
            score=1.0,
            stage=Stage.SUGGESTED if i < 35 else Stage.INTRODUCED,
            manager=manager if i % 2 else None,
        )
        made.append(m)
    old = timezone.now() - datetime.timedelta(days=100)
    Match.objects.filter(pk__in=[m.pk for m in made[:10]]).update(created_at=old)
    return made


def _ids(html: str) -> list[str]:
    return [e.get("data-match") for e in lxml.html.fromstring(html).xpath("//*[@data-match]")]


def test_the_board_shows_each_stage_briefly_and_each_match_once(client, tto, matches):
    client.force_login(tto)
    html = client.get("/hall/board/").content.decode()
    ids = _ids(html)
    assert len(ids) == len(set(ids)) <= 12 * len(Stage)
    more = lxml.html.fromstring(html).xpath('//div[@data-stage="suggested"]//a[@class="more"]')[0]
    assert "35" in more.text_content() and "stage=suggested" in more.get("href")


def test_the_board_pages_a_stage_and_filters_by_manager_and_date(client, tto, manager, matches):
    client.force_login(tto)
    first = _ids(client.get("/hall/board/", {"stage": "suggested"}).content.decode())
    second = _ids(client.get("/hall/board/", {"stage": "suggested", "page": 2}).content.decode())
    assert len(first) == 30 and len(second) == 5 and not set(first) & set(second)
    mine = _ids(client.get("/hall/board/", {"stage": "suggested", "manager": manager.pk}).content.decode())
    assert len(mine) == 17 and all(Match.objects.get(pk=i).manager == manager for i in mine)
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    recent = _ids(client.get("/hall/board/", {"stage": "suggested", "since": since}).content.decode())
    assert len(recent) == 25


def test_a_manager_sees_only_their_own_board(client, manager, matches):
    client.force_login(manager)
    html = client.get("/hall/board/", {"stage": "suggested"}).content.decode()
    assert all(Match.objects.get(pk=i).manager == manager for i in _ids(html))
    assert 'name="manager"' not in html
