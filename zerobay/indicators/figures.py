"""Published figures in the database: the shipped documents' figures (synchronised from
`zerobay/data/published_figures.json`) beside the ones staff enter, read back as `Figure`s."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from .models import PublishedFigure
from .published import Figure, load_published

_KEY = ("indicator", "scope", "year", "kind", "source", "location")


def sync_published() -> dict[str, int]:
    """Bring the shipped figures into the database: new ones created, changed ones updated,
    ones no longer shipped removed. Figures staff entered (entered_by set) are never touched."""
    documents, figures = load_published()
    titles = {d.file: d.title for d in documents}
    shipped = {tuple(getattr(f, k) for k in _KEY): f for f in figures}
    counts = {"created": 0, "updated": 0, "removed": 0}
    with transaction.atomic():
        stored = {
            tuple(getattr(p, k) for k in _KEY): p
            for p in PublishedFigure.objects.filter(entered_by__isnull=True, source__in=titles)
        }
        for key, figure in shipped.items():
            fields = {
                "value": figure.value,
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "growth": figure.growth,
                "cagr": figure.cagr,
                "cagr_from": figure.cagr_from,
                "source_title": titles[figure.source],
                "published": figure.published,
                "note": figure.note,
            }
            row = stored.pop(key, None)
            if row is None:
                PublishedFigure.objects.create(**dict(zip(_KEY, key, strict=True)), **fields)
                counts["created"] += 1
            elif any(_differs(getattr(row, k), v) for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.save()
                counts["updated"] += 1
        if stored:
            PublishedFigure.objects.filter(pk__in=[r.pk for r in stored.values()]).delete()
            counts["removed"] = len(stored)
    return counts


def _differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (old is None) != (new is None) or (old is not None and Decimal(old) != Decimal(new))
    return old != new


def as_figure(row: PublishedFigure) -> Figure:
    return Figure(
        indicator=row.indicator,
        scope=row.scope,
        year=row.year,
        kind=row.kind,
        value=row.value.normalize() if row.value is not None else None,
        unit=row.unit,
        source=row.source,
        published=row.published,
        location=row.location,
        qualifier=row.qualifier,
        growth=row.growth.normalize() if row.growth is not None else None,
        cagr=row.cagr.normalize() if row.cagr is not None else None,
        cagr_from=row.cagr_from,
        note=row.note,
    )


def figures_for(indicator_ids: Iterable[str] | None = None) -> list[Figure]:
    rows = PublishedFigure.objects.all()
    if indicator_ids is not None:
        rows = rows.filter(indicator__in=list(indicator_ids))
    return [as_figure(r) for r in rows]
