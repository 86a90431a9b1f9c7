"""Key enterprises (重点企业): the declared rule (data/key_enterprises.json), hand changes with a
reason, service officers; visits (走访) and the requests raised from them."""

import datetime
import functools
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.registry.models import Enterprise, Qualification, QualificationType
from zerobay.statistics.figures import with_latest_figures

from .. import deadlines
from ..models import KeyEnterprise, ServiceRequest, Visit
from .requests import ServiceError

RULE = Path(__file__).resolve().parent.parent / "data" / "key_enterprises.json"


@functools.cache
def rule() -> dict:
    data = json.loads(RULE.read_text(encoding="utf-8"))
    unknown = set(data["qualifications"]) - set(QualificationType.values)
    if unknown:
        raise ValueError(f"{RULE.name}: unknown qualifications {sorted(unknown)}")
    return data


def rule_reasons(as_of: datetime.date) -> dict[int, list[str]]:
    """{enterprise id: why the rule selects it} on `as_of` (qualifications valid that day, revenue of
    the latest annual report)."""
    r = rule()
    labels = dict(QualificationType.choices)
    reasons: dict[int, list[str]] = {}
    held = Qualification.objects.valid_on(as_of).filter(kind__in=r["qualifications"] + ["hte"])
    hte = set()
    for eid, kind in held.values_list("enterprise_id", "kind"):
        if kind == "hte":
            hte.add(eid)
        else:
            reasons.setdefault(eid, []).append(str(labels[kind]))
    floor = Decimal(min(r["min_revenue_yuan"], r["hte_min_revenue_yuan"]))
    rich = with_latest_figures(Enterprise.objects.all()).filter(latest_revenue__gte=floor)
    for eid, year, revenue in rich.values_list("pk", "latest_year", "latest_revenue"):
        wan = f"{revenue / 10000:,.0f}"
        if revenue >= r["min_revenue_yuan"]:
            reasons.setdefault(eid, []).append(
                _("revenue {wan} ten-thousand yuan ({year})").format(wan=wan, year=year)
            )
        elif eid in hte:
            reasons.setdefault(eid, []).append(
                _("high-tech enterprise with revenue {wan} ten-thousand yuan ({year})").format(
                    wan=wan, year=year
                )
            )
    return reasons


def refresh(as_of: datetime.date, *, user=None) -> dict:
    """Applies the rule on `as_of` to every enterprise; hand changes stay. Returns the counts."""
    reasons = rule_reasons(as_of)
    with transaction.atomic():
        rows = {k.enterprise_id: k for k in KeyEnterprise.objects.select_for_update()}
        paths = dict(Enterprise.objects.filter(pk__in=set(reasons) | set(rows)).values_list("pk", "org_path"))
        new: list[KeyEnterprise] = []
        changed: list[KeyEnterprise] = []
        for eid in set(reasons) | set(rows):
            row = rows.get(eid) or KeyEnterprise(enterprise_id=eid)
            row.by_rule, row.rule_reasons, row.rule_checked_on = eid in reasons, reasons.get(eid, []), as_of
            row.org_path = paths.get(eid, "")
            row.is_key = _outcome(row)
            (changed if row.pk else new).append(row)
        KeyEnterprise.objects.bulk_create(new)
        fields = ["by_rule", "rule_reasons", "rule_checked_on", "org_path", "is_key"]
        KeyEnterprise.objects.bulk_update(changed, fields, batch_size=1000)
        counts = {"selected_by_rule": len(reasons), "key": KeyEnterprise.objects.filter(is_key=True).count()}
        audit.record(
            "service.key.refreshed",
            actor=user,
            object_type="service.keyenterprise",
            object_id=as_of.isoformat(),
            summary=_("Key enterprises on {day}: {n} by the rule, {k} in all").format(
                day=as_of, n=counts["selected_by_rule"], k=counts["key"]
            ),
            changes=counts,
        )
    return counts


def set_by_hand(enterprise: Enterprise, *, add: bool, reason: str, user) -> KeyEnterprise:
    """Adds the enterprise to the key list, or takes it off, whatever the rule says; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why the enterprise is added to or removed from the key list"))
    with transaction.atomic():
        row, _created = KeyEnterprise.objects.select_for_update().get_or_create(
            enterprise=enterprise, defaults={"org_path": enterprise.org_path}
        )
        before = row.is_key
        row.manual = KeyEnterprise.Manual.ADDED if add else KeyEnterprise.Manual.REMOVED
        row.manual_reason = reason[:300]
        row.is_key = _outcome(row)
        row.save()
        audit.record(
            "service.key.added" if add else "service.key.removed",
            actor=user,
            obj=row,
            org_unit_path=enterprise.org_path,
            summary=f"{enterprise.name}：{row.get_manual_display()}（{reason[:200]}）",
            changes={"is_key": [before, row.is_key], "reason": reason},
        )
    return row


def assign_officer(row: KeyEnterprise, officer, *, user) -> KeyEnterprise:
    before = row.officer_id
    row.officer = officer
    row.save(update_fields=["officer", "updated_at"])
    audit.record(
        "service.key.officer",
        actor=user,
        obj=row,
        org_unit_path=row.org_path,
        summary=f"{row.enterprise.name}：服务专员 {officer or '—'}",
        changes={"officer": [before, getattr(officer, "pk", None)]},
    )
    return row


def record_visit(
    *, enterprise: Enterprise, day: datetime.date, visitors: str, notes: str, units=(), user, source=""
):
    visitors, notes = (visitors or "").strip(), (notes or "").strip()
    if not visitors or not notes:
        raise ServiceError(_("A visit needs who went and what the enterprise said"))
    with transaction.atomic():
        visit = Visit.objects.create(
            enterprise=enterprise,
            org_path=enterprise.org_path,
            day=day,
            visitors=visitors[:300],
            notes=notes,
            recorded_by=user,
            source=source,
        )
        if units:
            visit.units.set(units)
        audit.record(
            "service.visit.recorded",
            actor=user,
            obj=visit,
            org_unit_path=enterprise.org_path,
            summary=f"{day} 走访 {enterprise.name}（{visitors[:100]}）",
        )
    return visit


def _outcome(row: KeyEnterprise) -> bool:
    if row.manual == KeyEnterprise.Manual.REMOVED:
        return False
    return row.by_rule or row.manual == KeyEnterprise.Manual.ADDED


def count_service(rows) -> None:
    """Sets `visits` and `open_requests` on each KeyEnterprise of `rows` (one page of the list): two
    grouped queries over the page's enterprises, where counting beside the whole list's sort would
    group every key enterprise of the district first."""
    ids = [k.enterprise_id for k in rows]
    visits = dict(
        Visit.objects.filter(enterprise_id__in=ids)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
        .order_by()
    )
    open_requests = dict(
        ServiceRequest.objects.filter(enterprise_id__in=ids, state__in=deadlines.OPEN_STATES)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
        .order_by()
    )
    for k in rows:
        k.visits, k.open_requests = visits.get(k.enterprise_id, 0), open_requests.get(k.enterprise_id, 0)
