"""Forms of the import pages: the upload form and the filters of the import history."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zerobay.tabular.reading import SUFFIXES

from .models import ImportBatch
from .periods import Period, PeriodType
from .reportforms import FORMS

MONTHS = [(m, f"{m:02d}") for m in range(1, 13)]


def form_label(form) -> str:
    """A report form's name in the language of the page."""
    return form.name if (get_language() or "zh").startswith("zh") else form.name_en


def form_choices() -> list[tuple[str, str]]:
    return [(f.code, form_label(f)) for f in FORMS.values()]


def _year_bounds() -> tuple[int, int]:
    return 2000, timezone.localdate().year + 1


class ImportForm(forms.Form):
    form_code = forms.ChoiceField(label=_("Report form"))
    year = forms.IntegerField(label=_("Reporting year"))
    month = forms.TypedChoiceField(
        label=_("Reporting month"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Only for the monthly report."),
    )
    file = forms.FileField(
        label=_("Workbook"),
        help_text=_("xlsx, xls, xlsb, ods or csv; the header may sit below title rows."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = _year_bounds()
        self.fields["form_code"].choices = form_choices()
        self.fields["year"].widget.attrs.update(min=low, max=high)
        self.fields["month"].choices = [("", "—"), *MONTHS]
        if not self.is_bound:
            self.initial.setdefault("form_code", "torch_annual")
            self.initial.setdefault("year", timezone.localdate().year - 1)
        self.fields["file"].widget.attrs["accept"] = ",".join(sorted(SUFFIXES))

    def clean_year(self):
        year = self.cleaned_data["year"]
        low, high = _year_bounds()
        if not low <= year <= high:
            raise forms.ValidationError(
                _("The reporting year must be between %(low)s and %(high)s."),
                params={"low": low, "high": high},
            )
        return year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ZEROBAY_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): at most %(limit)s can be uploaded."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                _(
                    "Files of type “%(suffix)s” cannot be imported: upload an xlsx, xls, xlsb, ods or csv file."
                ),
                params={"suffix": suffix or _("no extension")},
            )
        return upload

    def clean(self):
        data = super().clean()
        code, year = data.get("form_code"), data.get("year")
        if code is None or year is None:
            return data
        if FORMS[code].period_type == PeriodType.MONTH:
            if not data.get("month"):
                self.add_error("month", _("Choose the month of the monthly report."))
                return data
            data["period"] = Period(year, PeriodType.MONTH, data["month"])
        else:
            data["period"] = Period(year)
        return data


class ImportFilterForm(forms.Form):
    form = forms.ChoiceField(label=_("Report form"), required=False)
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("All")), *ImportBatch.Status.choices]
    )
    year = forms.IntegerField(label=_("year"), required=False, min_value=1900, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", _("All")), *form_choices()]
        self.fields["year"].widget.attrs["style"] = "width: 7rem"

    def filter(self, batches):
        if not self.is_bound:
            return batches
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("form"):
            batches = batches.filter(form=data["form"])
        if data.get("status"):
            batches = batches.filter(status=data["status"])
        if data.get("year"):
            batches = batches.filter(year=data["year"])
        return batches
