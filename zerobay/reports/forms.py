"""The bulletin's forms: the month to draft, the narrative paragraphs staff may rewrite."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .bulletin.document import SECTIONS

LABELS = {
    "overview": _("Overview of the month"),
    "indicators": _("Development indicators"),
    "tasks": _("Key tasks"),
    "programmes": _("Programmes"),
    "cultivation": _("Cultivation"),
    "matching": _("Matching"),
}


class DraftForm(forms.Form):
    period = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"})
    )


class NarrativeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SECTIONS:
            self.fields[key] = forms.CharField(
                label=LABELS[key], widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
            )
