"""Building enterprises with annual reports, a profile and qualifications for the cultivation tests."""

import datetime
from decimal import Decimal

import pytest

from zerobay.cultivation.screening import screen
from zerobay.statistics.models import AnnualReport, EnterpriseProfile, ImportBatch

from ..factories import EnterpriseFactory, QualificationFactory

WAN = Decimal(10_000)
AS_OF = datetime.date(2026, 6, 30)


def batch() -> ImportBatch:
    return ImportBatch.objects.create(form="torch_annual", year=2025, original_name="t.xlsx", file="t.xlsx")


def annual(enterprise, year, **values) -> AnnualReport:
    """An annual report; money given in 万元."""
    money = {"revenue", "rd_expenditure", "hightech_revenue", "net_profit"}
    values = {k: (Decimal(str(v)) * WAN if k in money and v is not None else v) for k, v in values.items()}
    return AnnualReport.objects.create(
        enterprise=enterprise, year=year, batch=batch(), source_row=2, **values
    )


def profile(enterprise, **values) -> EnterpriseProfile:
    if "total_assets" in values and values["total_assets"] is not None:
        values["total_assets"] = Decimal(str(values["total_assets"])) * WAN
    return EnterpriseProfile.objects.create(
        enterprise=enterprise, year=2026, batch=batch(), source_row=2, **values
    )


def good_hte(org_unit=None, name=None, **overrides):
    """An enterprise meeting every decidable HTE criterion at AS_OF; `overrides` change the latest year."""
    kwargs = {"org_unit": org_unit} if name is None else {"org_unit": org_unit, "name": name}
    e = EnterpriseFactory(**kwargs)
    for year in (2023, 2024):
        annual(e, year, revenue=3000, rd_expenditure=200, hightech_revenue=2000, employees=100, st_staff=30)
    latest = {
        "revenue": 3000,
        "rd_expenditure": 200,
        "hightech_revenue": 2000,
        "employees": 100,
        "st_staff": 30,
    }
    latest.update(overrides)
    annual(e, 2025, **latest)
    profile(
        e,
        registered_on=datetime.date(2018, 1, 1),
        total_assets=5000,
        ip_class1=1,
        ip_class2=3,
        tech_field="电子信息",
    )
    return e


def criteria(qualification, enterprise, as_of=AS_OF) -> dict:
    """criterion id -> its JSON row, and the status, for one enterprise."""
    result = screen(qualification, as_of, enterprise_ids=[enterprise.id])
    row = result.row(0)
    return {c["id"]: c for c in row["criteria"]} | {"_status": row["status"]}


def hold(enterprise, kind="hte", start=datetime.date(2024, 1, 1), end=datetime.date(2026, 12, 31)):
    return QualificationFactory(enterprise=enterprise, kind=kind, valid_from=start, valid_to=end)


@pytest.fixture(name="firms")
def firms_fixture(district):
    """Two enterprises meeting the HTE criteria but the high-tech revenue share: one in 大零号湾's
    block, one in 紫竹."""
    return good_hte(district["block"], hightech_revenue=1500), good_hte(
        district["zizhu"], hightech_revenue=1500
    )
