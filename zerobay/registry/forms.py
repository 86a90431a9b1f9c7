"""Forms of the registry pages: the enterprise list filters and the enterprise edit form.

Org-unit choices are always limited to what the user may see (access.visible_org_units)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .access import sees_whole_district, visible_org_units
from .filters import EnterpriseFilter
from .models import Carrier, Enterprise, Industry, OrgUnit, QualificationType

INDENT = "\u3000"  # an ideographic space per tree level


class OrgUnitChoiceField(forms.ModelChoiceField):
    """Org units in tree order, indented below the shallowest unit offered."""

    base_depth = 0

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        depths = [path.count("/") - 1 for path in self.queryset.values_list("path", flat=True)]
        self.base_depth = min(depths, default=0)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return INDENT * (obj.depth - self.base_depth) + obj.name


SCHEME_ORDER = {scheme: i for i, scheme in enumerate(Industry.Scheme.values)}


def industry_tree() -> list[tuple[Industry, int]]:
    """Every industry with its depth, parents before children, in the taxonomy's own order."""
    nodes = list(Industry.objects.all())
    children: dict[int | None, list[Industry]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    out: list[tuple[Industry, int]] = []

    def walk(parent_id, depth):
        for node in sorted(
            children.get(parent_id, ()), key=lambda n: (SCHEME_ORDER.get(n.scheme, 99), n.sort, n.code)
        ):
            out.append((node, depth))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return out


def industry_choices() -> list:
    """Choices grouped by scheme, indented by level."""
    groups: dict[str, list] = {}
    for node, depth in industry_tree():
        groups.setdefault(node.scheme, []).append((str(node.pk), INDENT * depth + node.name))
    labels = dict(Industry.Scheme.choices)
    return [(labels.get(scheme, scheme), items) for scheme, items in groups.items()]


def _industries(ids) -> list[Industry]:
    return list(Industry.objects.filter(pk__in=[int(i) for i in ids]))


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or USCC"), required=False, max_length=200)
    org = OrgUnitChoiceField(
        label=_("Org unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("All")
    )
    industry = forms.ChoiceField(label=_("Industry / track"), required=False)
    qual = forms.ChoiceField(
        label=_("Qualification (valid today)"),
        required=False,
        choices=[("", _("All")), *QualificationType.choices],
    )
    scale = forms.ChoiceField(
        label=_("Above designated size"),
        required=False,
        choices=[("", _("All")), ("1", _("Above designated size only")), ("0", _("Below designated size"))],
    )
    unassigned = forms.BooleanField(label=_("Not assigned to an org unit"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_org_units(user)
        self.fields["industry"].choices = [("", _("All")), *industry_choices()]
        if not sees_whole_district(user):
            del self.fields["unassigned"]  # an operator's enterprises all have an org unit
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Enterprise name or unified social credit code")}
        )

    def to_filter(self) -> EnterpriseFilter:
        """The filter of the valid fields; a field with a bad value (a stale link) is ignored."""
        if not self.is_bound:
            return EnterpriseFilter()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        industry = None
        if data.get("industry"):
            industry = Industry.objects.filter(pk=int(data["industry"])).first()
        scale = data.get("scale")
        return EnterpriseFilter(
            q=data.get("q") or "",
            org_unit=data.get("org"),
            industry=industry,
            qualification=data.get("qual") or "",
            above_scale=None if not scale else scale == "1",
            unassigned=bool(data.get("unassigned")),
        )


class EnterpriseEditForm(forms.Form):
    """What an operator may correct. Saving goes through services.update_enterprise."""

    name = forms.CharField(label=_("name"), max_length=200)
    org_unit = OrgUnitChoiceField(
        label=_("org unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("(not assigned)")
    )
    founded = forms.DateField(
        label=_("date founded"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    above_scale = forms.BooleanField(label=_("above designated size"), required=False)
    industries = forms.MultipleChoiceField(
        label=_("industries"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, enterprise: Enterprise, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": enterprise.name,
                "org_unit": enterprise.org_unit_id,
                "founded": enterprise.founded,
                "above_scale": enterprise.above_scale,
                "industries": [str(pk) for pk in enterprise.industries.values_list("pk", flat=True)],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = visible_org_units(user)
        if not sees_whole_district(user):
            # An operator keeps its enterprises inside its own subtree.
            self.fields["org_unit"].required = True
            self.fields["org_unit"].empty_label = None
        self.fields["industries"].choices = industry_choices()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("The name cannot be empty."))
        return name

    def clean_industries(self):
        return _industries(self.cleaned_data["industries"])


class CarrierFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or operator"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Carrier.Kind.choices])
    org = OrgUnitChoiceField(
        label=_("Org unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_org_units(user)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
