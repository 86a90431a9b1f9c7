"""zerobay workplan import FILE --year YYYY [--list NAME] [--dry-run] [--skip-invalid] [--format json]
   zerobay workplan list --year YYYY [--list NAME] [--as-of DATE] [--format json]
   zerobay workplan assess --quarter 2025Q3 [--format json]                 (the quarterly assessment)
   zerobay workplan remind [--week 2026-W23] [--dry-run] [--daily] [--format json]   (--daily: run every day,
                                                  it reminds on the day before the deadline only)

Exit status (import): 0 imported (or, with --dry-run, nothing wrong found); 1 the file has errors
and nothing was imported (without --skip-invalid), or a dry run found errors; 2 the file cannot be
read or the command is wrong. `list`: 0, or 2 when there is no such list.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import date_arg, usage_error, user_arg, year_arg
from zerobay.workplan.assessment import Quarter, assess
from zerobay.workplan.dispatch import is_reminder_day, iso_week, parse_week, remind
from zerobay.workplan.importing import import_tasks
from zerobay.workplan.models import Task
from zerobay.workplan.services import find_list, list_tasks


class Command(BaseCommand):
    help = "Key tasks: import a task list workbook; list a year's tasks with their status."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        i = actions.add("import", "import a task list workbook (xlsx, xls, ods or csv)", format="text")
        i.add_argument("file", metavar="FILE")
        i.add_argument("--year", type=year_arg, required=True, help="the list's year, e.g. 2026")
        i.add_argument("--list", dest="list_name", help="the list's name (default: YYYY年度重点工作任务清单)")
        i.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows and report the rest (default: a file with errors imports nothing)",
        )
        i.add_argument("--dry-run", action="store_true", help="validate only; store nothing")
        i.add_argument("--user", type=user_arg, help="username the import is recorded under")
        lst = actions.add("list", "the tasks of a list with their computed status", format="text")
        lst.add_argument("--year", type=year_arg, required=True)
        lst.add_argument("--list", dest="list_name")
        lst.add_argument(
            "--as-of", type=date_arg, help="the statuses as they stood on YYYY-MM-DD (default: today)"
        )
        a = actions.add("assess", "the quarterly assessment of the lead units", format="text")
        a.add_argument("--quarter", required=True, help="e.g. 2025Q3")
        r = actions.add("remind", "remind the units whose weekly updates are missing", format="text")
        r.add_argument("--week", help="ISO week, e.g. 2026-W23 (default: this week)")
        r.add_argument("--dry-run", action="store_true", help="list the units; send nothing")
        r.add_argument(
            "--daily",
            action="store_true",
            help="for a daily run: remind only on the day before this week's deadline (else do nothing)",
        )

    def do_import(self, opts):
        try:
            open(opts["file"], "rb").close()
        except OSError as exc:
            raise usage_error(
                _("Cannot open %(file)s: %(reason)s") % {"file": opts["file"], "reason": exc.strerror}
            ) from None
        task_list, report = import_tasks(
            opts["file"],
            year=opts["year"],
            list_name=opts.get("list_name"),
            user=opts.get("user"),
            skip_invalid=opts["skip_invalid"],
            dry_run=opts["dry_run"],
        )
        if opts["format"] == "json":
            self.emit(report.as_dict())
        else:
            w = self.stdout.write
            for line in report.text_lines():
                w(line)
            if report.rows_imported:
                w(f"{task_list}：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}")
            elif report.errors and not opts["skip_invalid"]:
                w("文件有错误，未导入任何数据（修正后重新导入，或使用 --skip-invalid 仅导入有效行）")
        self.exit(report.exit_status(opts["skip_invalid"]))

    def do_list(self, opts):
        task_list = find_list(opts["year"], opts.get("list_name"))
        if task_list is None:
            raise usage_error(
                _("No task list of %(year)s is named “%(name)s”")
                % {"year": opts["year"], "name": opts.get("list_name") or "*"}
            )
        tasks = list_tasks(task_list, opts.get("as_of"))
        if opts["format"] == "json":
            return self.emit({"tasks": tasks})
        w = self.stdout.write
        w(f"{task_list}（{len(tasks)} 项）")
        for t in tasks:
            due = t["due"] or "持续推进"
            w(f"{t['code']}  [{t['status']}]  {t['title']}  {'、'.join(t['lead_units'])}  {due}")

    def do_remind(self, opts):
        try:
            week = parse_week(opts.get("week"), strict=True)
        except ValueError:
            raise usage_error(
                _("The week should be written 2026-W23, not %(value)s") % {"value": opts.get("week")}
            ) from None
        if opts["daily"] and not is_reminder_day(week, timezone.localdate()):
            return self.emit({"week": iso_week(week), "missing": {}}) if opts["format"] == "json" else None
        missing = remind(week, Task.objects.all(), dry_run=opts["dry_run"])
        if opts["format"] == "json":
            return self.emit({"week": iso_week(week), "missing": missing})
        for unit, count in missing.items():
            self.stdout.write(f"{unit}  {count}")

    def do_assess(self, opts):
        try:
            quarter = Quarter.parse(opts["quarter"])
        except ValueError:
            raise usage_error(_("Write the quarter as 2025Q3.")) from None
        result = assess(quarter)
        if opts["format"] == "json":
            return self.emit(result)
        for row in result["units"]:
            parts = "  ".join(
                f"{p['name']} {p['score'] if p['score'] is not None else '—'}" for p in row["breakdown"]
            )
            self.stdout.write(f"{row['rank'] or '-':>3}  {row['unit']}  {row['total']}  {parts}")
