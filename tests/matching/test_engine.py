"""The matching engine as a user of the hall or a tech manager notices it."""

import pytest

from zerobay.matching.engine import METHODS, Doc, Matcher, search_text
from zerobay.matching.engine.vocabulary import parse

BURR_DEMAND = Doc(
    "D1",
    "产线上的锂电极片毛刺怎么在线检出",
    "我们做动力电池，涂布辊压之后极片边上有毛刺，现在靠人工抽检，漏检多。",
    field="锂电池制造",
)
ACHIEVEMENTS = [
    Doc(
        "VISION",
        "基于深度学习的电池极片表面缺陷视觉检测方法",
        "改进的目标检测网络对锂离子电池极片涂布表面的划痕、漏箔等缺陷实时识别。",
        field="新型储能",
        maturity=6,
    ),
    Doc(
        "CATHODE",
        "高镍三元正极材料的共沉淀制备方法",
        "单晶高镍正极材料的合成工艺。",
        field="新型储能",
        maturity=5,
    ),
    Doc(
        "SURGERY",
        "脊柱手术导航定位机器人",
        "术中三维影像配准与光学追踪，椎弓根螺钉精确置入。",
        field="医疗机器人",
    ),
    Doc(
        "ROV",
        "作业级遥控水下机器人",
        "海洋平台水下结构与管道的自动巡检。",
        field="海洋资源开发装备",
        maturity=7,
    ),
]


# "dense" alone is a measured leg, not a method to use alone (see the README's table): it relates every
# text a little, and only fused with the word legs does it help.
@pytest.mark.parametrize("method", [m for m in METHODS if m != "dense"])
def test_the_electrode_burr_demand_finds_the_vision_inspection_achievement(method):
    hits = Matcher(ACHIEVEMENTS, method).search(BURR_DEMAND, top=3)
    assert hits[0].key == "VISION"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert "SURGERY" not in [h.key for h in hits]


def test_reasons_name_the_shared_terms_the_bridged_concept_and_the_maturity():
    hit = Matcher(ACHIEVEMENTS).search(BURR_DEMAND, top=1)[0]
    shared = next(r for r in hit.reasons if r.startswith("共同术语："))
    assert "极片" in shared and "涂布" in shared
    assert any(r.startswith("相关概念：") and "毛刺≈" in r for r in hit.reasons)
    assert "成熟度：TRL 6（中试阶段）" in hit.reasons


def test_track_and_maturity_reasons_when_the_query_states_them():
    query = Doc("D2", "电池极片缺陷在线检测", track="ENER-STO-T", maturity=7)
    hit = Matcher(ACHIEVEMENTS).search(query, top=1)[0]
    assert hit.key == "VISION"
    assert "赛道一致：新型储能" in hit.reasons
    assert "成熟度：TRL 6（中试阶段），低于需求的 TRL 7" in hit.reasons


def test_same_track_and_sufficient_maturity_rank_first_among_equal_texts():
    twins = [
        Doc("LAB", "海上风电桩基防腐涂层", field="新型储能", maturity=3),
        Doc("SEA", "海上风电桩基防腐涂层", field="海洋资源开发装备", maturity=8),
    ]
    query = Doc("D3", "海上风电桩基锈蚀", field="海洋资源开发装备", maturity=6)
    assert [h.key for h in Matcher(twins).search(query)] == ["SEA", "LAB"]


def test_nothing_in_common_gives_no_hits_and_an_empty_corpus_is_fine():
    assert Matcher(ACHIEVEMENTS).search(Doc("Q", "量子密钥分发")) == []
    assert Matcher([]).search(BURR_DEMAND) == []


def test_free_text_search_of_the_hall():
    hits = search_text(ACHIEVEMENTS, "水下机器人巡检")
    assert hits[0].key == "ROV"


def test_an_unknown_method_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="未知的匹配方法 'magic'.*bm25"):
        Matcher(ACHIEVEMENTS, "magic")


def test_a_malformed_vocabulary_line_is_reported_with_its_number():
    with pytest.raises(ValueError, match="第 2 行"):
        parse("缺陷检测: 缺陷、瑕疵\n没有冒号的一行\n")
    vocab = parse("健康监测 [LIFE]: 跌倒=摔倒、心率")
    assert vocab.synonyms["摔倒"] == ("跌倒",)
    assert vocab.concepts[0].field == "LIFE"


def test_the_dense_leg_relates_texts_that_share_no_word():
    docs = [
        Doc("HARVEST", "水果收获机器人", "柑橘与梨的自动识别与无损摘取。"),
        Doc("BATTERY", "锂电池正极材料", "高镍三元材料的共沉淀合成。"),
    ]
    query = Doc("Q", "果园里苹果采摘全靠人工")
    assert [h.key for h in Matcher(docs, "dense").search(query, top=2)][0] == "HARVEST"
    assert [h.key for h in Matcher(docs, "bm25").search(query, top=2)] == []  # no shared word
    assert Matcher(docs).search(query, top=1)[0].key == "HARVEST"
