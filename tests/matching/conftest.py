"""Fixtures of the hall: the plan taxonomy, its roles, and achievements and demands in every status."""

import pytest

from tests.factories import EnterpriseFactory, UserFactory
from zerobay.accounts.models import Role
from zerobay.matching.models import Achievement, Demand
from zerobay.registry.models import Industry
from zerobay.registry.reference import load_reference


@pytest.fixture
def taxonomy(db):
    load_reference()
    return {i.code: i for i in Industry.objects.all()}


@pytest.fixture
def tto(db):
    return UserFactory(username="tto", role=Role.TECH_TRANSFER)


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", role=Role.TECH_MANAGER)


@pytest.fixture
def firms(taxonomy):
    """Two enterprises, each with an enterprise user."""
    a = EnterpriseFactory(name="零号湾电池科技有限公司")
    a.industries.add(taxonomy["ENER-STO-T"])
    b = EnterpriseFactory(name="紫竹海洋装备有限公司")
    user_a = UserFactory(username="ent-a", role=Role.ENTERPRISE, enterprise=a)
    user_b = UserFactory(username="ent-b", role=Role.ENTERPRISE, enterprise=b)
    return {"a": a, "b": b, "user_a": user_a, "user_b": user_b}


def make_achievement(code, status, title="基于深度学习的电池极片表面缺陷视觉检测方法", **kw):
    defaults = {
        "abstract": "卷积神经网络在线识别锂离子电池极片涂布后的毛刺与划痕",
        "holder": "上海交通大学",
        "trl": 6,
        "stage": "pilot",
        "transfer_modes": "license",
    }
    return Achievement.objects.create(code=code, title=title, status=status, **(defaults | kw))


def make_demand(code, status, enterprise=None, title="产线上的锂电极片毛刺怎么在线检出", **kw):
    return Demand.objects.create(
        code=code,
        title=title,
        description=kw.pop("description", "涂布分切后极片有毛刺，人工抽检漏检多"),
        status=status,
        enterprise=enterprise,
        enterprise_name=enterprise.name if enterprise else "",
        **kw,
    )


@pytest.fixture
def catalogue(taxonomy, firms):
    """One achievement in each status (same wording, so a search would find them all) and demands
    of enterprise A: one open, one draft."""
    s = Achievement.Status
    items = {
        status: make_achievement(f"CG-{status}", status, title=f"极片缺陷视觉检测（{status}）")
        for status in (s.DRAFT, s.REVIEW, s.PUBLISHED, s.WITHDRAWN, s.TRANSFERRED)
    }
    items["open"] = make_demand("XQ-OPEN", Demand.Status.OPEN, firms["a"], title="极片毛刺在线检出（公开）")
    items["draft_demand"] = make_demand(
        "XQ-DRAFT", Demand.Status.DRAFT, firms["a"], title="极片毛刺在线检出（草稿）"
    )
    return items
