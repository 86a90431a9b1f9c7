"""Carriers, residents and their data, built as the imports would leave them."""

import datetime
from decimal import Decimal

import factory
import pytest

from zerobay.accounts.models import Role
from zerobay.carriers.models import Financing, Residency
from zerobay.registry.models import Carrier
from zerobay.statistics.models import AnnualReport, ImportBatch

from ..factories import EnterpriseFactory, UserFactory, make_uscc


class CarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carrier

    name = factory.Sequence(lambda n: f"测试孵化器{n}")
    kind = Carrier.Kind.INCUBATOR
    level = Carrier.Level.DISTRICT
    uscc = factory.LazyFunction(lambda: make_uscc(region="310112"))


class ResidencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Residency

    carrier = factory.SubFactory(CarrierFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    entered_on = datetime.date(2022, 3, 1)


@pytest.fixture
def batch(db):
    return ImportBatch.objects.create(form="torch_annual", year=2024, original_name="t.xlsx", file="t.xlsx")


def torch_revenue(batch, enterprise, year, yuan, **values):
    """An annual report as the Torch import leaves it."""
    return AnnualReport.objects.create(
        enterprise=enterprise, year=year, batch=batch, source_row=2, revenue=Decimal(yuan), **values
    )


def financing(enterprise, day, yuan):
    return Financing.objects.create(enterprise=enterprise, received_on=day, amount=Decimal(yuan))


@pytest.fixture
def carriers(district):
    """Two incubators in two sub-parks, with an operator account each."""
    mine = CarrierFactory(name="零号湾创新孵化器", org_unit=district["dlhw"])
    other = CarrierFactory(name="紫竹众创空间", kind=Carrier.Kind.MAKER_SPACE, org_unit=district["zizhu"])
    return mine, other


@pytest.fixture
def carrier_operator(carriers):
    return UserFactory(username="cop-mine", role=Role.CARRIER_OPERATOR, carrier=carriers[0])


@pytest.fixture
def other_operator(carriers):
    return UserFactory(username="cop-other", role=Role.CARRIER_OPERATOR, carrier=carriers[1])


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts without another test's cached evaluations."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
