"""What the district-wide cultivation pages compute per data version, computed by the task worker
after each import and registry change (web.versions.warm) through the same cached functions the
pages call: the overview's cards, the certificates and the ladder, the month's reporting chase and its
history, for a district-wide user (scope "" and today)."""

from django.utils import timezone

from zerobay.registry.models import Enterprise
from zerobay.statistics import completeness

from . import services
from .chase import months as chase
from .chase import paged
from .chase.versions import chase_stamp

DISTRICT = ""  # the org path of a district-wide user's scope
CHASE_DISTRICT = None  # the chase pages' scope part for the same user (accounts.scope.scope_path)


def warm() -> None:
    today = timezone.localdate()
    services.status_counts(services.HOME_RULES, today, DISTRICT)
    services.certificates(today, services.CERTIFICATES_WITHIN, DISTRICT)
    services.ladder_tables(today.year, today, DISTRICT)
    period = chase.default_period()
    stamp = chase_stamp(today)
    district = Enterprise.objects.all()
    parts = (stamp, CHASE_DISTRICT, period)
    paged.month(parts, lambda: completeness.completeness(period, district), "", "")
    paged.history(parts, period, district)
