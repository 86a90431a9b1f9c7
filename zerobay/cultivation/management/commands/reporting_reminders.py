"""zerobay reporting_reminders [--period 2026-05] [--org-unit CODE] [--dry-run] [--format json]

Reminds the enterprises whose monthly report is missing, in the app and by e-mail; meant to run
every day (cron) from ten days before the deadline. Without --period: the month being chased today.
An enterprise is reminded at most once a day. Exit status 2 when the command is wrong.
"""

from zerobay.commands import Command as BaseCommand
from zerobay.commands import add_format, month_arg, usage_error
from zerobay.cultivation.chase import chased_period
from zerobay.cultivation.chase.reminders import send_reminders
from zerobay.registry.models import Enterprise
from zerobay.statistics import completeness as svc
from zerobay.statistics.periods import Period, PeriodType


class Command(BaseCommand):
    help = "Remind the enterprises whose monthly report (营收报库) is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", type=month_arg, help="the month, e.g. 2026-05 (default: the month being chased today)"
        )
        parser.add_argument("--org-unit", help="only this org unit's subtree (code, e.g. DLHW)")
        parser.add_argument("--dry-run", action="store_true", help="say whom it would remind; send nothing")
        add_format(parser)

    def handle(self, *args, **opts):
        month = opts.get("period")
        period = Period(month.year, PeriodType.MONTH, month.month) if month else chased_period()
        enterprises = Enterprise.objects.all()
        if opts.get("org_unit"):
            try:
                enterprises = svc.within_org_unit(enterprises, opts["org_unit"])
            except ValueError as exc:
                raise usage_error(str(exc)) from None
        result = svc.completeness(period, enterprises)
        outcome = send_reminders(
            result, user=None, link=f"/cultivation/reporting/?period={period}", dry_run=opts["dry_run"]
        )
        if opts["format"] == "json":
            return self.emit(
                {
                    "period": str(period),
                    "deadline": result.deadline,
                    "missing": result.total.missing,
                    "dry_run": opts["dry_run"],
                    "reminded": outcome.reminded,
                    "notifications": outcome.notifications,
                    "emails": outcome.emails,
                    "skipped": outcome.skipped,
                    "unreachable": list(outcome.unreachable),
                }
            )
        verb = "将提醒" if opts["dry_run"] else "已提醒"
        self.stdout.write(
            f"{period} 月报（截止 {result.deadline}）：未报 {result.total.missing} 家，{verb} {outcome.reminded} 家"
            f"（站内通知 {outcome.notifications} 条，邮件 {outcome.emails} 封），今日已提醒跳过 {outcome.skipped} 家，"
            f"无联系方式 {len(outcome.unreachable)} 家"
        )
        for name in outcome.unreachable:
            self.stdout.write(f"  无联系方式：{name}")
