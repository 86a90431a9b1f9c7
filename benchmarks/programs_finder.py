"""政策找企业 benchmark: the bulk finder over the demo register (~2,000 enterprises, three years of
annual reports) as a ratio to the naive way, one eligibility check per enterprise, measured in the
same process on the same data (these machines are shared and noisy: ratios, not seconds, are the
figures). Both must find the same enterprises.

    .venv/bin/python benchmarks/programs_finder.py [--repeat 3]

Runs on a fresh SQLite database in a temporary directory (DATABASE_URL is ignored).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="zerobay-bench-finder-")
    os.environ["ZEROBAY_VAR_DIR"] = var
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zerobay.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from zerobay.demo import services as demo
    from zerobay.programs import eligibility
    from zerobay.programs.models import Clause, Policy
    from zerobay.programs.services import eligible_not_applied
    from zerobay.registry.models import Enterprise, OrgUnit

    call_command("migrate", verbosity=0)
    demo.APP_DEMOS = ()  # the register and its reports only
    demo.load_demo(out_dir=Path(var) / "demo")
    unit = OrgUnit.objects.filter(kind="subpark").order_by("path").first()
    policy = Policy.objects.create(code="BENCH", title="基准政策")
    clause = Clause.objects.create(
        policy=policy,
        code="BENCH-1",
        title="研发投入奖励",
        support_type="reward",
        conditions=[
            {"kind": "org_unit", "org_unit": unit.code},
            {"kind": "qualification", "qualifications": ["hte", "tech_sme"]},
            {"kind": "figure", "figure": "rd_intensity", "min": 3},
            {"kind": "founded_years", "max": 15},
        ],
    )
    as_of = timezone.localdate()
    everyone = list(Enterprise.objects.all())

    def bulk():
        return {f["enterprise"].pk for f in eligible_not_applied(clause, as_of)}

    def naive():
        found = set()
        for e in everyone:
            result = eligibility.check(clause, e, as_of)
            if all(c["met"] is True for c in result.conditions):
                found.add(e.pk)
        return found

    timings = {"bulk": [], "naive": []}
    queries = {}
    for _ in range(args.repeat):
        for name, fn in (("naive", naive), ("bulk", bulk)):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                found = fn()
                timings[name].append(time.perf_counter() - start)
            queries[name] = len(ctx.captured_queries)
            timings.setdefault(f"{name}_found", found)
    assert timings["bulk_found"] == timings["naive_found"], "the two ways disagree"
    bulk_s, naive_s = statistics.median(timings["bulk"]), statistics.median(timings["naive"])
    print(
        f"enterprises: {len(everyone)}, eligible for {clause.code} in {unit.name}: {len(timings['bulk_found'])}"
    )
    capped = "≥" if queries["naive"] >= 9000 else ""  # Django keeps the last 9,000 queries only
    print(f"naive (one check per enterprise): {naive_s:.3f} s, {capped}{queries['naive']} queries")
    print(f"bulk finder:                      {bulk_s:.3f} s, {queries['bulk']} queries")
    print(f"ratio bulk / naive: {bulk_s / naive_s:.3f}")


if __name__ == "__main__":
    main()
