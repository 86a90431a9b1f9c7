"""Changes to carriers: the annual inspection (年检) of science-popularisation bases (a declared
checklist, schemes/science_base_inspection.json, and the result it implies), new recognitions,
edits of the carrier record; each with an audit record of what changed from what, which is the
carrier's history."""

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zerobay.access import ALLOWED, Decision, refuse
from zerobay.accounts import audit
from zerobay.accounts.models import AuditRecord, Role
from zerobay.registry.models import Carrier, CarrierRecognition

from .models import Inspection

CHECKLIST = Path(__file__).resolve().parent / "schemes" / "science_base_inspection.json"
SEVERITY = {Inspection.Result.PASS: 0, Inspection.Result.RECTIFY: 1, Inspection.Result.FAIL: 2}


class InspectionRefused(ValueError):
    """The inspection or recognition cannot be recorded; the message says why (translated)."""


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    label_en: str
    essential: bool

    @property
    def text(self) -> str:
        return self.label_en if (get_language() or "").startswith("en") else self.label


@cache
def checklist() -> tuple[str, tuple[Item, ...]]:
    data = json.loads(CHECKLIST.read_text(encoding="utf-8"))
    return data["version"], tuple(
        Item(i["id"], i["label"], i["label_en"], i["essential"]) for i in data["items"]
    )


def implied_result(ticks: dict[str, bool]) -> str:
    """Fail when an essential item is not met, rectify when another is not, pass otherwise."""
    _version, items = checklist()
    unmet = [i for i in items if not ticks.get(i.id)]
    if any(i.essential for i in unmet):
        return Inspection.Result.FAIL
    return Inspection.Result.RECTIFY if unmet else Inspection.Result.PASS


def can_inspect(user, carrier: Carrier) -> Decision:
    if carrier.kind != Carrier.Kind.SCIENCE_BASE:
        return refuse(_("Only science-popularisation bases are inspected."))
    if not user.can_import:
        return refuse(_("Your role cannot record inspections."))
    return ALLOWED


def record_inspection(
    *,
    carrier: Carrier,
    year: int,
    ticks: dict[str, bool],
    result: str,
    reasons: str,
    inspected_on: datetime.date,
    user,
) -> Inspection:
    """Records (or corrects) a base's inspection of `year`. The result may be stricter than the
    checklist implies, never milder; a result other than passed needs its reasons."""
    version, items = checklist()
    ticks = {i.id: bool(ticks.get(i.id)) for i in items}
    implied = implied_result(ticks)
    if SEVERITY[result] < SEVERITY[implied]:
        raise InspectionRefused(
            _("The checklist gives “%(implied)s”: the result cannot be milder")
            % {"implied": Inspection.Result(implied).label}
        )
    if result != Inspection.Result.PASS and not reasons.strip():
        raise InspectionRefused(_("Give the reasons of a result other than passed."))
    with transaction.atomic():
        before = Inspection.objects.filter(carrier=carrier, year=year).first()
        old = (
            {"result": before.result, "checklist": before.checklist, "reasons": before.reasons}
            if before
            else {}
        )
        inspection, _created = Inspection.objects.update_or_create(
            carrier=carrier,
            year=year,
            defaults={
                "checklist": ticks,
                "checklist_version": version,
                "result": result,
                "reasons": reasons.strip(),
                "inspected_on": inspected_on,
                "inspected_by": user,
            },
        )
        new = {"year": year, "result": result, "checklist": ticks, "reasons": reasons.strip()}
        audit.record(  # on the carrier: its history
            "carriers.inspection.recorded",
            actor=user,
            obj=carrier,
            org_unit_path=carrier.org_unit.path if carrier.org_unit_id else "",
            summary=f"{carrier.name} {year} 年检：{Inspection.Result(result).label}",
            changes={k: [old.get(k), v] for k, v in new.items() if old.get(k) != v},
        )
    return inspection


def add_recognition(*, carrier: Carrier, user, **values) -> CarrierRecognition:
    """A new title of a carrier (认定/授牌), audited."""
    if not values.get("title", "").strip():
        raise InspectionRefused(_("A recognition needs its title."))
    with transaction.atomic():
        recognition = CarrierRecognition.objects.create(carrier=carrier, **values)
        audit.record(  # on the carrier: its history
            "carriers.recognition.added",
            actor=user,
            obj=carrier,
            org_unit_path=carrier.org_unit.path if carrier.org_unit_id else "",
            summary=f"{carrier.name}：{recognition.title}",
            changes={k: [None, str(v)] for k, v in values.items() if v},
        )
    return recognition


# ---------------------------------------------------------------------------- the carrier record
STAFF_FIELDS = (
    "name",
    "kind",
    "level",
    "focus",
    "quality",
    "uscc",
    "operator",
    "org_unit",
    "address",
    "space_m2",
    "incubation_space_m2",
)
OPERATOR_FIELDS = ("operator", "address", "space_m2", "incubation_space_m2")  # facts, not titles


def editable_fields(user) -> tuple[str, ...]:
    """Staff who import edit the whole record; a carrier's operator its own facts (not its kind,
    level or titles, which the district recognises)."""
    if user.can_import:
        return STAFF_FIELDS
    if user.role == Role.CARRIER_OPERATOR and user.carrier_id:
        return OPERATOR_FIELDS
    return ()


def update_carrier(carrier: Carrier, values: dict, *, user) -> dict:
    """Saves the changed fields of `values` (only those the user may edit), audited with what
    changed from what; returns {field: [old, new]}."""
    allowed = set(editable_fields(user))
    changes = {}
    for key, value in values.items():
        if key in allowed and getattr(carrier, key) != value:
            changes[key] = [str(getattr(carrier, key) or ""), str(value or "")]
            setattr(carrier, key, value)
    if changes:
        with transaction.atomic():
            carrier.save()
            audit.record(
                "carriers.carrier.updated",
                actor=user,
                obj=carrier,
                org_unit_path=carrier.org_unit.path if carrier.org_unit_id else "",
                summary=f"{carrier.name}：{'、'.join(changes)}",
                changes=changes,
            )
    return changes


def carrier_history(carrier: Carrier):
    """The audited changes of a carrier (record, recognitions, inspections), newest first."""
    return AuditRecord.objects.filter(
        object_type="registry.carrier", object_id=str(carrier.pk)
    ).select_related("actor")[:50]
