"""An enterprise's reported figures as plain data, as the API gives them: the current report of
each period (with the import row it came from) and the superseded revisions. Money as a decimal
string in yuan, counts as integers."""

from decimal import Decimal

from django.db.models import F

from .models import AnnualReport, MonthlyReport, ReportRevision
from .periods import Period, PeriodType
from .reportforms import FORMS, TORCH_ANNUAL, TORCH_MONTHLY, Kind, ReportForm


def figures(values: dict, form: ReportForm) -> dict:
    """{field: value} as the API gives it, from stored values (Decimal, int or their strings)."""
    out = {}
    for f in form.value_fields:
        v = values.get(f.key)
        if v is None:
            out[f.key] = None
        elif f.kind == Kind.MONEY:
            out[f.key] = f"{Decimal(v):.2f}"
        elif f.kind == Kind.COUNT:
            out[f.key] = int(v)
        else:
            out[f.key] = str(v)
    return out


def _reports(model, form: ReportForm, enterprise, *extra: str) -> list[dict]:
    keys = ["year", *extra, "revision", "batch_id", "source_row", "file", *(f.key for f in form.value_fields)]
    rows = model.objects.filter(enterprise=enterprise).annotate(file=F("batch__original_name")).values(*keys)
    return [
        {
            **{k: r[k] for k in ("year", *extra, "revision")},
            "source": {"import_id": r["batch_id"], "file": r["file"], "row": r["source_row"]},
            **figures(r, form),
        }
        for r in rows
    ]


def annual_reports(enterprise) -> list[dict]:
    return _reports(AnnualReport, TORCH_ANNUAL, enterprise)


def monthly_reports(enterprise) -> list[dict]:
    monthly = _reports(MonthlyReport, TORCH_MONTHLY, enterprise, "month")
    for m in monthly:
        m["period"] = str(Period(m["year"], PeriodType.MONTH, m["month"]))
    return monthly


def revisions(enterprise) -> list[dict]:
    """Superseded states of the enterprise's reports, newest revision first, each with its source."""
    rows = (
        ReportRevision.objects.filter(enterprise=enterprise)
        .annotate(file=F("batch__original_name"))
        .order_by("form", "-year", F("month").desc(nulls_last=True), "-revision", "-id")
    )
    return [
        {
            "form": r.form,
            "period": str(Period(r.year, PeriodType.MONTH, r.month) if r.month else Period(r.year)),
            "year": r.year,
            "month": r.month,
            "revision": r.revision,
            "values": figures(r.values, FORMS[r.form]) if r.form in FORMS else r.values,
            "source": {"import_id": r.batch_id, "file": r.file, "row": r.source_row},
            "superseded_by": r.superseded_by_id,
            "superseded_at": r.superseded_at,
        }
        for r in rows
    ]
