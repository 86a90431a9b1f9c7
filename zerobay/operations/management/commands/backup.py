"""`zerobay backup FILE`: the database, the uploaded files and the secret key in one archive."""

from pathlib import Path

from zerobay.commands import Command as BaseCommand
from zerobay.commands import refused
from zerobay.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, the uploaded files and the secret key into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **opts):
        try:
            result = backup(opts["file"])
        except BackupError as exc:
            raise refused(str(exc)) from None
        rows = sum(result.counts.values())
        self.stdout.write(
            f"{result.path}: {rows} rows of {len(result.counts)} models, {result.files} files"
            + (", secret key" if result.secret_key else "")
        )
