"""Key enterprises by the declared rule, hand changes with a reason that the rule never overrides,
service officers, visits with the requests raised from them, and who sees them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from zerobay.service.models import KeyEnterprise, ServiceRequest
from zerobay.service.services import key
from zerobay.service.services.requests import ServiceError
from zerobay.statistics.models import AnnualReport, ImportBatch

from ..accounts.catalogue import compiled_catalogue  # noqa: F401 (autouse fixture)
from ..factories import EnterpriseFactory, QualificationFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 30)


@pytest.fixture
def firms(svc, district):
    """giant: a valid 小巨人; big: revenue 1.2亿; hte: HTE with 3000万; small: HTE with 500万;
    expired: a 小巨人 certificate that ran out."""
    batch = ImportBatch.objects.create(form="torch_annual", year=2025, original_name="t.xlsx", file="t.xlsx")

    def firm(name, revenue=None, *quals):
        e = EnterpriseFactory(name=name, org_unit=district["block"])
        if revenue is not None:
            AnnualReport.objects.create(
                enterprise=e, year=2025, revenue=Decimal(revenue), batch=batch, source_row=2, revision=1
            )
        for kind, valid_to in quals:
            QualificationFactory(
                enterprise=e, kind=kind, valid_from=datetime.date(2024, 1, 1), valid_to=valid_to
            )
        return e

    far = datetime.date(2027, 12, 31)
    return {
        "giant": firm("小巨人公司", None, ("little_giant", far)),
        "big": firm("营收大公司", "120000000"),
        "hte": firm("高企公司", "30000000", ("hte", far)),
        "small": firm("小高企", "5000000", ("hte", far)),
        "expired": firm("过期公司", None, ("little_giant", datetime.date(2026, 1, 31))),
    }


def test_the_rule_selects_with_its_reasons(firms):
    counts = key.refresh(DAY)
    rows = {k.enterprise.name: k for k in KeyEnterprise.objects.select_related("enterprise")}
    assert {n for n, k in rows.items() if k.is_key} == {"小巨人公司", "营收大公司", "高企公司"}
    assert counts == {"selected_by_rule": 3, "key": 3}
    assert "12,000" in rows["营收大公司"].rule_reasons[0] and "2025" in rows["营收大公司"].rule_reasons[0]
    assert "3,000" in rows["高企公司"].rule_reasons[0]


def test_hand_changes_need_a_reason_and_outlive_the_rule(svc, firms):
    key.refresh(DAY)
    with pytest.raises(ServiceError):
        key.set_by_hand(firms["small"], add=True, reason=" ", user=svc.staff)
    key.set_by_hand(firms["small"], add=True, reason="产业链链主", user=svc.staff)
    key.set_by_hand(firms["big"], add=False, reason="已迁出闵行", user=svc.staff)
    key.refresh(DAY)  # the rule runs again: the hand changes stay
    keys = set(KeyEnterprise.objects.filter(is_key=True).values_list("enterprise__name", flat=True))
    assert keys == {"小巨人公司", "高企公司", "小高企"}
    big = KeyEnterprise.objects.get(enterprise=firms["big"])
    assert (big.by_rule, big.manual, big.manual_reason) == (True, "removed", "已迁出闵行")


def test_pages_manage_officers_and_visits_and_raise_requests_from_a_visit(client, svc, firms, operator):
    key.refresh(DAY)
    client.force_login(svc.staff)
    page = client.get(reverse("service-key")).content.decode()
    assert "小巨人公司" in page and "小高企" not in page
    giant = firms["giant"]
    client.post(
        reverse("service-key-change", args=[giant.uscc]), {"change": "officer", "officer": "dispatcher"}
    )
    assert KeyEnterprise.objects.get(enterprise=giant).officer == svc.staff
    response = client.post(
        reverse("service-visit-new"),
        {
            "enterprise": giant.uscc,
            "day": "2026-07-02",
            "visitors": "分管副区长、区科委主任",
            "units": [svc.units["KW"].pk],
            "notes": "企业反映中试场地不足，希望对接人才公寓。",
        },
    )
    visit = giant.service_visits.get()
    assert response["Location"] == f"{reverse('service-request-new')}?visit={visit.pk}"
    form = client.get(response["Location"]).content.decode()
    assert giant.uscc in form and 'name="visit"' in form
    client.post(
        reverse("service-request-new"),
        {
            "visit": visit.pk,
            "enterprise": giant.uscc,
            "channel": "visit",
            "category": "space",
            "title": "中试场地",
            "text": "需 500 平米",
            "urgency": "normal",
        },
    )
    req = ServiceRequest.objects.get(enterprise=giant)
    assert (req.visit, req.channel) == (visit, "visit")
    page = client.get(reverse("enterprise-detail", args=[giant.uscc])).content.decode()
    assert "中试场地不足" in page and "服务专员" in page and req.code in page
    # The operator of 大零号湾 sees them, the enterprise and a liaison do not.
    client.force_login(operator)
    assert "小巨人公司" in client.get(reverse("service-key")).content.decode()
    assert client.post(reverse("service-key-refresh")).status_code == 403
    for user in (svc.ent_user, svc.talent):
        client.force_login(user)
        assert client.get(reverse("service-key")).status_code == 403
        assert client.get(reverse("service-visits")).status_code == 403
