"""zerobay statistics completeness --form monthly --period 2026-05 [--org-unit CODE] [--as-of DATE] [--format json]
   zerobay statistics deadline --period 2026-05 [--date 2026-06-12 | --default] [--note TEXT] [--format json]
   zerobay statistics prune-files [--days N] [--format json]

`completeness`: who had to report the month, and who reported on time, late or not at all, by
sub-park, with the missing enterprises and their contacts. `deadline`: shows or sets a month's
reporting deadline (the reporting calendar). `prune-files`: removes the stored files of rejected,
failed, cancelled and dry-run imports older than the retention period (the worker does it at start).
Exit status 2 when the command is wrong.
"""

from zerobay.commands import Command as BaseCommand
from zerobay.commands import date_arg, month_arg, usage_error
from zerobay.registry.models import Enterprise
from zerobay.statistics import completeness as svc
from zerobay.statistics.periods import Period, PeriodType
from zerobay.statistics.services import prune_import_files


class Command(BaseCommand):
    help = "Reporting completeness of the monthly report (营收报库) and its reporting calendar."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        c = actions.add("completeness", "on time / late / missing for one month", format="text")
        c.add_argument("--form", choices=sorted(svc.FORMS), required=True)
        c.add_argument("--period", type=month_arg, required=True, help="the month, e.g. 2026-05")
        c.add_argument("--org-unit", help="only this org unit's subtree (code, e.g. DLHW)")
        c.add_argument(
            "--as-of", type=date_arg, help="judge as things stood at the end of this day (default: today)"
        )
        d = actions.add("deadline", "show or set a month's deadline", format="text")
        d.add_argument("--form", choices=sorted(svc.FORMS), default="monthly")
        d.add_argument("--period", type=month_arg, required=True, help="the month, e.g. 2026-05")
        d.add_argument("--date", type=date_arg, help="the new deadline, YYYY-MM-DD")
        d.add_argument("--default", action="store_true", help="back to the default rule")
        d.add_argument("--note", default="")
        p = actions.add("prune-files", "remove the files of imports that imported nothing", format="text")
        p.add_argument(
            "--days", type=int, help="older than this many days (default: ZEROBAY_REJECTED_FILE_DAYS)"
        )

    def handle(self, *args, **opts):
        if opts["action"] == "prune-files":
            removed = prune_import_files(days=opts["days"])
            if opts["format"] == "json":
                return self.emit({"removed": removed})
            return self.stdout.write(f"已删除 {removed} 个未导入批次的文件")
        month = opts["period"]
        period = Period(month.year, PeriodType.MONTH, month.month)
        form = svc.FORMS[opts["form"]]
        if opts["action"] == "deadline":
            return self._deadline(period, form, opts)
        enterprises = Enterprise.objects.all()
        if opts.get("org_unit"):
            try:
                enterprises = svc.within_org_unit(enterprises, opts["org_unit"])
            except ValueError as exc:
                raise usage_error(str(exc)) from None
        as_of = opts.get("as_of")
        result = svc.completeness(period, enterprises, as_of=as_of, form=form)
        if opts["format"] == "json":
            return self.emit(result.as_dict())
        w = self.stdout.write
        t = result.total
        w(f"{result.period} 月报：截止 {result.deadline}，统计至 {result.as_of}")
        w(f"应报 {t.expected} 家：按时 {t.on_time}，逾期 {t.late}，未报 {t.missing}" + _rate(t.on_time_rate))
        for g in result.groups:
            w(
                f"  {g.name}：应报 {g.expected}，按时 {g.on_time}，逾期 {g.late}，未报 {g.missing}"
                + _rate(g.on_time_rate)
            )
        missing = result.with_status(svc.MISSING)
        if missing:
            w("未报送企业：")
        for r in missing:
            contact = " ".join(v for v in (r.contact["name"], r.contact["phone"], r.contact["email"]) if v)
            w(f"  {r.uscc} {r.name}（{r.subpark_name}）{contact or '无联系人'}")

    def _deadline(self, period, form, opts):
        if opts["date"] or opts["default"]:
            day = None if opts["default"] else opts["date"]
            try:
                svc.set_deadline(period, day, user=None, note=opts["note"], form=form)
            except ValueError as exc:
                raise usage_error(str(exc)) from None
        day, custom = svc.deadlines([period], form)[period]
        if opts["format"] == "json":
            return self.emit({"period": str(period), "deadline": day, "custom": custom})
        self.stdout.write(f"{period} 月报截止日：{day}（{'已设定' if custom else '默认规则'}）")


def _rate(rate) -> str:
    return f"，按时率 {rate:.1%}" if rate is not None else ""
