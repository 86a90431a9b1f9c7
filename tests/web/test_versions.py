"""Counts cached per data version (web.versions.count_per_version): the enterprise list shows the
filtered count without counting a district's registry on every page, and never a stale or another
reader's count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EnterpriseFactory
from zerobay.registry.models import Enterprise
from zerobay.web import versions
from zerobay.web.versions import count_per_version

pytestmark = pytest.mark.django_db


def test_a_count_is_read_once_per_data_version():
    EnterpriseFactory.create_batch(3, above_scale=True)
    big = Enterprise.objects.filter(above_scale=True)
    assert count_per_version(big) == 3
    EnterpriseFactory(above_scale=True)  # written without an import: the version stays
    with CaptureQueriesContext(connection) as queries:
        assert count_per_version(big) == 3
    assert not queries
    versions.bump()  # an import or a registry change
    assert count_per_version(big) == 4


def test_other_filters_have_their_own_count():
    EnterpriseFactory.create_batch(2, above_scale=True)
    EnterpriseFactory(above_scale=False)
    assert count_per_version(Enterprise.objects.filter(above_scale=True)) == 2
    assert count_per_version(Enterprise.objects.filter(above_scale=False)) == 1
    assert count_per_version(Enterprise.objects.all()) == 3


def test_a_reader_who_sees_nothing_counts_nothing():
    EnterpriseFactory()
    assert count_per_version(Enterprise.objects.none()) == 0


def test_one_process_computes_while_the_others_wait():
    import threading
    import time

    from zerobay.web.versions import per_version

    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.5)
        return "figures"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(per_version("slow", (), compute))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["figures"] * 4
    assert len(calls) == 1
