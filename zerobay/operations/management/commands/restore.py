"""`zerobay restore FILE`: an archive of `zerobay backup` into an empty deployment."""

from pathlib import Path

from zerobay.commands import Command as BaseCommand
from zerobay.commands import refused
from zerobay.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a `zerobay backup` archive into an empty database and media folder (stop the server first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="replace a database and files already there"
        )

    def handle(self, *args, **opts):
        try:
            result = restore(opts["file"], replace=opts["replace"])
        except BackupError as exc:
            raise refused(str(exc)) from None
        rows = sum(result.counts.values())
        self.stdout.write(
            f"restored {rows} rows of {len(result.counts)} models and {result.files} files; counts match"
        )
