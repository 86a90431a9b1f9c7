"""The embedded database under load: 40 imports posted at once to the API beside 200 page loads, on
the production server (`zerobay serve`, its task worker beside it) over SQLite (or PostgreSQL when
DATABASE_URL names one). What must hold: no answer is a 500 (a 503 with Retry-After is allowed where
waiting is not possible), and every batch ends imported, none failed.

    .venv/bin/python benchmarks/parallel_imports.py [--imports 40] [--pages 200] [--rows 200]
"""

import argparse
import collections
import json
import os
import random
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_panel import bench_database, login_opener, served

PASSWORD = "bench-parallel-2026"  # noqa: S105 (a throw-away benchmark account)
PAGES = ["/", "/enterprises/", "/imports/", "/indicators/", "/programs/", "/hall/", "/cultivation/"]
HEADER = ["统一社会信用代码", "企业名称", "从业人员期末人数（人）", "营业收入（千元）"]


def workbooks(count: int, rows: int, folder: Path) -> list[Path]:
    import openpyxl

    from zerobay.demo.generator.identities import new_uscc

    rnd, seen, paths = random.Random(7), set(), []
    for n in range(count):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for r in range(rows):
            sheet.append([new_uscc(rnd, 2015, seen), f"并发测试{n}号{r}科技有限公司", 10 + r, 1000 + r])
        paths.append(folder / f"parallel-{n:02d}.xlsx")
        book.save(paths[-1])
    return paths


def post_import(base: str, token: str, path: Path) -> int:
    boundary = uuid.uuid4().hex
    # wait: each request waits while the task worker validates and imports its file.
    fields = {"form": "torch_annual", "period": "2025", "wait": "true"}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{base}/api/imports",
        data=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    return _status(lambda: urllib.request.urlopen(request, timeout=120))  # noqa: S310 (127.0.0.1 only)


def _status(call) -> int:
    try:
        with call() as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def batches(base: str, token: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base}/api/imports?limit=500", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return json.loads(response.read())["items"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", type=int, default=40)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()
    with bench_database():
        from django.core.management import call_command

        from zerobay.accounts.models import Role, User
        from zerobay.accounts.tokens import create_token

        call_command("migrate", verbosity=0)
        admin = User.objects.create_superuser("bench", password=PASSWORD, role=Role.DISTRICT_ADMIN)
        token = create_token(admin, name="parallel")[1]
        files = workbooks(args.imports, args.rows, Path(tempfile.mkdtemp(prefix="zerobay-parallel-")))
        command = [
            sys.executable,
            "-m",
            "zerobay.cli",
            "serve",
            "--bind",
            "127.0.0.1:{port}",
            "--workers",
            "3",
        ]
        with served(command, os.environ.copy()) as base:
            opener = login_opener(base, "bench", PASSWORD)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.imports + 8) as pool:
                uploads = [pool.submit(post_import, base, token, path) for path in files]
                urls = [base + PAGES[i % len(PAGES)] for i in range(args.pages)]
                loads = [pool.submit(_status, lambda u=url: opener.open(u, timeout=120)) for url in urls]
                upload_codes = collections.Counter(f.result() for f in uploads)
                page_codes = collections.Counter(f.result() for f in loads)
            answered = time.perf_counter() - started
            while any(b["status"] in ("uploaded", "validating", "importing") for b in batches(base, token)):
                time.sleep(1)
            done = time.perf_counter() - started
            final = collections.Counter(b["status"] for b in batches(base, token))
    print(
        f"{args.imports} imports of {args.rows} rows beside {args.pages} page loads ({os.environ.get('DATABASE_URL', 'SQLite')[:10]}):"
    )
    print(
        f"  uploads answered: {dict(upload_codes)}; pages: {dict(page_codes)}; all answered in {answered:.1f} s"
    )
    print(f"  batches after the worker: {dict(final)}; all done in {done:.1f} s")
    server_errors = sum(n for code, n in (upload_codes + page_codes).items() if code >= 500 and code != 503)
    ok = server_errors == 0 and final.get("failed", 0) == 0 and sum(final.values()) == args.imports
    print("  OK" if ok else "  FAILED: a server error or a failed batch")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
