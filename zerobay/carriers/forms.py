"""The carriers pages' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zerobay.registry.access import visible_org_units
from zerobay.registry.models import Carrier, CarrierRecognition
from zerobay.statistics.forms import ImportForm
from zerobay.statistics.periods import Period

from .changes import STAFF_FIELDS, checklist, editable_fields
from .models import Inspection
from .pages import default_year, scheme_choices


class StatisticsUploadForm(ImportForm):
    """A carrier's annual statistics workbook: the statistics upload form without the form choice
    (it is always the carrier-annual form) and the month."""

    skip_invalid = forms.BooleanField(label=_("Import the valid rows only"), required=False)
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["form_code"]
        del self.fields["month"]
        if not self.is_bound:
            self.initial["year"] = default_year()

    def clean(self):
        data = forms.Form.clean(self)
        if data.get("year") is not None:
            data["period"] = Period(data["year"])
        return data


class EvaluationFilterForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Scheme"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].choices = scheme_choices()

    def wanted(self) -> tuple[str, int]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("scheme") or scheme_choices()[0][0], data.get("year") or default_year()


class WhatIfForm(forms.Form):
    """Another weight set for the ranking: entropy weights, or the declared weights edited (one
    field per indicator, prefilled with the declared points of the scheme's first carrier type)."""

    whatif = forms.ChoiceField(
        label=_("Compare with"),
        required=False,
        choices=[
            ("", _("Declared weights only")),
            ("entropy", _("Entropy weights")),
            ("edited", _("Edited weights")),
        ],
    )

    def __init__(self, data=None, *, scheme, **kwargs):
        if (
            data is not None
        ):  # a weight left out keeps its declared value (the page's other filters bind the form)
            data = data.copy()
            for indicator in scheme.indicators:
                data.setdefault(f"w_{indicator.id}", str(indicator.weights[scheme.weight_sets[0]]))
        super().__init__(data, **kwargs)
        self.scheme = scheme
        for indicator in scheme.indicators:
            self.fields[f"w_{indicator.id}"] = forms.FloatField(
                label=indicator.label,
                required=False,
                min_value=0,
                max_value=1000,
                initial=indicator.weights[scheme.weight_sets[0]],
            )

    def edited_weights(self) -> dict[str, float]:
        data = self.cleaned_data
        return {i.id: data[f"w_{i.id}"] for i in self.scheme.indicators if data.get(f"w_{i.id}") is not None}


class InspectionForm(forms.Form):
    """A base's annual inspection: one box per checklist item, the result and its reasons."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    inspected_on = forms.DateField(label=_("Inspected on"), widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.ChoiceField(label=_("Result"), choices=Inspection.Result.choices)
    reasons = forms.CharField(
        label=_("Reasons"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version, items = checklist()
        for item in items:
            label = f"{item.text}{'（' + str(_('essential')) + '）' if item.essential else ''}"
            self.fields[f"item_{item.id}"] = forms.BooleanField(label=label, required=False)
        if not self.is_bound:
            self.initial.setdefault("year", default_year())

    def ticks(self) -> dict[str, bool]:
        _version, items = checklist()
        return {i.id: bool(self.cleaned_data.get(f"item_{i.id}")) for i in items}


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = CarrierRecognition
        fields = ["title", "level", "recognised_on", "valid_to", "issued_by", "document", "source"]
        widgets = {
            "recognised_on": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }


class CarrierEditForm(forms.ModelForm):
    """The carrier record; the fields offered are those the user may edit (changes.editable_fields),
    the org units those in its scope."""

    class Meta:
        model = Carrier
        fields = list(STAFF_FIELDS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = editable_fields(user)
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]
        if "org_unit" in self.fields:
            self.fields["org_unit"].queryset = visible_org_units(user)
