"""`zerobay serve`: the production deployment's one command (README, Deployment)."""

from django.conf import settings
from django.core.management import call_command

from zerobay.commands import Command as BaseCommand
from zerobay.operations import serving


class Command(BaseCommand):
    help = "Serve zerobay with gunicorn (static files included) and run the task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port (default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, default=0, help="web processes (default: 2 per core + 1)")
        parser.add_argument("--threads", type=int, default=4, help="threads per web process")
        parser.add_argument(
            "--timeout", type=int, default=120, help="seconds before a stuck request's worker is replaced"
        )
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker here")
        parser.add_argument("--skip-collectstatic", action="store_true")

    def handle(self, *args, **opts):
        if not opts["skip_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        for path in serving.restrict_files():
            self.stdout.write(f"restricted to the owner: {path}")
        if settings.DEBUG:
            self.stderr.write(self.style.WARNING("ZEROBAY_DEBUG=1: not for production"))
        options = serving.ServeOptions(
            bind=opts["bind"],
            workers=opts["workers"],
            threads=opts["threads"],
            timeout=opts["timeout"],
            with_worker=not opts["no_worker"],
        )
        self.stdout.write(f"zerobay serving on http://{options.bind}/ (Ctrl+C stops)")
        self.stdout.flush()
        status = serving.run(options, out=self.stdout.write)
        if status:
            raise SystemExit(status)
