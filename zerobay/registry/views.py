"""Registry pages: the enterprise list (with its xlsx export), the enterprise page and its edit form.

Enterprises are only ever reached through access.visible_enterprises / access_enterprise_by_uscc,
so a sub-park operator sees its own subtree and nothing else (a forbidden enterprise is a 404).
The Torch figures on these pages come from the apps above the registry, through extensions.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.access import require
from zerobay.web.pagination import paginate
from zerobay.web.versions import count_per_version

from .access import access_enterprise_by_uscc, can_edit_enterprise, visible_enterprises
from .exports import enterprises_xlsx_response, with_valid_qualifications
from .extensions import annotate_list, detail_context
from .filters import filter_enterprises
from .formatting import format_count, format_money_wan
from .forms import EnterpriseEditForm, EnterpriseFilterForm
from .models import OrgUnit
from .services import update_enterprise

PAGE_SIZE = 50


# ---------- list ----------


def _filtered(request):
    form = EnterpriseFilterForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    enterprises = filter_enterprises(visible_enterprises(request.user), form.to_filter(), today=today)
    return form, enterprises, today


def enterprise_list(request):
    form, enterprises, today = _filtered(request)
    if request.GET.get("format") == "xlsx":
        return enterprises_xlsx_response(enterprises, today=today)
    rows = with_valid_qualifications(annotate_list(enterprises.select_related("org_unit")), today)
    page = paginate(request, rows, PAGE_SIZE, count=count_per_version(enterprises))
    for e in page.object_list:
        e.revenue_wan = format_money_wan(getattr(e, "latest_revenue", None))
        e.employees_text = format_count(getattr(e, "latest_employees", None))
    return render(
        request,
        "registry/enterprise_list.html",
        {"form": form, "page_obj": page, "filtered": bool(request.GET.dict().keys() - {"page"})},
    )


def enterprise_export(request):
    _form, enterprises, today = _filtered(request)
    return enterprises_xlsx_response(enterprises, today=today)


# ---------- detail ----------


def _org_chain(unit: OrgUnit | None) -> list[OrgUnit]:
    if unit is None:
        return []
    codes = [c for c in unit.path.split("/") if c]
    return list(OrgUnit.objects.filter(code__in=codes).order_by("path"))


def enterprise_detail(request, uscc: str):
    enterprise = access_enterprise_by_uscc(request.user, uscc)
    today = timezone.localdate()
    qualifications = list(enterprise.qualifications.all())
    for q in qualifications:
        if q.is_valid_on(today):
            q.state, q.badge = _("valid"), "badge-green"
        elif q.valid_from and q.valid_from > today:
            q.state, q.badge = _("not yet valid"), "badge-amber"
        else:
            q.state, q.badge = _("expired"), "badge-grey"
    return render(
        request,
        "registry/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "org_chain": _org_chain(enterprise.org_unit),
            "industries": list(enterprise.industries.select_related("parent")),
            "qualifications": qualifications,
            **detail_context(enterprise, request.user, today),
            "can_edit": can_edit_enterprise(request.user, enterprise).allowed,
            "sees_list": request.user.sees_enterprise_figures,
        },
    )


# ---------- edit ----------


def enterprise_edit(request, uscc: str):
    enterprise = access_enterprise_by_uscc(request.user, uscc)
    require(can_edit_enterprise(request.user, enterprise))
    form = EnterpriseEditForm(request.POST or None, user=request.user, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            changed = update_enterprise(enterprise, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if changed:
                messages.success(request, _("The enterprise has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("enterprise-detail", uscc=enterprise.uscc)
    return render(request, "registry/enterprise_form.html", {"enterprise": enterprise, "form": form})
