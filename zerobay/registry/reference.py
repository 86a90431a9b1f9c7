"""Loading the reference data the platform ships (`zerobay/data`) into the registry.

Idempotent: rows are matched by code, created when missing, updated when they differ, left alone
otherwise. Rows the data files do not mention are never deleted (enterprises and users may point
at them); `load_reference` reports them instead.
"""

import datetime

from django.conf import settings
from django.db import transaction

from zerobay.data import read

from .models import Carrier, CarrierRecognition, Enterprise, Industry, OrgUnit, Unit

ORG_UNIT_FIELDS = ("name", "name_en", "kind", "source", "note", "sort")
INDUSTRY_FIELDS = ("name", "name_en", "scheme", "level", "source", "sort")
# Keys the data files may carry beyond the model fields (kept in the file for people, not loaded).
EXTRA_KEYS = {"code", "parent", "area_km2", "full_name", "note"}


class ReferenceDataError(ValueError):
    """The data files are inconsistent (duplicate code, unknown parent, unknown key)."""


def _parents_first(entries: list[dict], what: str) -> list[dict]:
    """`entries` ordered so that every parent comes before its children."""
    codes = [e["code"] for e in entries]
    if len(codes) != len(set(codes)):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        raise ReferenceDataError(f"{what}: duplicate codes {dupes}")
    by_code = {e["code"]: e for e in entries}
    ordered, placed = [], set()

    def place(entry, chain=()):
        code = entry["code"]
        if code in placed:
            return
        if code in chain:
            raise ReferenceDataError(f"{what}: cycle through {code}")
        parent = entry.get("parent")
        if parent:
            if parent not in by_code:
                raise ReferenceDataError(f"{what}: {code} has unknown parent {parent}")
            place(by_code[parent], (*chain, code))
        ordered.append(entry)
        placed.add(code)

    for entry in entries:
        place(entry)
    return ordered


def _check_keys(entry: dict, fields: tuple[str, ...], what: str) -> None:
    unknown = set(entry) - set(fields) - EXTRA_KEYS
    if unknown:
        raise ReferenceDataError(f"{what} {entry.get('code')}: unknown keys {sorted(unknown)}")


def _upsert(model, entries, fields, what, defaults_of) -> dict:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {obj.code: obj for obj in model.objects.all()}
    for i, entry in enumerate(_parents_first(entries, what)):
        _check_keys(entry, fields, what)
        values = defaults_of(entry, i)
        parent_code = entry.get("parent")
        parent = existing[parent_code] if parent_code else None
        obj = existing.get(entry["code"])
        if obj is None:
            obj = model(code=entry["code"], parent=parent, **values)
            obj.save()
            existing[obj.code] = obj
            counts["created"] += 1
            continue
        changed = obj.parent_id != (parent.pk if parent else None) or any(
            getattr(obj, k) != v for k, v in values.items()
        )
        # A unit whose parent moved gets a new path; saving it in parent-first order fixes the subtree.
        if isinstance(obj, OrgUnit) and parent is not None and not changed:
            changed = obj.path != parent.path + obj.code + "/"
        if not changed:
            counts["unchanged"] += 1
            continue
        obj.parent = parent
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
        counts["updated"] += 1
    counts["not_in_files"] = sorted(set(existing) - {e["code"] for e in entries})
    return counts


def _org_unit_values(entry: dict, i: int) -> dict:
    return {
        "name": entry["name"],
        "name_en": entry.get("name_en", ""),
        "kind": entry["kind"],
        "source": entry.get("source") or "",
        "note": entry.get("note") or "",
        "sort": entry.get("sort", i),
    }


def _industry_values(entry: dict, i: int) -> dict:
    return {
        "name": entry["name"],
        "name_en": entry.get("name_en", ""),
        "scheme": entry["scheme"],
        "level": entry["level"],
        "source": entry.get("source") or "",
        "sort": entry.get("sort", i),
    }


@transaction.atomic
def load_reference() -> dict:
    """Creates or updates the org units and industries of `zerobay/data`. Returns, per kind,
    {"created", "updated", "unchanged", "not_in_files"} (the last: codes in the database only)."""
    units = read("org_units")["units"]
    org = _upsert(OrgUnit, units, ORG_UNIT_FIELDS, "org unit", _org_unit_values)
    # Enterprises carry a copy of their unit's path: keep it in step if a unit moved.
    for unit in OrgUnit.objects.all():
        Enterprise.objects.filter(org_unit=unit).exclude(org_path=unit.path).update(org_path=unit.path)
    industries = _upsert(Industry, read("industries")["nodes"], INDUSTRY_FIELDS, "industry", _industry_values)
    return {
        "org_units": org,
        "industries": industries,
        "carriers": _load_carriers(read("carriers")["carriers"]),
        "units": _load_units(read("units")["units"]),
    }


def _load_units(entries: list[dict]) -> dict:
    """Working units by code; a unit the district added by hand (or an import created) stays."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    org_units = {u.code: u for u in OrgUnit.objects.all()}
    existing = {u.code: u for u in Unit.objects.all()}
    for i, entry in enumerate(entries):
        code = entry.get("org_unit") or ""
        if code and code not in org_units:
            raise ReferenceDataError(f"unit {entry['code']}: unknown org unit {code}")
        values = {
            "name": entry["name"],
            "short_name": entry.get("short_name") or "",
            "name_en": entry.get("name_en") or "",
            "short_name_en": entry.get("short_name_en") or "",
            "aliases": list(entry.get("aliases") or []),
            "kind": entry["kind"],
            "org_unit": org_units.get(code),
            "source": entry.get("source") or "",
            "note": entry.get("note") or "",
            "sort": entry.get("sort", i),
        }
        unit = existing.get(entry["code"])
        if unit is None:
            Unit.objects.create(code=entry["code"], **values)
            counts["created"] += 1
        else:
            counts[_update(unit, values)] += 1
    return counts


def _update(obj, values: dict) -> str:
    """Saves `obj` with `values` where they differ: "updated" or "unchanged"."""
    if all(getattr(obj, k) == v for k, v in values.items()):
        return "unchanged"
    for k, v in values.items():
        setattr(obj, k, v)
    obj.save()
    return "updated"


def _load_carriers(entries: list[dict]) -> dict:
    """Carriers have no code: the name identifies them, as in the documents."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    units = {u.code: u for u in OrgUnit.objects.all()}
    for entry in entries:
        code = entry.get("org_unit") or ""
        if code and code not in units:
            raise ReferenceDataError(f"carrier {entry['name']}: unknown org unit {code}")
        values = {
            "kind": entry["kind"],
            "level": entry.get("level") or "",
            "operator": entry.get("operator") or "",
            "org_unit": units.get(code),
            "source": entry.get("source") or "",
            **{k: entry.get(k) or "" for k in ("focus", "quality", "uscc", "address")},
            **{k: entry.get(k) for k in ("space_m2", "incubation_space_m2")},
        }
        carrier, created = Carrier.objects.get_or_create(name=entry["name"], defaults=values)
        counts["created" if created else _update(carrier, values)] += 1
        for recognition in entry.get("recognitions", ()):
            _load_recognition(carrier, recognition)
    return counts


def _load_recognition(carrier: Carrier, entry: dict) -> None:
    """A recognition the documents date only by year is kept without a day (the year is in the note
    of its source), never with an invented date."""
    day = entry.get("recognised_on")
    CarrierRecognition.objects.update_or_create(
        carrier=carrier,
        title=entry["title"],
        defaults={
            "level": entry.get("level") or "",
            "recognised_on": datetime.date.fromisoformat(day) if day else None,
            "issued_by": entry.get("issued_by") or "",
            "document": entry.get("document") or "",
            "source": f"{entry.get('source') or ''} ({entry['year']})"
            if entry.get("year")
            else entry.get("source") or "",
        },
    )


def load_reference_into_empty_database(sender=None, using="default", **kwargs) -> dict | None:
    """After `migrate`: a database without an org tree gets the shipped reference data, so that a
    fresh installation works from its first import. A tree already there (edited by the district) is
    left alone; `zerobay load_reference` updates it on request."""
    if not getattr(settings, "ZEROBAY_LOAD_REFERENCE_ON_MIGRATE", True):
        return None
    if OrgUnit.objects.using(using).exists():
        return None
    return load_reference()
