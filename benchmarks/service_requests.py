"""Service requests at scale: N requests (default 100,000) written straight into a fresh database,
then, as ratios against the naive way measured in the same process (shared, noisy machines):

- the working-day calendar: the bisect over the cached working days against counting day by day
  with chinese-calendar;
- a unit liaison's list page (scoped, filtered, first page of 30 in the database) against loading
  every request of the unit;
- the dashboard (database aggregates) in seconds, with its query count.

    .venv/bin/python benchmarks/service_requests.py [--requests 100000] [--repeat 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zb_service .venv/bin/python benchmarks/service_requests.py
"""

import argparse
import datetime
import random
import statistics
import time

from bench_panel import bench_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with bench_database():
        run(args.requests, args.repeat)


def run(n: int, repeat: int) -> None:
    import chinese_calendar
    from django.core.management import call_command
    from django.db import connection
    from django.test.client import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from zerobay.accounts.models import Role, User
    from zerobay.registry.models import Enterprise, OrgUnit, Unit
    from zerobay.registry.reference import load_reference
    from zerobay.service import deadlines, stats
    from zerobay.service.models import Category, ServiceRequest
    from zerobay.service.queries import Filters, requests_for
    from zerobay.service.workdays import working_days_between
    from zerobay.web.pagination import paginate

    call_command("migrate", verbosity=0)
    load_reference()
    rng = random.Random(1)
    unit_org = OrgUnit.objects.filter(kind="subpark").first()
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(uscc=f"91310112MA{i:07d}X", name=f"基准企业{i}", org_unit=unit_org, org_path=unit_org.path)
        for i in range(2000)
    )
    units = list(Unit.objects.all())
    today = timezone.localdate()
    start = time.perf_counter()
    rows = []
    states = ServiceRequest.State.values
    for i in range(n):
        day = today - datetime.timedelta(days=rng.randrange(365))
        category = rng.choice(Category.values)
        dates = deadlines.on_submit(category, day)
        state = rng.choice(states)
        finished = day + datetime.timedelta(days=rng.randrange(1, 40)) if state in stats.FINISHED else None
        rows.append(
            ServiceRequest(
                enterprise=rng.choice(enterprises),
                org_path=unit_org.path,
                category=category,
                title=f"诉求{i}",
                text="…",
                unit=rng.choice(units),
                state=state,
                finished_on=finished,
                submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
                submitted_on=day,
                signed_in_time=rng.random() < 0.9,
                rating=rng.choice(["", "satisfied", "fairly", "unsatisfied"]),
                **dates,
            )
        )
    ServiceRequest.objects.bulk_create(rows, batch_size=5000)
    print(f"{n:,} requests written in {time.perf_counter() - start:.0f} s")
    liaison = User.objects.create(username="bench-liaison", role=Role.UNIT_LIAISON, unit=units[0])
    admin = User.objects.create(username="bench-admin", role=Role.DISTRICT_ADMIN)

    first = datetime.date(2025, 1, 1)  # spans inside the years the calendar knows
    pairs = [(first + datetime.timedelta(days=rng.randrange(300)), rng.randrange(1, 60)) for _ in range(2000)]

    def bisect_calendar():
        return [working_days_between(d, d + datetime.timedelta(days=k)) for d, k in pairs]

    def naive_calendar():
        return [
            sum(chinese_calendar.is_workday(d + datetime.timedelta(days=j)) for j in range(1, k + 1))
            for d, k in pairs
        ]

    request = RequestFactory().get("/service/", {"overdue": "on"})

    def list_page():
        page = paginate(request, requests_for(liaison, Filters(overdue=True), today), 30)
        return [r.pk for r in page]

    def naive_list():
        every = [r for r in ServiceRequest.objects.filter(unit=units[0]).select_related("enterprise", "unit")]
        return sorted((r for r in every if r.due_on and r.due_on < today), key=lambda r: r.submitted_at)[:30]

    assert bisect_calendar() == naive_calendar()
    stats.dashboard(admin, today)  # warm: the URL resolver and the calendar cache load once a process
    times: dict[str, list[float]] = {
        k: [] for k in ("bisect", "naive-cal", "page", "naive-page", "dashboard")
    }
    for _ in range(repeat):
        times["bisect"].append(timed(bisect_calendar)[0])
        times["naive-cal"].append(timed(naive_calendar)[0])
        times["page"].append(timed(list_page)[0])
        times["naive-page"].append(timed(naive_list)[0])
        times["dashboard"].append(timed(lambda: stats.dashboard(admin, today))[0])
    with CaptureQueriesContext(connection) as page_queries:
        list_page()
    with CaptureQueriesContext(connection) as dash_queries:
        stats.dashboard(admin, today)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"calendar, 2,000 spans: bisect {med['bisect'] * 1000:.1f} ms, day by day {med['naive-cal'] * 1000:.1f} ms "
        f"→ {med['naive-cal'] / med['bisect']:.0f}× faster"
    )
    print(
        f"liaison's overdue list, first page: {med['page'] * 1000:.0f} ms in {len(page_queries)} queries; "
        f"loading the unit's requests: {med['naive-page'] * 1000:.0f} ms → {med['naive-page'] / med['page']:.0f}× faster"
    )
    print(f"dashboard over {n:,} requests: {med['dashboard']:.2f} s in {len(dash_queries)} queries")


if __name__ == "__main__":
    main()
