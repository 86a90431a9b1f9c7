"""The forms of the workplan pages: a weekly update, a meeting decision, closing a decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import Unit

from .assessment import Quarter
from .models import Status, Task, TaskLink

MAX_TEXT = 4000


class UpdateForm(forms.Form):
    progress = forms.CharField(
        label=_("Progress this week"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_TEXT
    )
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXT, required=False
    )
    problems = forms.CharField(
        label=_("Problems needing coordination"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Leave empty when nothing needs the meeting's coordination."),
    )
    declared_status = forms.ChoiceField(label=_("Declared status"), choices=Status.choices)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision of the meeting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_TEXT
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Unit.objects.filter(active=True))
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    task = forms.ModelChoiceField(label=_("Key task"), queryset=Task.objects.none(), required=False)

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if tasks is not None:
            self.fields["task"].queryset = tasks


class CloseForm(forms.Form):
    note = forms.CharField(label=_("How it was settled"), max_length=300, required=False)


class MilestoneForm(forms.Form):
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    deliverable = forms.CharField(label=_("Deliverable"), max_length=300)


def _quarter(text: str) -> str:
    try:
        return str(Quarter.parse(text))
    except ValueError:
        raise forms.ValidationError(_("Write the quarter as 2025Q3.")) from None


class LeadershipForm(forms.Form):
    quarter = forms.CharField(label=_("Quarter"), max_length=8)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.filter(led_tasks__isnull=False).distinct()
    )
    score = forms.DecimalField(label=_("Score"), min_value=0, max_value=100, decimal_places=1)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_quarter(self) -> str:
        return _quarter(self.cleaned_data["quarter"])


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Concerns"), choices=TaskLink.Kind.choices)
    key = forms.CharField(
        label=_("Code or name"),
        max_length=200,
        help_text=_("An enterprise's unified social credit code, a carrier's name or a programme's code."),
    )


MAX_UPLOAD = 10 * 1024 * 1024  # a task list is a few hundred rows; 10 MB is far beyond any real one


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Task list workbook"), help_text=_("xlsx, xls, ods or csv"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    list_name = forms.CharField(label=_("List name"), max_length=200, required=False)
    dry_run = forms.BooleanField(label=_("Check only, store nothing"), required=False)
    skip_invalid = forms.BooleanField(label=_("Import the valid rows, report the rest"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
