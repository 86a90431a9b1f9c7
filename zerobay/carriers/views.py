"""The carriers pages: the list, a carrier (record, statistics over the years, residents, evaluation),
filing the annual statistics, and the evaluation ranking."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zerobay.access import require
from zerobay.registry.carriers import carriers_xlsx_response, filter_carriers
from zerobay.registry.forms import CarrierFilterForm
from zerobay.registry.models import Carrier
from zerobay.statistics.services import ImportRefused
from zerobay.web.pagination import paginate

from . import pages
from .access import (
    access_batch_by_pk,
    access_carrier_by_pk,
    can_edit_carrier,
    can_edit_recognitions,
    can_file_statistics,
    is_carrier_operator,
    visible_carriers,
)
from .changes import (
    InspectionRefused,
    add_recognition,
    can_inspect,
    carrier_history,
    checklist,
    editable_fields,
    record_inspection,
    update_carrier,
)
from .evaluation.cache import cached_evaluation
from .evaluation.schemes import scheme_for_kind, schemes
from .evaluation.whatif import entropy_weights, rescore
from .exports import evaluation_xlsx_response
from .forms import (
    CarrierEditForm,
    EvaluationFilterForm,
    InspectionForm,
    RecognitionForm,
    StatisticsUploadForm,
    WhatIfForm,
)
from .models import Residency
from .services import file_statistics

PAGE_SIZE = 50
TABS = ("overview", "statistics", "residents", "evaluation", "inspections")


def carrier_list(request):
    form = CarrierFilterForm(request.GET or None, user=request.user)
    wanted = form.cleaned_data if form.is_valid() else {}
    carriers = filter_carriers(
        visible_carriers(request.user),
        q=wanted.get("q", ""),
        kind=wanted.get("kind", ""),
        org_unit=wanted.get("org"),
    )
    if request.GET.get("format") == "xlsx":
        return carriers_xlsx_response(carriers)
    page = paginate(request, carriers, PAGE_SIZE)
    return render(request, "carriers/carrier_list.html", {"form": form, "page_obj": page})


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return pages.default_year()
    return year if 2000 <= year <= 2100 else pages.default_year()


def carrier_detail(request, pk: int):
    carrier = access_carrier_by_pk(request.user, pk)
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "overview"
    year = _year(request)
    context = {
        "carrier": carrier,
        "tab": tab,
        "year": year,
        "can_file": can_file_statistics(request.user, carrier).allowed,
        "scheme": scheme_for_kind(carrier.kind),
    }
    context["inspected"] = carrier.kind == Carrier.Kind.SCIENCE_BASE
    if tab == "overview":
        context["recognitions"] = carrier.recognitions.all()
        context["residents_now"] = carrier.residencies.filter(left_on__isnull=True).count()
        if request.user.can_import:
            context["recognition_form"] = RecognitionForm()
        context["can_edit"] = bool(editable_fields(request.user))
        context["history"] = carrier_history(carrier)
    elif tab == "inspections":
        items = checklist()[1]
        context["inspections"] = [
            (i, [item.text for item in items if not i.checklist.get(item.id)])
            for i in carrier.inspections.select_related("inspected_by")
        ]
        if can_inspect(request.user, carrier):
            context["inspection_form"] = InspectionForm()
    elif tab == "statistics":
        years, rows, statements = pages.statements_over_years(carrier, context["scheme"])
        context.update(
            years=years, rows=rows, statements=statements, chart=pages.statement_chart(years, rows)
        )
    elif tab == "residents":
        residencies = (
            Residency.objects.filter(carrier=carrier)
            .select_related("enterprise")
            .order_by("-entered_on", "id")
        )
        page = paginate(request, residencies, PAGE_SIZE)
        context.update(page_obj=page, lines=pages.residents_page(page, year))
    else:
        found = pages.carrier_evaluation(carrier, year)
        if found:
            evaluation, result = found
            context.update(evaluation=evaluation, result=result, radar=pages.radar(evaluation, result))
    return render(request, "carriers/carrier_detail.html", context)


def statistics_upload(request, pk: int):
    """The carrier files its annual statistics: the workbook goes through the statistics pipeline
    (validated and imported in this request: a carrier's file is a row or a few)."""
    carrier = access_carrier_by_pk(request.user, pk)
    require(can_file_statistics(request.user, carrier))
    form = StatisticsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch, report = file_statistics(
                user=request.user,
                source=data["file"],
                original_name=data["file"].name,
                year=data["year"],
                skip_invalid=data["skip_invalid"],
                dry_run=data["dry_run"],
            )
        except ImportRefused as exc:
            form.add_error(None, str(exc))
        else:
            if report.rows_imported:
                messages.success(request, _("%(n)s row(s) imported.") % {"n": report.rows_imported})
            elif report.errors:
                messages.error(request, _("The file has errors: nothing was imported."))
            else:
                messages.info(request, _("Checked: nothing was imported."))
            return redirect("carrier-import", pk=batch.pk)
    return render(request, "carriers/statistics_upload.html", {"carrier": carrier, "form": form})


def import_detail(request, pk: int):
    batch = access_batch_by_pk(request.user, pk)
    report = batch.report or {}
    own = request.user.carrier if is_carrier_operator(request.user) else None
    return render(
        request,
        "carriers/import_detail.html",
        {
            "batch": batch,
            "errors": pages.issue_rows(report.get("errors", [])),
            "warnings": pages.issue_rows(report.get("warnings", [])),
            "carrier": own,
        },
    )


def evaluation(request):
    """The ranking of a scheme's carriers for a year; a carrier operator is sent to its own."""
    if is_carrier_operator(request.user):
        if request.user.carrier_id is None:
            return render(request, "carriers/evaluation.html", {"form": None, "results": []})
        return redirect(reverse("carrier-detail", args=[request.user.carrier_id]) + "?tab=evaluation")
    form = EvaluationFilterForm(request.GET or None)
    scheme_id, year = form.wanted()
    scheme = schemes()[scheme_id]
    result = cached_evaluation(year, scheme)
    seen = set(visible_carriers(request.user).values_list("pk", flat=True))
    results = [r for r in result.results if r.carrier_id in seen]
    if request.GET.get("format") == "xlsx":
        return evaluation_xlsx_response(result, results)
    whatif = WhatIfForm(request.GET or None, scheme=scheme)
    reranked, weights = None, None
    if whatif.is_valid() and whatif.cleaned_data["whatif"]:
        weights = (
            entropy_weights(result) if whatif.cleaned_data["whatif"] == "entropy" else whatif.edited_weights()
        )
        reranked = [x for x in rescore(result, weights) if x.result.carrier_id in seen]
    return render(
        request,
        "carriers/evaluation.html",
        {
            "form": form,
            "whatif": whatif,
            "evaluation": result,
            "results": results,
            "year": year,
            "reranked": reranked,
            "subsidy_total": sum(r.grade.subsidy for r in results if not r.cancelled),
            "weights": [(i.label, weights.get(i.id)) for i in scheme.indicators] if weights else None,
        },
    )


@require_POST
def inspect(request, pk: int):
    carrier = access_carrier_by_pk(request.user, pk)
    require(can_inspect(request.user, carrier))
    form = InspectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_inspection(
                carrier=carrier,
                year=data["year"],
                ticks=form.ticks(),
                result=data["result"],
                reasons=data["reasons"],
                inspected_on=data["inspected_on"],
                user=request.user,
            )
        except InspectionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The inspection has been recorded."))
    else:
        messages.error(
            request, _("The inspection form is incomplete: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(reverse("carrier-detail", args=[carrier.pk]) + "?tab=inspections")


@require_POST
def add_recognition_view(request, pk: int):
    carrier = access_carrier_by_pk(request.user, pk)
    require(can_edit_recognitions(request.user))
    form = RecognitionForm(request.POST)
    if form.is_valid():
        try:
            add_recognition(carrier=carrier, user=request.user, **form.cleaned_data)
        except InspectionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The recognition has been added."))
    else:
        messages.error(
            request, _("The recognition form is incomplete: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(reverse("carrier-detail", args=[carrier.pk]) + "?tab=overview")


def carrier_edit(request, pk: int):
    carrier = access_carrier_by_pk(request.user, pk)
    require(can_edit_carrier(request.user))
    form = CarrierEditForm(request.POST or None, instance=carrier, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form fills the instance; update_carrier compares with the stored record and audits.
        stored = access_carrier_by_pk(request.user, pk)
        changes = update_carrier(stored, {k: form.cleaned_data[k] for k in form.fields}, user=request.user)
        if changes:
            messages.success(request, _("The carrier has been saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("carrier-detail", pk=carrier.pk)
    return render(request, "carriers/carrier_form.html", {"carrier": carrier, "form": form})
