"""The carriers pages' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zerobay.statistics.forms import ImportForm
from zerobay.statistics.periods import Period

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
