"""Forms of the programme pages. Amounts are typed in 万元 (as people state them) and cleaned to
yuan (as the models store them). Forms only parse; the services decide what is allowed."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from zerobay.registry.models import OrgUnit

from .models import ApprovalBatch, Call, Clause, PerformanceEvaluation, Policy
from .workflow import STATE_LABELS

WAN = Decimal(10_000)


class WanField(forms.DecimalField):
    """An amount typed in 万元, cleaned to yuan (2 decimals)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 6)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)

    def clean(self, value):
        wan = super().clean(value)
        return None if wan is None else (wan * WAN).quantize(Decimal("0.01"))


class DateInput(forms.DateInput):
    """A browser date picker: its value must be ISO, whatever the language's date format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def parse_targets(text: str) -> list[dict]:
    """One committed target a line: "名称, 单位, 目标值" (Chinese or ASCII commas)."""
    targets = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        if len(parts) != 3 or not parts[0]:
            raise forms.ValidationError(
                _("Line %(n)s: “%(line)s” should read “name, unit, target”."), params={"n": n, "line": line}
            )
        try:
            target = Decimal(parts[2])
        except ArithmeticError:
            raise forms.ValidationError(
                _("Line %(n)s: the target “%(value)s” is not a number."), params={"n": n, "value": parts[2]}
            ) from None
        targets.append({"name": parts[0], "unit": parts[1], "target": float(target)})
    return targets


def targets_text(targets: list[dict]) -> str:
    return "\n".join(f"{t['name']}, {t.get('unit', '')}, {t['target']}" for t in targets)


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    summary = forms.CharField(label=_("Project summary"), widget=forms.Textarea(attrs={"rows": 5}))
    requested_amount = WanField(label=_("Requested amount (10k yuan)"))
    project_start = forms.DateField(label=_("Project start"), required=False, widget=DateInput)
    project_end = forms.DateField(label=_("Project end"), required=False, widget=DateInput)
    contact = forms.CharField(label=_("Contact"), max_length=100, required=False)
    targets = forms.CharField(
        label=_("Committed targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "新增营业收入, 万元, 500"}),
        help_text=_("One a line: name, unit, target. They are checked at the performance evaluation."),
    )

    def clean_targets(self):
        return parse_targets(self.cleaned_data["targets"])

    def clean(self):
        data = super().clean()
        start, end = data.get("project_start"), data.get("project_end")
        if start and end and end < start:
            self.add_error("project_end", _("The project cannot end before it starts."))
        return data


class UploadForm(forms.Form):
    material = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].choices = [(m["code"], m["name"]) for m in materials]


class ActionForm(forms.Form):
    action = forms.CharField()
    version = forms.IntegerField(min_value=1)
    comment = forms.CharField(required=False, max_length=2000)


class ExpertsForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    experts = forms.MultipleChoiceField(label=_("Experts"))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].choices = choices


def score_form(criteria, data=None) -> forms.Form:
    """A score sheet: one field per criterion (0..max) and the opinion."""
    fields = {
        f"c_{c.pk}": forms.DecimalField(
            label=c.name,
            min_value=0,
            max_value=c.max_score,
            decimal_places=2,
            max_digits=6,
            help_text=c.guidance,
        )
        for c in criteria
    }
    fields["opinion"] = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 5}))
    form = type("ScoreForm", (forms.Form,), fields)(data)
    for c in criteria:
        form[f"c_{c.pk}"].criterion = c
    return form


class ConflictForm(forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=18)
    reason = forms.CharField(label=_("Tie to the enterprise"), max_length=200)


class BatchForm(forms.Form):
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=Policy.objects.all())
    title = forms.CharField(label=_("Title"), max_length=200)


class ProposeForm(forms.Form):
    application = forms.CharField(label=_("Application"), max_length=32)
    amount = WanField(label=_("Proposed amount (10k yuan)"))


class NoticeForm(forms.Form):
    notice_from = forms.DateField(label=_("Notice from"), widget=DateInput)
    notice_to = forms.DateField(label=_("Notice to"), widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("notice_from") and data.get("notice_to") and data["notice_to"] < data["notice_from"]:
            self.add_error("notice_to", _("The notice cannot end before it starts."))
        return data


class ObjectionForm(forms.Form):
    application = forms.ChoiceField(label=_("Application"))
    raised_by = forms.CharField(label=_("Raised by"), max_length=100)
    text = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [(a.code, f"{a.code} {a.enterprise.name}") for a in applications]


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("0", _("Dismissed: the project stays proposed")),
            ("1", _("Upheld: the project is declined")),
        ],
        coerce=lambda v: v == "1",
    )
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    amount = WanField(label=_("Amount (10k yuan)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput, initial=datetime.date.today)
    reference = forms.CharField(label=_("Payment reference"), max_length=100, required=False)
    final = forms.BooleanField(label=_("Final instalment"), required=False)


class EvaluationForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    follow_up = forms.ChoiceField(label=_("Follow-up"), choices=PerformanceEvaluation.FollowUp.choices)
    recovered_amount = WanField(label=_("Amount to recover (10k yuan)"), required=False, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for i, t in enumerate(self.targets):
            self.fields[f"actual_{i}"] = forms.DecimalField(
                label=f"{t['name']}（{t.get('unit', '')}，{_('target')} {t['target']}）", max_digits=18
            )

    def outcomes(self) -> list[dict]:
        return [{**t, "actual": float(self.cleaned_data[f"actual_{i}"])} for i, t in enumerate(self.targets)]


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    call = forms.ModelChoiceField(label=_("Call"), queryset=Call.objects.all(), required=False)
    clause = forms.ModelChoiceField(label=_("Clause"), queryset=Clause.objects.all(), required=False)
    subpark = forms.ModelChoiceField(label=_("Sub-park"), queryset=OrgUnit.objects.none(), required=False)
    reached = forms.ChoiceField(label=_("Reached stage"), required=False)
    # Set by the dashboards' drill-down links.
    policy = forms.ModelChoiceField(queryset=Policy.objects.all(), required=False, widget=forms.HiddenInput)
    batch = forms.ModelChoiceField(
        queryset=ApprovalBatch.objects.all(), required=False, widget=forms.HiddenInput
    )
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, subparks=None, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All"))] + [(k, v) for k, v in STATE_LABELS.items()]
        self.fields["reached"].choices = [("", _("All")), *stages]
        self.fields["call"].empty_label = _("All")
        self.fields["clause"].empty_label = _("All")
        self.fields["subpark"].empty_label = _("All")
        if subparks is not None:
            self.fields["subpark"].queryset = subparks


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year of the call"), coerce=int, required=False, empty_value=None)
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=Policy.objects.all(), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["policy"].empty_label = _("All")
