"""A small service scenario: three working units with a liaison each, two enterprises with a user
each, the commission's dispatcher, and `at(day)` for a moment on a given day."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest

from zerobay.accounts.models import Role
from zerobay.registry.models import Unit

from ..factories import EnterpriseFactory, UserFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    """10:00 Shanghai time on `day` (YYYY-MM-DD)."""
    return datetime.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=SHANGHAI)


@pytest.fixture
def svc(district):
    units = {
        code: Unit.objects.create(code=code, name=name, short_name=short, kind=Unit.Kind.DEPARTMENT)
        for code, name, short in (
            ("KW", "闵行区科学技术委员会", "区科委"),
            ("RCB", "中共闵行区委人才工作领导小组办公室", "区人才办"),
            ("JRB", "闵行区金融工作办公室", "区金融办"),
            ("GHZY", "闵行区规划和自然资源局", "区规划资源局"),
        )
    }
    mine = EnterpriseFactory(name="零号湾智能科技有限公司", org_unit=district["block"])
    other = EnterpriseFactory(name="紫竹生物医药有限公司", org_unit=district["zizhu"])
    return SimpleNamespace(
        units=units,
        mine=mine,
        other=other,
        ent_user=UserFactory(
            username="ent-mine", role=Role.ENTERPRISE, enterprise=mine, email="ent@example.cn"
        ),
        other_user=UserFactory(username="ent-other", role=Role.ENTERPRISE, enterprise=other),
        talent=UserFactory(
            username="liaison-rcb", role=Role.UNIT_LIAISON, unit=units["RCB"], email="rcb@example.cn"
        ),
        finance=UserFactory(username="liaison-jrb", role=Role.UNIT_LIAISON, unit=units["JRB"]),
        kw=UserFactory(username="liaison-kw", role=Role.UNIT_LIAISON, unit=units["KW"]),
        staff=UserFactory(username="dispatcher", role=Role.DISTRICT_ADMIN, email="kw@example.cn"),
        leader=UserFactory(username="leader", role=Role.VIEWER, email="leader@example.cn"),
    )
