"""zerobay import torch-annual FILE --year 2025 [--skip-invalid] [--dry-run] [--format json]
   zerobay import torch-monthly FILE --month 2025-03 [...]
   zerobay import enterprise-profile FILE [...]      (facts the Torch form lacks: one record per enterprise)
   zerobay import qualifications FILE [...]          (qualification type, certificate, validity, revocation)

Exit status: 0 imported (or, with --dry-run, nothing wrong found); 1 the file has errors and
nothing was imported (without --skip-invalid), or a dry run found errors; 2 the file cannot be
read or the command is wrong.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import UsageParser, month_arg, usage_error, user_arg, year_arg
from zerobay.statistics.periods import Period, PeriodType
from zerobay.statistics.reportforms import FORM_COMMANDS
from zerobay.statistics.services import ImportRefused, import_file


class Command(BaseCommand):
    help = (
        "Import a Torch statistics workbook (annual or monthly report), an enterprise profile or a "
        "qualification list through the validation pipeline."
    )

    def add_arguments(self, parser):
        forms = parser.add_subparsers(dest="form", required=True, metavar="FORM", parser_class=UsageParser)
        for name, form in FORM_COMMANDS.items():
            sub = forms.add_parser(name, help=f"{form.name_en} ({form.name})")
            sub.add_argument("file", metavar="FILE", help="xlsx, xls, xlsb, ods or csv")
            if not form.periodic:
                sub.add_argument(
                    "--year", type=year_arg, help="year the list was drawn up (default: this year)"
                )
            elif form.period_type == PeriodType.YEAR:
                sub.add_argument("--year", type=year_arg, required=True, help="reporting year, e.g. 2025")
            else:
                sub.add_argument(
                    "--month", type=month_arg, required=True, help="reporting month, e.g. 2025-03"
                )
            sub.add_argument(
                "--skip-invalid",
                action="store_true",
                help="import the valid rows and report the rest (default: a file with errors imports nothing)",
            )
            sub.add_argument("--dry-run", action="store_true", help="validate only; store nothing")
            sub.add_argument("--format", choices=["text", "json"], default="text")
            sub.add_argument(
                "--user", type=user_arg, help="username the import is recorded under (default: the system)"
            )

    def handle(self, *args, **opts):
        form = FORM_COMMANDS[opts["form"]]
        if form.period_type == PeriodType.YEAR:
            period = Period(opts["year"] or timezone.localdate().year)
        else:
            month = opts["month"]
            period = Period(month.year, PeriodType.MONTH, month.month)
        try:
            open(opts["file"], "rb").close()
        except OSError as exc:
            raise usage_error(
                _("Cannot open %(file)s: %(reason)s") % {"file": opts["file"], "reason": exc.strerror}
            ) from None
        try:
            batch, report = import_file(
                opts["file"],
                form_code=form.code,
                period=period,
                user=opts.get("user"),
                skip_invalid=opts["skip_invalid"],
                dry_run=opts["dry_run"],
            )
        except ImportRefused as exc:
            raise usage_error(str(exc)) from None

        if opts["format"] == "json":
            out = report.as_dict()
            out["import_id"] = batch.pk
            out["status"] = batch.status
            self.emit(out)
        else:
            self._print_text(batch, report)
        self.exit(report.exit_status(opts["skip_invalid"]))

    def _print_text(self, batch, report):
        w = self.stdout.write
        *issues, counts = report.text_lines()
        for line in issues:
            w(line)
        w(f"{counts}（导入批次 #{batch.pk}，{batch.get_status_display()}）")
        if report.rows_imported:
            w(
                f"新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}，新建企业 {report.enterprises_created}"
            )
        elif report.errors and not batch.skip_invalid:
            w("文件有错误，未导入任何数据（修正后重新导入，或使用 --skip-invalid 仅导入有效行）")
