"""Graduation by the rule of 国科发区〔2018〕300号, computed from the platform's own data."""

import datetime

from zerobay.carriers.residents import load_panel
from zerobay.registry.models import QualificationType

from ..factories import EnterpriseFactory, QualificationFactory
from .conftest import CarrierFactory, ResidencyFactory, financing, torch_revenue

D = datetime.date


def test_each_criterion_graduates_a_firm_and_is_named(db, batch):
    carrier = CarrierFactory()
    hte, money, revenue, listed, none = (EnterpriseFactory() for _ in range(5))
    for e in (hte, money, revenue, listed, none):
        ResidencyFactory(carrier=carrier, enterprise=e, entered_on=D(2021, 5, 1))
    QualificationFactory(enterprise=hte, valid_from=D(2023, 11, 20), valid_to=D(2026, 11, 19))
    financing(money, D(2022, 6, 1), "3000000")
    financing(money, D(2023, 9, 1), "2500000")  # 550万 in total: above 500万
    torch_revenue(batch, revenue, 2022, "12000000")
    torch_revenue(batch, revenue, 2023, "15000000")
    torch_revenue(batch, none, 2022, "12000000")  # only one year above 1,000万
    torch_revenue(batch, none, 2023, "9000000")
    QualificationFactory(
        enterprise=listed, kind=QualificationType.LISTED, valid_from=D(2023, 4, 1), valid_to=None
    )

    panel = load_panel(2023, [carrier.pk])
    by_firm = {r.enterprise_id: r.graduation for r in panel.residents[carrier.pk]}
    hte, money, revenue, listed, none = (e.pk for e in (hte, money, revenue, listed, none))
    assert by_firm[hte].criterion == "hte" and by_firm[hte].on == D(2023, 11, 20)
    assert by_firm[money].criterion == "financing" and by_firm[money].on == D(2023, 9, 1)
    assert by_firm[revenue].criterion == "revenue" and by_firm[revenue].on == D(2023, 12, 31)
    assert by_firm[listed].criterion == "listed"
    assert by_firm[none] is None
    assert panel.graduates_to_date[carrier.pk] == 4
    # A year earlier none of them had graduated.
    assert load_panel(2022, [carrier.pk]).graduates_to_date.get(carrier.pk, 0) == 0


def test_the_first_criterion_met_makes_it_and_criteria_after_leaving_do_not_count(db, batch):
    carrier = CarrierFactory()
    firm, gone = EnterpriseFactory(), EnterpriseFactory()
    ResidencyFactory(carrier=carrier, enterprise=firm, entered_on=D(2020, 1, 1))
    ResidencyFactory(carrier=carrier, enterprise=gone, entered_on=D(2020, 1, 1), left_on=D(2022, 6, 30))
    QualificationFactory(enterprise=firm, valid_from=D(2023, 3, 1), valid_to=D(2026, 2, 28))
    financing(firm, D(2022, 1, 10), "6000000")
    QualificationFactory(enterprise=gone, valid_from=D(2023, 3, 1), valid_to=D(2026, 2, 28))

    panel = load_panel(2023, [carrier.pk])
    (row,) = panel.residents[carrier.pk]
    assert row.enterprise_id == firm.pk
    assert row.graduation.criterion == "financing"
    assert set(row.graduation.met) == {"financing", "hte"}
    assert panel.graduates_to_date[carrier.pk] == 1  # the firm that left became an HTE elsewhere
