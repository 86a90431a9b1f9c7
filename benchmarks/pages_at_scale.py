"""Pages at district scale: every page of the navigation, each drill-down and candidate list, timed on a
generated panel (250,000 enterprises × 3 years by default), as ratios to the enterprise list page (a
paginated, indexed list) in the same run, sequentially and under parallel clients.

It builds the panel in a fresh database (bench_panel.py: SQLite, or PostgreSQL when DATABASE_URL names
one), adds what the pages read (a district admin, monthly reports of most enterprises for the last
months, the indicator recompute that follows every import, then every app's demo data: programmes with
applications, the hall's achievements and demands, carriers, service requests, the key tasks and
bulletins), serves it with the production server (`zerobay serve`) and logs clients in. The pages are
the fixed list below plus what a district admin reaches from the home page in two clicks (the
navigation, each app's tabs, one page of each kind they link to: a drill-down, a detail page, a
candidate list). Machines are shared and noisy: ratios, not seconds, are the figures.

    .venv/bin/python benchmarks/pages_at_scale.py [--enterprises 250000] [--clients 10] [--repeat 3]
        [--only TEXT] [--keep]

--keep keeps the prepared database for the next run (var/bench/pages-N-<vendor>, or the PostgreSQL
database <name>_pages_N) and reuses it when it is there: the panel takes minutes to build at 250,000.
"""

import argparse
import os
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from bench_panel import NOW, bench_database, load_panel, login_opener, mark_prepared, served
from django.utils.module_loading import import_string

FIELDS = ("employees", "revenue", "rd_staff", "rd_expenditure", "hightech_revenue", "valid_invention_patents")
PASSWORD = "bench-pages-2026"  # noqa: S105 (a throw-away benchmark account)
BASELINE = "/enterprises/"
PAGES = [
    BASELINE,
    "/",
    "/enterprises/?q=%E7%A7%91%E6%8A%80",  # 科技: a search over names
    "/carriers/",
    "/imports/",
    "/accounts/audit/",
    "/indicators/",
    "/indicators/park.rd_intensity/",
    "/indicators/park.rd_intensity/drill/?year=2025",
    "/indicators/torch.revenue/drill/?year=2025",
    "/indicators/evaluation/",
    "/cultivation/",
    "/cultivation/screen/hte/",
    "/cultivation/certificates/",
    "/cultivation/ladder/",
    "/cultivation/reporting/",
    "/cultivation/reporting/history/",
    "/cultivation/reporting/upscale/",
    "/programs/",
    "/programs/applications/",
    "/programs/dashboard/",
    "/reports/cockpit/",
    "/hall/",
    "/hall/demands/",
]


def prepare(enterprises: int, demos: bool = True) -> None:
    from zerobay.accounts.models import Role, User
    from zerobay.demo.services import APP_DEMOS
    from zerobay.indicators.engine.compute import recompute
    from zerobay.statistics.importing.writing import insert_rows
    from zerobay.statistics.models import ImportBatch, MonthlyReport

    panel, ids, _batch = load_panel(enterprises, FIELDS)
    User.objects.create_superuser("bench", password=PASSWORD, role=Role.DISTRICT_ADMIN)
    # Monthly reports: four in five enterprises have reported October and November 2025.
    start = time.perf_counter()
    rows = []
    for month in (10, 11):
        batch = ImportBatch.objects.create(
            form="torch_monthly", year=2025, original_name="bench", file="bench"
        )
        for k, e in enumerate(panel.enterprises):
            if k % 5 and 2025 in e.annual:
                revenue = e.annual[2025].revenue or 0
                rows.append((ids[e.uscc], 2025, month, 1, batch.id, k + 2, NOW, revenue * month / 12, 10))
    columns = ["enterprise_id", "year", "month", "revision", "batch_id", "source_row", "updated_at"]
    insert_rows(MonthlyReport, [*columns, "revenue_ytd", "employees"], rows)
    print(f"monthly reports: {len(rows):,} ({time.perf_counter() - start:.0f} s)")
    start = time.perf_counter()
    recompute("benchmark")
    print(f"indicator recompute: {time.perf_counter() - start:.0f} s")
    if not demos:
        return
    start = time.perf_counter()
    for module in APP_DEMOS:
        import_string(f"{module}.load")(password=PASSWORD, seed=7, progress=lambda text: None)
    print(f"the apps' demo data: {time.perf_counter() - start:.0f} s")


# Links not to follow: leaving the session or the language, files, the admin site, the API.
SKIP = re.compile(
    r"^/(accounts/logout|i18n|static|media|admin|api)/|export|download|format=|\.(xlsx|csv|docx|pdf|json)\b"
)
# A path segment that names one of many: with a digit (an id, a USCC, CG2025-0107) or dotted (an
# indicator's code).
SAME_KIND = re.compile(r"/([\w-]*\d[\w.-]*|[\w-]+\.[\w.-]+)(?=/|$)")


def discover(opener, base: str, limit: int) -> list[str]:
    """Pages a district admin reaches from the home page in two clicks, one of each kind: a path
    with an id or a USCC in it, or with a query, stands for all others of its shape."""
    seen, found, frontier = set(), [], ["/"]
    for _depth in range(2):
        following = []
        for page in frontier:
            with opener.open(base + page, timeout=600) as response:
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                html = response.read().decode()
            for link in re.findall(r'<a\b[^>]*\bhref="(/[^"#]*)"', html):
                link = link.replace("&amp;", "&")
                path, _, query = link.partition("?")
                keys = ",".join(sorted(k.split("=")[0] for k in query.split("&") if k))
                kind = (SAME_KIND.sub("/{id}", path), keys)
                if SKIP.search(link) or kind in seen or len(found) >= limit:
                    continue
                seen.add(kind)
                found.append(link)
                following.append(link)
        frontier = following
    return found


SLOW = 2.0  # seconds alone from which a page is timed once per client under load, not `repeat` times


def fetch(opener, url: str) -> float:
    start = time.perf_counter()
    with opener.open(url, timeout=600) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - start


def measure(base: str, pages: list[str], clients: int, repeat: int) -> dict[str, tuple[float, float]]:
    openers = [login_opener(base, "bench", PASSWORD) for _ in range(clients)]
    # Every server process imports, compiles templates and connects on its first requests: warm them all.
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda o: [fetch(o, base + BASELINE) for _ in range(3)], openers))
    results = {}
    for page in pages:
        # Warm up every server process (templates, per-process indexes such as the hall's matcher) and
        # the caches of this data version: first requests are one-off costs, not the page's.
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(lambda o, page=page: fetch(o, base + page), openers))
        sequential = statistics.median(fetch(openers[0], base + page) for _ in range(repeat))
        lock, times = threading.Lock(), []

        def work(opener, page=page, lock=lock, times=times, rounds=repeat):
            mine = [fetch(opener, base + page) for _ in range(rounds)]
            with lock:
                times.extend(mine)

        if sequential > SLOW:  # far off already: one round under load says enough
            work = partial(work, rounds=1)
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(work, openers))
        results[page] = (sequential, statistics.median(times))
        print(f"  {page:<50} {sequential * 1000:9.0f} ms  {results[page][1] * 1000:9.0f} ms", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=250_000)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument(
        "--repeat", type=int, default=3, help="requests per page and client (median reported)"
    )
    parser.add_argument("--only", default="", help="only the pages whose path contains this text")
    parser.add_argument("--keep", action="store_true", help="keep the prepared database and reuse it")
    parser.add_argument(
        "--prepare-only", action="store_true", help="with --keep: build the database and stop"
    )
    parser.add_argument(
        "--pages", type=int, default=150, help="at most this many pages found by following links"
    )
    args = parser.parse_args()
    with bench_database(keep=f"pages-{args.enterprises}" if args.keep else "") as ready:
        from django.db import connection

        if not ready:
            prepare(args.enterprises)
            if args.keep:
                mark_prepared()
        else:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)  # a kept database gets the code's later migrations
        if args.prepare_only:
            return
        vendor = connection.vendor
        if vendor == "postgresql":
            # Planner statistics, as autovacuum keeps them in a running deployment: right after a bulk
            # load PostgreSQL would plan every filter as if it matched a few dozen rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        connection.close()
        serve = [sys.executable, "-m", "zerobay.cli", "serve", "--bind", "127.0.0.1:{port}", "--no-worker"]
        with served(serve, {**os.environ, "ZEROBAY_LOG_LEVEL": "ERROR"}) as base:
            found = discover(login_opener(base, "bench", PASSWORD), base, args.pages)
            pages = [*PAGES, *(p for p in found if p not in PAGES)]
            if args.only:
                pages = [BASELINE, *(p for p in pages if args.only in p and p != BASELINE)]
            print(f"\n{len(pages)} pages ({len(found)} found from the home page)")
            print(f"\n{'page':<52} {'sequential':>10} {f'{args.clients} clients':>12}")
            results = measure(base, pages, args.clients, args.repeat)
    seq_base, par_base = results[BASELINE]
    print(
        f"\nPages for {args.enterprises:,} enterprises on {vendor} (zerobay serve), median of {args.repeat}; "
        f"ratios to {BASELINE} ({seq_base * 1000:.0f} ms alone, {par_base * 1000:.0f} ms under {args.clients} clients)"
    )
    print(f"| page | alone | × list | {args.clients} clients | × list |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for page, (seq, par) in results.items():
        worst = max(worst, seq / seq_base, par / par_base)
        print(
            f"| `{page}` | {seq * 1000:.0f} ms | {seq / seq_base:.1f}× | {par * 1000:.0f} ms | {par / par_base:.1f}× |"
        )
    print(f"\nworst ratio {worst:.1f}× (aim: every page within 5×)")


if __name__ == "__main__":
    main()
