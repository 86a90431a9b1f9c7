"""Who must report: enterprises above designated size, plus those flagged required, minus those exempted."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.registry.models import Enterprise, OrgUnit

from ..models import ReportingDuty
from .terms import MONTHLY


def required_enterprises(enterprises, form: str = MONTHLY):
    """The enterprises of `enterprises` that must report `form`: 规上 unless exempted, or flagged."""
    duties = ReportingDuty.objects.filter(form=form)
    exempt = duties.filter(duty=ReportingDuty.Duty.EXEMPT).values("enterprise_id")
    required = duties.filter(duty=ReportingDuty.Duty.REQUIRED).values("enterprise_id")
    return enterprises.filter((Q(above_scale=True) & ~Q(pk__in=exempt)) | Q(pk__in=required))


def set_duty(enterprise: Enterprise, *, user, form: str = MONTHLY, **fields) -> ReportingDuty:
    """Creates or changes the reporting duty / contact of one enterprise; audited with what changed."""
    with transaction.atomic():
        duty, _created = ReportingDuty.objects.get_or_create(enterprise=enterprise, form=form)
        changes = {k: [getattr(duty, k), v] for k, v in fields.items() if getattr(duty, k) != v}
        for name, value in fields.items():
            setattr(duty, name, value)
        duty.updated_by = user
        duty.save()
        if changes:
            audit.record(
                "statistics.duty.changed",
                actor=user,
                obj=duty,
                org_unit_path=enterprise.org_path,
                summary=f"{enterprise.name} 月报报送义务/联系人变更",
                changes=changes,
            )
    return duty


def within_org_unit(enterprises, code: str):
    """`enterprises` limited to the subtree of the org unit `code`; ValueError (translated) if none has it."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise ValueError(_("No such org unit: %(code)s") % {"code": code})
    return enterprises.filter(org_path__startswith=unit.path)
