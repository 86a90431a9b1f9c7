"""zerobay worker: the task worker (imports, reports) as `zerobay serve` runs it.

Before taking work it fails the batches a dead worker left running (so that their users can retry
them) and removes the files of rejected imports past their retention period; then it runs
django-tasks-db's `db_worker` with the options given after `--`."""

from django.core.management import call_command

from zerobay.commands import Command as BaseCommand
from zerobay.statistics.services import prune_import_files, recover_interrupted_batches


class Command(BaseCommand):
    help = "Run the task worker, after recovering imports a stopped worker left running."

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="options passed on to db_worker")

    def handle(self, *args, **opts):
        recovered = recover_interrupted_batches()
        pruned = prune_import_files()
        self.stdout.write(
            f"worker: {recovered} interrupted imports failed for retry, {pruned} old files removed"
        )
        call_command("db_worker", *opts["worker_args"])
