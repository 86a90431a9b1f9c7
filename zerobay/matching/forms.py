"""Forms of the hall: filters, achievement and demand editing, funnel moves, events, responses."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Industry

from .models import (
    Achievement,
    ChallengeResponse,
    Demand,
    FollowUp,
    HolderKind,
    MatchEvent,
    Maturity,
    Stage,
    TransferMode,
    stage_of_trl,
)

WAN = Decimal(10_000)


def plan_fields():
    return Industry.objects.filter(scheme=Industry.Scheme.PLAN, level=Industry.Level.FIELD)


def plan_tracks():
    return Industry.objects.filter(scheme=Industry.Scheme.PLAN, level=Industry.Level.TRACK)


class HallFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = forms.ModelChoiceField(label=_("Field"), queryset=Industry.objects.none(), required=False)
    track = forms.ModelChoiceField(label=_("Track"), queryset=Industry.objects.none(), required=False)
    stage = forms.ChoiceField(label=_("Maturity"), required=False)
    mode = forms.ChoiceField(label=_("Transfer mode"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = plan_fields()
        self.fields["track"].queryset = plan_tracks()
        self.fields["field"].empty_label = self.fields["track"].empty_label = _("All")
        self.fields["stage"].choices = [("", _("All")), *Maturity.choices]
        self.fields["mode"].choices = [("", _("All")), *TransferMode.choices]
        if statuses:
            self.fields["status"].choices = [("", _("All")), *statuses]
        else:
            del self.fields["status"]

    def wanted(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class BoardFilterForm(forms.Form):
    """The matchmaking board's filters: one stage (then that stage's matches, paginated), the
    manager who owns them, and when they were suggested."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    manager = forms.ModelChoiceField(label=_("Manager"), queryset=User.objects.none(), required=False)
    since = forms.DateField(
        label=_("Suggested from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Suggested until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, managers: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]
        if managers:
            self.fields["manager"].queryset = User.objects.filter(
                role=Role.TECH_MANAGER, is_active=True
            ).order_by("username")
            self.fields["manager"].empty_label = _("All managers")
        else:  # a manager's own board
            del self.fields["manager"]

    def wanted(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


def _wan_field(label):
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=14, decimal_places=2)


class AchievementForm(forms.ModelForm):
    price_wan = _wan_field(_("Price expectation (10k yuan)"))
    transfer_modes = forms.MultipleChoiceField(
        label=_("Transfer modes"),
        choices=TransferMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Achievement
        fields = [
            "code",
            "title",
            "abstract",
            "field",
            "track",
            "trl",
            "stage",
            "holder",
            "holder_kind",
            "inventors",
            "patents",
            "transfer_modes",
            "contact",
            "keywords",
            "manager",
        ]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = plan_fields()
        self.fields["track"].queryset = plan_tracks()
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to number it automatically.")
        self.fields["holder_kind"].choices = [("", "—"), *HolderKind.choices]
        self.fields["trl"].widget = forms.Select(
            choices=[("", "—"), *[(i, f"TRL {i}") for i in range(1, 10)]]
        )
        self.fields["manager"].queryset = User.objects.filter(role=Role.TECH_MANAGER, is_active=True)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.initial["transfer_modes"] = self.instance.transfer_mode_list
            if self.instance.price_yuan is not None:
                self.initial["price_wan"] = self.instance.price_yuan / WAN
        if user is not None and user.is_enterprise_user:
            del self.fields["manager"]

    def clean_transfer_modes(self):
        return ",".join(self.cleaned_data.get("transfer_modes") or [])

    def clean_trl(self):
        trl = self.cleaned_data.get("trl")
        if trl is not None and not 1 <= trl <= 9:
            raise forms.ValidationError(pgettext("hall", "The technology readiness level is 1 to 9"))
        return trl

    def clean(self):
        data = super().clean()
        track, field = data.get("track"), data.get("field")
        if track and not field and track.parent_id:
            data["field"] = track.parent.parent
        if data.get("trl") and not data.get("stage"):
            data["stage"] = stage_of_trl(data["trl"])
        return data

    def save(self, commit=True):
        price = self.cleaned_data.get("price_wan")
        self.instance.price_yuan = None if price is None else price * WAN
        return super().save(commit)


class DemandForm(forms.ModelForm):
    budget_wan = _wan_field(_("Budget (10k yuan)"))

    class Meta:
        model = Demand
        fields = ["code", "title", "description", "field", "track", "cooperation", "deadline", "manager"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = plan_fields()
        self.fields["track"].queryset = plan_tracks()
        self.fields["manager"].queryset = User.objects.filter(role=Role.TECH_MANAGER, is_active=True)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to number it automatically.")
        if self.instance.pk:
            self.fields["code"].disabled = True
            if self.instance.budget_yuan is not None:
                self.initial["budget_wan"] = self.instance.budget_yuan / WAN
        if user is not None and user.is_enterprise_user:
            del self.fields["manager"]

    def clean(self):
        data = super().clean()
        track = data.get("track")
        if track and not data.get("field") and track.parent_id:
            data["field"] = track.parent.parent
        return data

    def save(self, commit=True):
        budget = self.cleaned_data.get("budget_wan")
        self.instance.budget_yuan = None if budget is None else budget * WAN
        return super().save(commit)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"))
    event = forms.ModelChoiceField(
        label=_("Matchmaking event"), queryset=MatchEvent.objects.all(), required=False
    )
    contract_value_wan = forms.DecimalField(
        label=_("Contract value (10k yuan)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
    )
    contract_registration = forms.CharField(
        label=_("Contract registration number"), required=False, max_length=64
    )
    contract_signed_on = forms.DateField(
        label=_("Contract signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=pgettext_lazy("matching", "Note"), required=False, max_length=500)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, Stage(s).label) for s in stages]


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["phase", "on", "note"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"}), "note": forms.Textarea(attrs={"rows": 2})}


class EventForm(forms.ModelForm):
    class Meta:
        model = MatchEvent
        fields = ["title", "held_on", "place", "participants"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "participants": forms.Textarea(attrs={"rows": 3}),
        }


class ResponseForm(forms.ModelForm):
    class Meta:
        model = ChallengeResponse
        fields = ["responder", "solution"]
        widgets = {"solution": forms.Textarea(attrs={"rows": 4})}


class InterestForm(forms.Form):
    message = forms.CharField(label=pgettext_lazy("matching", "Message"), required=False, max_length=500)
