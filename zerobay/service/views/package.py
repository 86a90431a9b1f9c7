"""An enterprise user's own policy package (政策数智包)."""

from django.shortcuts import render
from django.utils import timezone

from zerobay.access import ALLOWED, refuse, role_required
from zerobay.accounts.models import Role

from ..services.package import policy_package


def _own_enterprise(user):
    if user.is_authenticated and user.role == Role.ENTERPRISE and user.enterprise_id:
        return ALLOWED
    return refuse("")


@role_required(_own_enterprise)
def package(request):
    return render(
        request,
        "service/package.html",
        {"package": policy_package(request.user.enterprise, timezone.localdate()), "can_raise": True},
    )
