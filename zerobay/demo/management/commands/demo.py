"""zerobay demo [--enterprises N] [--seed S] [--reset] [--out DIR] [--no-serve] [--skip-migrate]
             [--addr A] [--port P]

Migrates the database, loads the reference data and (on an empty registry, or with --reset) the
synthetic demo district, imported through the import pipeline; resets the demo accounts; then
serves the site with a task worker beside it until Ctrl+C.
"""

import os
import signal
import socket
import subprocess
import sys
import time

from django.core.management import call_command
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import refused, usage_error
from zerobay.demo.generator import DEFAULT_ENTERPRISES, DEFAULT_SEED
from zerobay.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoError, load_demo


class Command(BaseCommand):
    help = "Load the demo district (synthetic enterprises, Torch reports, demo users) and serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enterprises",
            type=int,
            default=DEFAULT_ENTERPRISES,
            help=f"size of the synthetic panel (default {DEFAULT_ENTERPRISES}, the park's Torch annual reports)",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
        parser.add_argument("--reset", action="store_true", help="wipe the demo data and load it again")
        parser.add_argument("--out", help="where the demo workbooks are written (default var/demo/)")
        parser.add_argument("--no-serve", action="store_true", help="load only; do not start the server")
        parser.add_argument("--skip-migrate", action="store_true", help="do not run migrate first")
        parser.add_argument("--addr", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")

    def handle(self, *args, **opts):
        if opts["enterprises"] < 1:
            raise usage_error(_("--enterprises should be at least 1"))
        started = time.monotonic()
        if not opts["skip_migrate"]:
            self.stdout.write("数据库迁移……")
            call_command("migrate", interactive=False, verbosity=0)
        try:
            self.result = load_demo(
                enterprises=opts["enterprises"],
                seed=opts["seed"],
                reset=opts["reset"],
                out_dir=opts["out"],
                progress=self.stdout.write,
            )
        except DemoError as exc:
            raise refused(
                _("%(error)s\nCorrect it, then load again with zerobay demo --reset") % {"error": exc}
            ) from None
        self.stdout.write(f"演示数据就绪，用时 {time.monotonic() - started:.1f} 秒")
        if opts["no_serve"]:
            self._print_logins()
        else:
            self._serve(opts["addr"], opts["port"])

    def _print_logins(self):
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<14}{account.description}")
        for username, description in self.result.logins:
            self.stdout.write(f"  {username:<14}{description}")

    def _serve(self, addr: str, port: int):
        host = f"[{addr}]" if ":" in addr and not addr.startswith("[") else addr  # IPv6
        # runserver leaves with os._exit on a busy port, which would orphan the worker: check first.
        try:
            with socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
                probe.bind((addr.strip("[]"), port))
        except OSError as exc:
            raise usage_error(
                _("Cannot start on %(address)s: %(reason)s (choose another port with --port)")
                % {"address": f"{host}:{port}", "reason": exc.strerror}
            ) from None
        self.stdout.write("收集静态文件……")
        call_command("collectstatic", interactive=False, verbosity=0)
        # The task worker runs imports and reports started from the web pages.
        worker = subprocess.Popen(  # noqa: S603  (our own interpreter and entry point)
            [sys.executable, "-m", "zerobay.cli", "worker"], env=os.environ.copy()
        )
        # Stopped by SIGTERM as by Ctrl+C: leave through `finally`, so the worker stops too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"zerobay demo is running at http://{host}:{port}/"))
            self.stdout.write(f"演示系统地址：http://{host}:{port}/")
            self._print_logins()
            self.stdout.write("按 Ctrl+C 停止。")
            self.stdout.write("")
            call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
