"""The programme scenario every programmes test (pages too) starts from.

policy DLHW-2026 大零号湾专项政策 (budget 10,000,000 yuan, for 大零号湾)
  clause C01 研发项目资助 grant, cap 2,000,000, budget 5,000,000;
      conditions: in 大零号湾, holds HTE, R&D intensity ≥ 3 %, track 智能机器人, + one manual;
      materials: plan (required, pdf/docx), finance (optional, xlsx/pdf)
  clause C02 首台套奖励 reward, cap 500,000, no budget of its own; condition: founded ≤ 10 years
call CALL-2026-01 open from 10 days ago to 20 days ahead, budget 3,000,000, both clauses,
  criteria innovation 0.4 / feasibility 0.3 / benefit 0.3 (0–100)
enterprise 零号湾智能科技有限公司 (向阳园, HTE valid, track 智能机器人, 2025 revenue 10 m, R&D 0.8 m = 8 %)
  user "ent"; other enterprise 紫竹生物医药有限公司 (紫竹, no HTE), user "ent-other"
staff: "admin" (district admin), "op-dlhw" (operator of 大零号湾), "op-zz" (operator of 紫竹),
experts "expert1", "expert2" (profiles), finance "finance", viewer "viewer"
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from zerobay.accounts.models import Role
from zerobay.programs.models import Call, Clause, ExpertProfile, Policy, ReviewCriterion
from zerobay.registry.models import Industry

from ..factories import EnterpriseFactory, QualificationFactory, UserFactory
from .factories import annual_report

MATERIALS = [
    {"code": "plan", "name": "项目申报书", "required": True, "types": ["pdf", "docx"]},
    {"code": "finance", "name": "财务报表", "required": False, "types": ["xlsx", "pdf"]},
]


@pytest.fixture
def scenario(district, admin_user, operator, viewer):
    today = timezone.localdate()
    field = Industry.objects.create(code="F-AI", name="智能制造", scheme="plan", level="field")
    track = Industry.objects.create(
        code="T-ROBOT", name="智能机器人", scheme="plan", level="track", parent=field
    )
    other_track = Industry.objects.create(code="T-BIO", name="生物医药", scheme="plan", level="track")
    policy = Policy.objects.create(
        code="DLHW-2026",
        title="大零号湾专项政策",
        issuer="闵行区科委",
        org_unit=district["dlhw"],
        budget=Decimal("10000000"),
        published_on=today - datetime.timedelta(days=60),
    )
    clause = Clause.objects.create(
        policy=policy,
        code="C01",
        number=1,
        title="研发项目资助",
        support_type="grant",
        amount_rule="按研发投入的 20% 资助",
        amount_cap=Decimal("2000000"),
        budget=Decimal("5000000"),
        track=track,
        conditions=[
            {"kind": "org_unit", "org_unit": "DLHW"},
            {"kind": "qualification", "qualifications": ["hte"]},
            {"kind": "figure", "figure": "rd_intensity", "min": 3},
            {"kind": "track", "tracks": ["T-ROBOT"]},
            {"kind": "manual", "label": "项目具有产业化前景"},
        ],
        materials=MATERIALS,
    )
    clause2 = Clause.objects.create(
        policy=policy,
        code="C02",
        number=2,
        title="首台套奖励",
        support_type="reward",
        amount_cap=Decimal("500000"),
        conditions=[{"kind": "founded_years", "max": 10}],
        materials=[{"code": "plan", "name": "项目申报书", "required": True, "types": ["pdf"]}],
    )
    call = Call.objects.create(
        code="CALL-2026-01",
        title="2026年大零号湾专项第一批申报",
        policy=policy,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=20),
        budget=Decimal("3000000"),
        correction_days=5,
    )
    call.clauses.set([clause, clause2])
    for code, name, weight in (
        ("innovation", "创新性", "0.4"),
        ("feasibility", "可行性", "0.3"),
        ("benefit", "效益", "0.3"),
    ):
        ReviewCriterion.objects.create(call=call, code=code, name=name, weight=Decimal(weight), max_score=100)

    enterprise = EnterpriseFactory(
        name="零号湾智能科技有限公司", org_unit=district["block"], founded=today.replace(year=today.year - 4)
    )
    enterprise.industries.add(track)
    QualificationFactory(
        enterprise=enterprise,
        valid_from=today - datetime.timedelta(days=400),
        valid_to=today + datetime.timedelta(days=700),
    )
    annual_report(enterprise, today.year - 1, revenue=10_000_000, rd_expenditure=800_000)
    other = EnterpriseFactory(
        name="紫竹生物医药有限公司", org_unit=district["zizhu"], founded=today.replace(year=today.year - 12)
    )
    other.industries.add(other_track)
    annual_report(other, today.year - 1, revenue=5_000_000, rd_expenditure=50_000)

    expert = UserFactory(username="expert1", role=Role.EXPERT, first_name="王专家")
    expert2 = UserFactory(username="expert2", role=Role.EXPERT, first_name="李专家")
    ExpertProfile.objects.create(user=expert, affiliation="上海交通大学")
    ExpertProfile.objects.create(user=expert2, affiliation="华东师范大学")
    return SimpleNamespace(
        district=district,
        policy=policy,
        clause=clause,
        clause2=clause2,
        call=call,
        track=track,
        enterprise=enterprise,
        other_enterprise=other,
        enterprise_user=UserFactory(username="ent", role=Role.ENTERPRISE, enterprise=enterprise),
        other_user=UserFactory(username="ent-other", role=Role.ENTERPRISE, enterprise=other),
        staff=admin_user,
        operator=operator,
        other_operator=UserFactory(username="op-zz", role=Role.OPERATOR, org_unit=district["zizhu"]),
        viewer=viewer,
        expert=expert,
        expert2=expert2,
        finance=UserFactory(username="finance", role=Role.FINANCE),
    )
