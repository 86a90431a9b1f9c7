"""Shared fixtures: a small district tree, one user of each role, and a workbook writer."""

from pathlib import Path

import pytest
import xlsxwriter

from zerobay.accounts.models import Role

from .factories import EnterpriseFactory, OrgUnitFactory, UserFactory

PASSWORD = "pw-for-tests"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached pages and drill-downs are keyed by database ids,
    which a rolled-back test may hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def district(db):
    """闵行区 → 张江高新区闵行园区 → 大零号湾 (with block 向阳园) and 紫竹."""
    mh = OrgUnitFactory(code="MH", name="闵行区", kind="district")
    park = OrgUnitFactory(code="ZJMH", name="张江高新区闵行园区", kind="park", parent=mh)
    dlhw = OrgUnitFactory(code="DLHW", name="大零号湾", kind="subpark", parent=park)
    block = OrgUnitFactory(code="DLHW-XYY", name="向阳园", kind="block", parent=dlhw)
    zizhu = OrgUnitFactory(code="ZZ", name="紫竹", kind="subpark", parent=park)
    return {"district": mh, "park": park, "dlhw": dlhw, "block": block, "zizhu": zizhu}


@pytest.fixture
def admin_user(district):
    return UserFactory(username="admin", role=Role.DISTRICT_ADMIN)


@pytest.fixture
def operator(district):
    """The operator of 大零号湾: sees 大零号湾 and its blocks, not 紫竹."""
    return UserFactory(username="op-dlhw", role=Role.OPERATOR, org_unit=district["dlhw"])


@pytest.fixture
def viewer(district):
    return UserFactory(username="viewer", role=Role.VIEWER)


@pytest.fixture
def two_enterprises(district):
    """One enterprise in 大零号湾's block, one in 紫竹."""
    mine = EnterpriseFactory(name="零号湾智能科技有限公司", org_unit=district["block"])
    other = EnterpriseFactory(name="紫竹生物医药有限公司", org_unit=district["zizhu"])
    return mine, other


def write_workbook(path: Path, header: list, rows: list[list], title_rows: list[list] = ()) -> Path:
    """An xlsx with optional title rows above the header, as district templates have."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("年报")
    r = 0
    for title in title_rows:
        ws.write_row(r, 0, title)
        r += 1
    ws.write_row(r, 0, header)
    for row in rows:
        r += 1
        ws.write_row(r, 0, row)
    wb.close()
    return path


@pytest.fixture
def workbook(tmp_path):
    def make(header, rows, title_rows=(), name="report.xlsx"):
        return write_workbook(tmp_path / name, header, rows, title_rows)

    return make
