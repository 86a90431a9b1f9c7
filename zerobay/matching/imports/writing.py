"""Writing the checked rows: one transaction, all or nothing unless `skip_invalid`."""

from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.registry.models import Enterprise
from zerobay.tabular.issues import ImportReport
from zerobay.tabular.values import clean_uscc

from ..models import Achievement, Demand
from .checking import _read, place_in_taxonomy, taxonomy_lookup
from .columns import ACHIEVEMENTS, DEMANDS


def _holder_kind(holder: str) -> str:
    if any(w in holder for w in ("大学", "学院", "学校")):
        return "university"
    if any(w in holder for w in ("研究所", "研究院", "科学院", "实验室", "研究中心")):
        return "institute"
    if any(w in holder for w in ("公司", "企业", "集团", "厂")):
        return "enterprise"
    return "other"


# ---------------------------------------------------------------- writing


def _achievement_fields(v: dict, lookup: dict) -> dict:
    field_node, track = place_in_taxonomy(v.get("field", ""), lookup)
    return {
        "title": v["title"],
        "abstract": v.get("abstract", ""),
        "field_text": v.get("field", ""),
        "field": field_node,
        "track": track,
        "trl": v.get("trl"),
        "stage": v.get("stage", ""),
        "holder": v["holder"],
        "holder_kind": _holder_kind(v["holder"]),
        "transfer_modes": ",".join(v.get("transfer_modes", [])),
        "keywords": v.get("keywords", ""),
    }


def _demand_fields(v: dict, lookup: dict, enterprises: dict) -> dict:
    field_node, track = place_in_taxonomy(v.get("industry", ""), lookup)
    name = v.get("enterprise", "")
    return {
        "title": v["title"],
        "description": v.get("description", ""),
        "industry_text": v.get("industry", ""),
        "field": field_node,
        "track": track,
        "enterprise_name": name,
        "enterprise": enterprises.get(name) or enterprises.get(clean_uscc(name)),
        "budget_yuan": v.get("budget"),
        "cooperation": v.get("cooperation", ""),
    }


def _same(obj, fields: dict) -> bool:
    for key, value in fields.items():
        current = getattr(obj, key)
        if isinstance(value, Decimal) and current is not None:
            if Decimal(current) != value:
                return False
        elif current != value:
            return False
    return True


def import_file(
    path: str | Path,
    kind: str,
    *,
    user=None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    publish: bool = False,
    name: str | None = None,
) -> ImportReport:
    """Imports achievements or demands (`kind`); returns the report. Writes nothing when the file
    has errors (unless `skip_invalid`, which writes the valid rows) or on a dry run."""
    sheet = {"achievements": ACHIEVEMENTS, "demands": DEMANDS}[kind]
    path = Path(path)
    name = name or path.name
    report = ImportReport()
    parsed = _read(path, name, sheet, report)
    if report.fatal or dry_run or (report.errors and not skip_invalid) or not parsed:
        return report
    model = Achievement if kind == "achievements" else Demand
    lookup = taxonomy_lookup()
    enterprises = {}
    if kind == "demands":
        names = {p.values.get("enterprise", "") for p in parsed} - {""}
        for e in Enterprise.objects.filter(name__in=names):
            enterprises[e.name] = e
        for e in Enterprise.objects.filter(uscc__in={clean_uscc(n) for n in names}):
            enterprises[e.uscc] = e
    now = timezone.now()
    source = f"import:{name}"[:200]
    with transaction.atomic():
        existing = {o.code: o for o in model.objects.filter(code__in=[p.values["code"] for p in parsed])}
        for p in parsed:
            fields = (
                _achievement_fields(p.values, lookup)
                if kind == "achievements"
                else _demand_fields(p.values, lookup, enterprises)
            )
            obj = existing.get(p.values["code"])
            if obj is None:
                if kind == "achievements":
                    status = Achievement.Status.PUBLISHED if publish else Achievement.Status.REVIEW
                    published = status == Achievement.Status.PUBLISHED
                else:
                    status = Demand.Status.OPEN if publish else Demand.Status.DRAFT
                    published = status == Demand.Status.OPEN
                model.objects.create(
                    code=p.values["code"],
                    status=status,
                    published_at=now if published else None,
                    created_by=user if getattr(user, "is_authenticated", False) else None,
                    source=source,
                    **fields,
                )
                report.created += 1
            elif _same(obj, fields):
                report.unchanged += 1
            else:
                for key, value in fields.items():
                    setattr(obj, key, value)
                obj.save()
                report.updated += 1
        report.rows_imported = len(parsed)
        audit.record(
            f"matching.import.{kind}",
            actor=user,
            object_type=f"matching.{kind}",
            object_id=name[:100],
            summary=f"导入{'成果' if kind == 'achievements' else '需求'}：{name}，新增 {report.created}，"
            f"更新 {report.updated}，未变 {report.unchanged}，错误 {report.error_count}",
            changes={"rows_imported": report.rows_imported, "errors": report.error_count},
        )
    return report
