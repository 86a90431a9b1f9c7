"""The import's progress line never contradicts itself (issue 19): a batch whose worker has counted
rows is not "waiting to start", and a finished batch shows no phase."""

import pytest

from zerobay.statistics.models import ImportBatch
from zerobay.statistics.views import decorate

pytestmark = pytest.mark.django_db


def waiting_label():
    from zerobay.statistics.views import PHASES

    return PHASES["queued"]


def _batch(**kw) -> ImportBatch:
    return ImportBatch.objects.create(
        form="torch_annual", year=2025, file="imports/x.xlsx", original_name="x.xlsx", **kw
    )


def test_counted_rows_are_not_waiting_to_start():
    done = decorate(_batch(status="importing", phase="queued", progress_done=2, progress_total=2))
    assert str(done.phase_label) == "正在写入数据库"
    reading = decorate(_batch(status="validating", phase="queued", progress_done=1, progress_total=5))
    assert str(reading.phase_label) != str(waiting_label())
    waiting = decorate(_batch(status="uploaded", phase="queued"))
    assert str(waiting.phase_label) == "等待开始" == str(waiting_label())


def test_a_finished_import_shows_no_phase():
    assert (
        decorate(_batch(status="imported", phase="writing", progress_done=2, progress_total=2)).phase_label
        == ""
    )
