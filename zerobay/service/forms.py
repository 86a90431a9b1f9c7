"""The service forms: raising a request, filtering the list, the steps that take more than a reason."""

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc

from zerobay.registry.models import Enterprise, Unit

from .models import Category, Channel, Rating, ServiceRequest, Urgency

STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


class RequestForm(forms.Form):
    """A new request. Staff name the enterprise by its USCC and the channel (visit or call); an
    enterprise user raises for its own enterprise."""

    enterprise = forms.CharField(
        label=_("Enterprise (unified social credit code)"), max_length=18, required=False
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=STAFF_CHANNELS, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    title = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Request"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.filter(active=True),
        required=False,
        empty_label=_("The category's unit"),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"), queryset=Unit.objects.filter(active=True), required=False
    )
    file = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        if not staff:  # an enterprise does not choose who handles its request
            for name in ("enterprise", "channel", "unit", "co_units"):
                del self.fields[name]

    def clean_enterprise(self):
        code = (self.cleaned_data.get("enterprise") or "").strip().upper()
        if not self.staff:
            return None
        if not code:
            raise forms.ValidationError(_("Give the enterprise's unified social credit code"))
        if not stdnum_uscc.is_valid(code):
            raise forms.ValidationError(
                _("“%(code)s” is not a valid unified social credit code") % {"code": code}
            )
        found = Enterprise.objects.filter(uscc=code).first()
        if found is None:
            raise forms.ValidationError(
                _("No enterprise with the code %(code)s is registered") % {"code": code}
            )
        return found

    def clean_channel(self):
        value = self.cleaned_data.get("channel")
        if self.staff and not value:
            raise forms.ValidationError(_("Say whether the request came from a visit or a call"))
        return value


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("State"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["state"].choices = everything + list(ServiceRequest.State.choices)
        self.fields["category"].choices = everything + list(Category.choices)
        self.fields["unit"].choices = everything + [
            (u.code, str(u)) for u in Unit.objects.filter(service_requests__isnull=False).distinct()
        ]


class StepForm(forms.Form):
    """The fields a step may carry beyond its name: a reason, the version seen, and for some steps a
    unit (reroute), the request duplicated (merge) or a rating (confirm / reopen)."""

    action = forms.CharField(max_length=32)
    version = forms.IntegerField(min_value=1, required=False)
    comment = forms.CharField(max_length=5000, required=False)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(active=True), required=False, to_field_name="code"
    )
    duplicate_of = forms.CharField(max_length=20, required=False)
    rating = forms.ChoiceField(choices=[("", "")] + list(Rating.choices), required=False)

    def clean_duplicate_of(self):
        text = (self.cleaned_data.get("duplicate_of") or "").strip().upper()
        if not text:
            return None
        digits = text.rsplit("-", 1)[-1]
        if not digits.isdigit():
            raise forms.ValidationError(_("Give the number of the request, e.g. SR2026-000123"))
        return int(digits)


def enterprise_by_uscc(code: str) -> Enterprise:
    """The registered enterprise of a USCC, or a ValidationError naming the code."""
    code = (code or "").strip().upper()
    if not stdnum_uscc.is_valid(code):
        raise forms.ValidationError(
            _("“%(code)s” is not a valid unified social credit code") % {"code": code}
        )
    found = Enterprise.objects.filter(uscc=code).first()
    if found is None:
        raise forms.ValidationError(_("No enterprise with the code %(code)s is registered") % {"code": code})
    return found


class VisitForm(forms.Form):
    enterprise = forms.CharField(label=_("Enterprise (unified social credit code)"), max_length=18)
    day = forms.DateField(label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.CharField(label=_("Who went"), max_length=300)
    units = forms.ModelMultipleChoiceField(
        label=_("Units"), queryset=Unit.objects.filter(active=True), required=False
    )
    notes = forms.CharField(
        label=_("What the enterprise said"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def clean_enterprise(self):
        return enterprise_by_uscc(self.cleaned_data.get("enterprise", ""))


class KeyChangeForm(forms.Form):
    change = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove"), ("officer", "officer")])
    reason = forms.CharField(max_length=300, required=False)
    officer = forms.CharField(max_length=150, required=False)  # a username
