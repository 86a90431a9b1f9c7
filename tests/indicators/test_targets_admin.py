"""Staff add a target in the admin: it is audited, shown beside the documents' figures, and the
next synchronisation of the shipped figures leaves it alone."""

import io
import json
from decimal import Decimal

from django.core.management import call_command

from zerobay.accounts.models import AuditRecord
from zerobay.indicators.figures import sync_published
from zerobay.indicators.models import PublishedFigure


def test_a_target_entered_in_the_admin_is_audited_shown_and_kept(client, district, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        "/admin/indicators/publishedfigure/add/",
        {
            "indicator": "park.rd_intensity",
            "scope": "ZJMH",
            "year": "2027",
            "kind": "target",
            "value": "7.2",
            "unit": "%",
            "qualifier": "",
            "source": "区科委2026年第3次主任办公会纪要",
            "source_title": "主任办公会纪要",
            "published": "2026-09-30",
            "location": "二、",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = PublishedFigure.objects.get(year=2027, indicator="park.rd_intensity")
    assert figure.entered_by == admin_user
    assert AuditRecord.objects.filter(action="indicators.publishedfigure.created", actor=admin_user).exists()

    sync_published()
    out = io.StringIO()
    call_command("indicators", "show", "park.rd_intensity", "--year", "2027", "--format", "json", stdout=out)
    [shown] = json.loads(out.getvalue())["published"]
    assert (shown["value"], shown["kind"], shown["source"], shown["published"]) == (
        7.2,
        "target",
        "区科委2026年第3次主任办公会纪要",
        "2026-09-30",
    )


def test_shipped_figures_are_in_the_database_after_migrate(db):
    figure = PublishedFigure.objects.get(
        indicator="district.tech_contract_value", year=2024, source__startswith="002"
    )
    assert (figure.value, figure.unit, figure.published.isoformat()) == (
        Decimal("367.58"),
        "亿元",
        "2025-02-06",
    )
    assert sync_published() == {"created": 0, "updated": 0, "removed": 0}
