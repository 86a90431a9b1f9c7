"""Committing a qualification list (zerobay import qualifications): registry qualifications created
or updated, keyed by enterprise, type and certificate number, and withdrawals after a check (核查)
recorded with the end of validity the certificate had. Runs inside the caller's transaction."""

import datetime

from zerobay.registry.models import OrgUnit, Qualification

from ..models import ImportBatch, QualificationRevocation
from .validation import ValidRow
from .writing import CommitResult, _chunks, create_enterprises

HTE_YEARS = 3  # an HTE certificate is valid three years (国科发火〔2016〕32号 art. 12)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _valid_to(values: dict) -> datetime.date | None:
    end = values.get("valid_to")
    if end is None and values["kind"] == "hte":
        end = _years_later(values["valid_from"], HTE_YEARS) - datetime.timedelta(days=1)
    if (revoked := values.get("revoked_on")) is not None:
        before = revoked - datetime.timedelta(days=1)
        end = before if end is None else min(end, before)
    return end


def commit_qualifications(
    rows: list[ValidRow],
    batch: ImportBatch,
    known: dict[str, tuple[int, str, str]],
    new_unit: OrgUnit | None,
) -> CommitResult:
    result = CommitResult()
    ids = {u: v[0] for u, v in known.items()}
    new_rows = list({r.uscc: r for r in rows if r.uscc not in known}.values())
    if new_rows:
        ids.update(create_enterprises(new_rows, new_unit, batch))
        result.enterprises_created = len(new_rows)

    # A row names its certificate by number, or (without one) by type and start of validity.
    by_number, by_start = {}, {}
    stored = [
        q
        for chunk in _chunks(sorted(set(ids.values())))
        for q in Qualification.objects.filter(enterprise_id__in=chunk).select_related("revocation")
    ]
    for q in stored:
        if q.certificate_no:
            by_number[(q.enterprise_id, q.kind, q.certificate_no)] = q
        by_start.setdefault((q.enterprise_id, q.kind, q.valid_from), q)
    source = f"import:{batch.pk}"
    for r in rows:
        v = r.values
        enterprise_id, number = ids[r.uscc], v.get("certificate_no") or ""
        end = _valid_to(v)
        if number:
            q = by_number.get((enterprise_id, v["kind"], number))
        else:
            q = by_start.get((enterprise_id, v["kind"], v["valid_from"]))
        if q is None:
            q = Qualification.objects.create(
                enterprise_id=enterprise_id,
                kind=v["kind"],
                certificate_no=number,
                valid_from=v["valid_from"],
                valid_to=end,
                source=source,
            )
            result.created += 1
        elif (q.valid_from, q.valid_to) == (v["valid_from"], end) and not _revocation_changes(q, v):
            result.unchanged += 1
            continue
        else:
            q.valid_from, q.valid_to, q.source = v["valid_from"], end, source
            q.save(update_fields=["valid_from", "valid_to", "source"])
            result.updated += 1
        if v.get("revoked_on") is not None:
            QualificationRevocation.objects.update_or_create(
                qualification=q,
                defaults={
                    "revoked_on": v["revoked_on"],
                    "reason": (v.get("revoked_reason") or "")[:200],
                    "original_valid_to": v.get("valid_to") or _valid_to({**v, "revoked_on": None}),
                    "batch": batch,
                    "source_row": r.row,
                },
            )
    return result


def _revocation_changes(q: Qualification, values: dict) -> bool:
    existing = getattr(q, "revocation", None)
    revoked = values.get("revoked_on")
    if existing is None:
        return revoked is not None
    return revoked != existing.revoked_on or (values.get("revoked_reason") or "") != existing.reason
