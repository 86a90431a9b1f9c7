"""The Torch figures of an enterprise as the registry's pages show them: the latest annual figures
for the list and export, and the annual table, chart, monthly reports and revision history for the
enterprise page. Registered into the registry's pages in StatisticsConfig.ready()."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zerobay.registry.extensions import Alert, Event
from zerobay.registry.formatting import format_count, format_money_wan, to_wan

from . import charts
from .access import visible_batches
from .forms import form_label
from .models import AnnualReport, EnterpriseProfile, MonthlyReport, ReportRevision
from .reportforms import FORMS, TORCH_ANNUAL, Kind


def with_latest_figures(enterprises: QuerySet) -> QuerySet:
    """Annotates each enterprise with the year, revenue (yuan) and employees of its latest annual report."""
    latest = AnnualReport.objects.filter(enterprise_id=OuterRef("pk")).order_by("-year")
    return enterprises.annotate(
        latest_year=Subquery(latest.values("year")[:1]),
        latest_revenue=Subquery(latest.values("revenue")[:1]),
        latest_employees=Subquery(latest.values("employees")[:1]),
    )


def enterprise_figures(enterprise, user) -> dict:
    """Template context for the enterprise page: annual, annual_table, chart, monthly, revisions, and
    the imports among their sources that `user` may open (the others are named, not linked)."""
    annual, annual_table, chart = _annual(enterprise)
    monthly = _monthly(enterprise)
    revisions = _revisions(enterprise, annual, monthly)
    cited = {r.batch_id for r in (*annual, *monthly)} | {enterprise.source_import_id}
    cited |= {r.batch_id for r in revisions} | {r.superseded_by_id for r in revisions}
    return {
        "annual": annual,
        "annual_table": annual_table,
        "chart": charts.revenue(chart),
        "monthly": monthly,
        "revisions": revisions,
        "openable_imports": set(
            visible_batches(user).filter(pk__in=cited - {None}).values_list("pk", flat=True)
        ),
    }


def field_label(field) -> str:
    return field.label if (get_language() or "zh").startswith("zh") else field.label_en


def field_unit(field) -> str:
    return _("10k yuan") if field.kind == Kind.MONEY else (field.unit or "")


NUMERIC = (Kind.MONEY, Kind.COUNT)


def format_value(field, value) -> str:
    if field.kind not in NUMERIC:  # dates, codes and texts of the enterprise profile
        return "" if value is None else str(value)
    return format_money_wan(value) if field.kind == Kind.MONEY else format_count(value)


def _annual(enterprise):
    reports = list(
        AnnualReport.objects.filter(enterprise=enterprise).select_related("batch").order_by("year")
    )
    table = [
        {
            "label": field_label(f),
            "unit": field_unit(f),
            # (shown value, change on the year before) per year
            "cells": list(
                zip(
                    [format_value(f, getattr(r, f.key)) for r in reports],
                    _changes([getattr(r, f.key) for r in reports])
                    if f.kind in NUMERIC
                    else [""] * len(reports),
                    strict=True,
                )
            ),
        }
        for f in TORCH_ANNUAL.value_fields
    ]
    chart = {
        "years": [str(r.year) for r in reports],
        "revenue": [None if r.revenue is None else float(to_wan(r.revenue)) for r in reports],
        "name": _("Revenue (10k yuan)"),
    }
    return reports, table, chart


def _changes(values: list) -> list[str]:
    """Each year's change on the year before it, as "+12.3%" ("" where either year is missing or zero)."""
    out = [""] if values else []
    for before, now in zip(values, values[1:], strict=False):
        if before in (None, 0) or now is None:
            out.append("")
        else:
            out.append(f"{(Decimal(now) - Decimal(before)) / abs(Decimal(before)) * 100:+.1f}%")
    return out


def revenue_falling(enterprise) -> tuple[AnnualReport, AnnualReport] | None:
    """The last two annual reports when the later one's revenue is below the earlier one's."""
    last = list(
        AnnualReport.objects.filter(enterprise=enterprise, revenue__isnull=False).order_by("-year")[:2]
    )
    if len(last) == 2 and last[0].year == last[1].year + 1 and last[0].revenue < last[1].revenue:
        return last[0], last[1]
    return None


def enterprise_alerts(enterprise, user, today) -> list[Alert]:
    falling = revenue_falling(enterprise)
    if falling is None:
        return []
    now, before = falling
    return [
        Alert(
            "revenue_falling",
            _("Revenue fell in %(year)s: %(now)s against %(before)s (10k yuan) the year before")
            % {
                "year": now.year,
                "now": format_money_wan(now.revenue),
                "before": format_money_wan(before.revenue),
            },
            _("the latest annual report's revenue is below the previous year's"),
            "#annual-figures",
        )
    ]


def enterprise_events(enterprise, user, today) -> list[Event]:
    kind = _("Torch annual report")
    return [
        Event(
            r.batch.created_at.date() if r.batch_id else r.updated_at.date(),
            kind,
            _("%(year)s annual report imported: revenue %(revenue)s (10k yuan)")
            % {"year": r.year, "revenue": format_money_wan(r.revenue) or "—"},
            "#annual-figures",
        )
        for r in AnnualReport.objects.filter(enterprise=enterprise).select_related("batch")
    ]


def _monthly(enterprise):
    reports = list(
        MonthlyReport.objects.filter(enterprise=enterprise)
        .select_related("batch")
        .order_by("-year", "-month")
    )
    for r in reports:
        r.revenue_text = format_money_wan(r.revenue_ytd)
        r.employees_text = format_count(r.employees)
    return reports


def _revisions(enterprise, annual, monthly) -> list:
    """Superseded states, newest first, each with what changed into what."""
    current = {("torch_annual", r.pk): r for r in annual} | {("torch_monthly", r.pk): r for r in monthly}
    current |= {
        ("enterprise_profile", p.pk): p for p in EnterpriseProfile.objects.filter(enterprise=enterprise)
    }
    revisions = list(
        ReportRevision.objects.filter(enterprise=enterprise)
        .select_related("batch", "superseded_by")
        .order_by("form", "report_id", "revision")
    )
    by_report = defaultdict(list)
    for rev in revisions:
        by_report[(rev.form, rev.report_id)].append(rev)
    out = []
    for key, revs in by_report.items():
        form = FORMS.get(key[0])
        if form is None:
            continue
        report = current.get(key)
        for i, rev in enumerate(revs):
            if i + 1 < len(revs):
                after = revs[i + 1].values
            elif report is not None:
                after = {f.key: getattr(report, f.key) for f in form.value_fields}
            else:
                after = {}
            rev.form_name = form_label(form)
            rev.period = f"{rev.year}-{rev.month:02d}" if rev.month else str(rev.year)
            rev.changes = []
            for f in form.value_fields:
                old, new = rev.values.get(f.key), after.get(f.key)
                if _differs(old, new, f.kind in NUMERIC):
                    rev.changes.append(
                        {
                            "label": field_label(f),
                            "unit": field_unit(f),
                            "old": format_value(f, old) or "—",
                            "new": format_value(f, new) or "—",
                        }
                    )
            out.append(rev)
    out.sort(key=lambda r: (r.superseded_at, r.revision), reverse=True)
    return out


def _differs(old, new, numeric: bool = True) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return Decimal(str(old)) != Decimal(str(new)) if numeric else str(old) != str(new)
