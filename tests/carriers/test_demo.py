"""The carriers demo on a small demo district: residents from the panel, three years of statements
through the pipeline, the over-claimers flagged, the operator's login, a clean wipe."""

from io import StringIO

import pytest
from django.core.management import call_command

from zerobay.carriers import demo as carriers_demo
from zerobay.carriers.evaluation.run import evaluate
from zerobay.carriers.evaluation.schemes import schemes
from zerobay.carriers.models import CarrierStatistics, Inspection, Residency
from zerobay.registry.models import Carrier
from zerobay.statistics.models import ImportBatch


@pytest.mark.django_db
def test_the_demo_files_three_years_and_the_over_claimers_are_flagged(tmp_path):
    options = ("--no-serve", "--skip-migrate", "--enterprises", "150", "--out", str(tmp_path))
    out = StringIO()
    call_command("demo", *options, stdout=out)
    assert carriers_demo.USERNAME in out.getvalue()
    assert Residency.objects.filter(source="demo").count() >= 80
    assert set(CarrierStatistics.objects.values_list("year", flat=True)) == {2023, 2024, 2025}
    assert ImportBatch.objects.filter(form="carrier_annual", status="imported").count() == 3

    result = evaluate(2025, schemes()["district-incubator"])
    flagged = {r.name for r in result.results if r.flags}
    assert "司南生命科技超级孵化器" in flagged and "大零号湾科创策源孵化器" not in flagged
    for r in result.results:
        assert round(sum(line.points for line in r.lines), 2) == r.score

    failed = Inspection.objects.filter(result="fail").select_related("carrier")
    assert [i.carrier.name for i in failed] == ["马桥生态科普园（演示）"]

    removed = carriers_demo.wipe()
    assert removed and not Residency.objects.exists() and not CarrierStatistics.objects.exists()
    assert not Carrier.objects.filter(name__in=carriers_demo.DEMO_MAKER_SPACES).exists()
    assert not Inspection.objects.exists()
