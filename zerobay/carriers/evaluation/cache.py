"""An evaluation computed once per state of its data, for the pages and the API: evaluating every
carrier of a scheme (peers, medians and ranks need all of them) takes seconds at district scale,
so a page reads the result another request already computed for the same data.

The key holds a fingerprint of everything an evaluation reads: imports (Torch reports, statements,
qualifications all arrive through import batches), residencies, financing, the data version
(web.versions: qualifications), carriers, and the carriers app's audited changes (edits of a
carrier's level or status). Any change gives a new key, so a stale result is never served; the cache is only a shortcut (Django's cache:
per process by default, shared when a shared backend is configured)."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language

from zerobay.accounts.models import AuditRecord
from zerobay.registry.models import Carrier
from zerobay.statistics.models import ImportBatch
from zerobay.web import versions

from ..models import CarrierStatistics, Financing, Residency
from .run import Evaluation, evaluate
from .schemes import Scheme

TIMEOUT = 3600


def fingerprint() -> str:
    parts = [
        ImportBatch.objects.aggregate(Max("pk"), Max("created_at"), Max("finished_at")),
        Residency.objects.aggregate(Count("pk"), Max("updated_at")),
        CarrierStatistics.objects.aggregate(Count("pk"), Max("updated_at")),
        Financing.objects.aggregate(Count("pk"), Max("pk")),
        # Qualifications change only through imports and registry changes, which start a new data
        # version: counting half a million certificates on every page view would cost more.
        versions.current(),
        Carrier.objects.aggregate(Count("pk"), Max("pk")),
        AuditRecord.objects.filter(action__startswith="carriers.").aggregate(Max("pk"), Max("at")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def cached_evaluation(year: int, scheme: Scheme) -> Evaluation:
    """The scheme's evaluation for `year` (labels and sources in the active language)."""
    key = f"carriers:evaluation:{scheme.id}:{scheme.version}:{year}:{get_language()}:{fingerprint()}"
    found = cache.get(key)
    if found is None:
        found = evaluate(year, scheme)
        cache.set(key, found, TIMEOUT)
    return found
