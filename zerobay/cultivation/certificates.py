"""Certificate watch: HTE certificates (valid three years) expiring within a window and whether each
enterprise would still qualify, the year-end count of valid HTEs projected against the published
target, and qualifications withdrawn after a check (核查)."""

import datetime
import json
from functools import cache
from pathlib import Path

import zerobay
from zerobay.registry.models import Enterprise, Qualification
from zerobay.statistics.models import QualificationRevocation

from .screening import STATUS_LABELS, STATUSES, screen

FIGURES = Path(zerobay.__file__).parent / "data" / "published_figures.json"


@cache
def _published() -> tuple[dict, ...]:
    return tuple(json.loads(FIGURES.read_text(encoding="utf-8"))["figures"])


def published(indicator: str, year: int | None = None, kind: str = "actual", scopes=()) -> dict | None:
    """The published figure of an indicator (the latest year up to `year`), preferring `scopes` in order."""
    found = [
        f
        for f in _published()
        if f["indicator"] == indicator and f["kind"] == kind and (year is None or f["year"] <= year)
    ]
    if kind == "target":
        found = [f for f in found if f["year"] == year]
    for scope in scopes:
        hits = sorted((f for f in found if f["scope"] == scope), key=lambda f: f["year"])
        if hits:
            return hits[-1]
    return None


def recognition_rate(year: int) -> tuple[float, str]:
    """Recognitions / applications of the latest published year: the share of applicants that pass."""
    done = published("district.hte_recognised", year, scopes=("MH",))
    applied = published("district.hte_applications", year, scopes=("MH",))
    if not done or not applied:
        return 1.0, "无公开的申报与认定数，按全部通过估算"
    rate = float(done["value"]) / float(applied["value"])
    basis = f"{done['year']}年申报 {applied['value']} 家、认定 {done['value']} 家（{done['source']}），通过率 {rate:.1%}"
    return rate, basis


def _scope_codes(org_path: str) -> tuple[str, ...]:
    codes = [c for c in org_path.split("/") if c]
    return (codes[-1],) if codes else ("ZJMH", "MH")


def certificate_watch(as_of: datetime.date, within_days: int = 180, org_path: str = "") -> dict:
    end = as_of + datetime.timedelta(days=within_days)
    year_end = datetime.date(as_of.year, 12, 31)
    hte = Qualification.objects.filter(kind="hte").valid_on(as_of)
    if org_path:
        hte = hte.filter(enterprise__org_path__startswith=org_path)
    valid_now = hte.values("enterprise_id").distinct().count()
    # An enterprise keeps its status if any of its certificates runs past the date.
    latest_end = {}
    for enterprise_id, valid_to in hte.values_list("enterprise_id", "valid_to"):
        latest_end[enterprise_id] = max(
            latest_end.get(enterprise_id, valid_to), valid_to or datetime.date.max
        )
    expiring_ids = [e for e, to in latest_end.items() if to <= end]
    ending_this_year = {e for e, to in latest_end.items() if to < year_end}

    # Would they qualify again? Screened on the data, their current certificate left aside.
    result = screen("hte", as_of, org_path)
    merit = result.merit
    expiring = []
    info = {
        e.id: e
        for e in Enterprise.objects.filter(id__in=expiring_ids)
        .select_related("org_unit")
        .only("id", "uscc", "name", "org_unit__code", "org_unit__name")
    }
    for enterprise_id in sorted(expiring_ids, key=lambda e: (latest_end[e], e)):
        pos = result.position_of(enterprise_id)
        status = STATUSES[merit[pos]] if pos is not None else "not_eligible"
        e = info[enterprise_id]
        expiring.append(
            {
                "uscc": e.uscc,
                "name": e.name,
                "org_unit": e.org_unit.code if e.org_unit else None,
                "valid_to": latest_end[enterprise_id].isoformat(),
                "would_requalify": status,
                "would_requalify_label": STATUS_LABELS[status]
                + (f"：{result.gap(pos)}" if status == "near" and pos is not None else ""),
            }
        )

    rate, basis = recognition_rate(as_of.year)
    ending_pos = [p for e in ending_this_year if (p := result.position_of(e)) is not None]
    renewing = int((merit[ending_pos] == STATUSES.index("eligible")).sum()) if ending_pos else 0
    newcomers = int((result.status == STATUSES.index("eligible")).sum())
    projected = valid_now - len(ending_this_year) + round(rate * (renewing + newcomers))
    target = published("park.hte_valid", as_of.year, kind="target", scopes=_scope_codes(org_path))
    revoked = QualificationRevocation.objects.select_related("qualification__enterprise__org_unit").order_by(
        "-revoked_on"
    )
    if org_path:
        revoked = revoked.filter(qualification__enterprise__org_path__startswith=org_path)
    return {
        "as_of": as_of.isoformat(),
        "window_end": end.isoformat(),
        "expiring": expiring,
        "projection": {
            "year": as_of.year,
            "valid_now": valid_now,
            "ending_before_year_end": len(ending_this_year),
            "renewing_eligible": renewing,
            "new_eligible": newcomers,
            "recognition_rate": round(rate, 4),
            "projected_year_end": projected,
            "target": int(target["value"]) if target else None,
            "target_source": target["source"] if target else None,
            "gap": (int(target["value"]) - projected) if target else None,
            "basis": (
                f"有效高企 {valid_now} 家，年底前到期 {len(ending_this_year)} 家（其中数据符合复审条件 {renewing} 家），"
                f"数据符合条件的新申报 {newcomers} 家；{basis}"
            ),
        },
        "revoked": [
            {
                "uscc": r.qualification.enterprise.uscc,
                "name": r.qualification.enterprise.name,
                "org_unit": r.qualification.enterprise.org_unit.code
                if r.qualification.enterprise.org_unit
                else None,
                "kind": r.qualification.kind,
                "certificate_no": r.qualification.certificate_no,
                "revoked_on": r.revoked_on.isoformat(),
                "reason": r.reason,
            }
            for r in revoked[:500]
        ],
    }
