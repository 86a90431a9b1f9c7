"""zerobay service requests [--state S] [--unit U] [--overdue] [--category C] [--as-of DATE] [--user NAME] [--format json]
   zerobay service key [--refresh] [--as-of DATE] [--format json]
   zerobay service callbacks --month YYYY-MM [--share 0.1] [--format json]
   zerobay service package [--as-of DATE] [--format json]
   zerobay service recount [--format json]
   zerobay service remind [--as-of DATE] [--dry-run] [--format json]

`requests` prints {"requests": [{"id", "enterprise", "category", "unit", "state", "submitted", "due",
"overdue", "working_days_open"}]}: the whole district, or what --user may see. `remind` sends the
reminders and escalations due (each once; run it every working day, e.g. from cron).

Exit status: 0 done; 1 the holiday calendar does not know the day; 2 the command is wrong.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import date_arg, month_arg, refused, usage_error, user_arg
from zerobay.registry.models import Unit
from zerobay.service.models import Category, ServiceRequest
from zerobay.service.queries import Filters, requests_for, row
from zerobay.service.services.notices import send_deadline_alerts
from zerobay.service.workdays import CalendarUnknown


class Command(BaseCommand):
    help = "Enterprise service requests: list them; send deadline reminders and escalations."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        r = actions.add("requests", "list service requests", format="text")
        r.add_argument("--state", choices=ServiceRequest.State.values)
        r.add_argument("--unit", help="unit code (e.g. KW) or any name of the unit (区科委)")
        r.add_argument("--category", choices=Category.values)
        r.add_argument("--overdue", action="store_true", help="only requests past their current deadline")
        r.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
        r.add_argument(
            "--user", type=user_arg, help="list what this user may see (default: the whole district)"
        )
        k = actions.add(
            "key", "key enterprises: apply the declared rule (--refresh) and list them", format="text"
        )
        k.add_argument("--refresh", action="store_true", help="apply the rule on --as-of first")
        k.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
        c = actions.add("callbacks", "draw the month's call-back sample and list it", format="text")
        c.add_argument("--month", type=month_arg, required=True, help="YYYY-MM")
        c.add_argument(
            "--share", type=float, default=0.1, help="share of the finished requests (default 0.1)"
        )
        actions.add(
            "recount", "count the deadlines left empty again (after updating chinese-calendar)", format="text"
        )
        p = actions.add(
            "package", "push the policy package to enterprise users (each clause once)", format="text"
        )
        p.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
        m = actions.add("remind", "send the deadline reminders and escalations due", format="text")
        m.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
        m.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def do_requests(self, opts):
        today = opts.get("as_of") or timezone.localdate()
        unit = ""
        if opts.get("unit"):
            from zerobay.registry.units import find_unit

            found = Unit.objects.filter(code=opts["unit"]).first() or find_unit(opts["unit"])
            if found is None:
                raise usage_error(_("No unit is named “%(name)s”") % {"name": opts["unit"]})
            unit = found.code
        f = Filters(
            state=opts.get("state") or "",
            unit=unit,
            category=opts.get("category") or "",
            overdue=opts["overdue"],
        )
        qs = requests_for(opts.get("user"), f, today)
        rows = [row(r, today) for r in qs.iterator(chunk_size=1000)]
        if opts["format"] == "json":
            return self.emit({"requests": rows})
        for r in rows:
            flag = " !" if r["overdue"] else ""
            self.stdout.write(
                f"{r['id']:>6}  {r['submitted']}  {r['state']:<15} {r['unit']:<6} {r['due'] or '—':<10}{flag}  {r['enterprise']}"
            )
        self.stdout.write(_("%(n)d requests") % {"n": len(rows)})

    def do_key(self, opts):
        from zerobay.service.models import KeyEnterprise
        from zerobay.service.services.key import refresh

        as_of = opts.get("as_of") or timezone.localdate()
        if opts["refresh"]:
            refresh(as_of)
        rows = [
            {
                "uscc": k.enterprise.uscc,
                "enterprise": k.enterprise.name,
                "by_rule": k.by_rule,
                "reasons": k.rule_reasons,
                "hand_change": k.manual,
                "hand_reason": k.manual_reason,
                "officer": k.officer.username if k.officer_id else None,
            }
            for k in KeyEnterprise.objects.filter(is_key=True).select_related("enterprise", "officer")
        ]
        if opts["format"] == "json":
            return self.emit({"key_enterprises": rows})
        for r in rows:
            self.stdout.write(
                f"{r['uscc']}  {r['enterprise']}  {'；'.join(r['reasons']) or r['hand_reason']}"
            )
        self.stdout.write(_("%(n)d key enterprises") % {"n": len(rows)})

    def do_callbacks(self, opts):
        from zerobay.service.services.callbacks import draw_sample
        from zerobay.workflow import Refusal

        try:
            sample = draw_sample(opts["month"], share=opts["share"])
        except Refusal as exc:
            raise usage_error(str(exc)) from None
        rows = [
            {
                "id": c.request_id,
                "enterprise": c.request.enterprise.name,
                "called_on": c.called_on,
                "reached": c.reached,
                "rating": c.rating,
            }
            for c in sample
        ]
        if opts["format"] == "json":
            return self.emit({"month": f"{opts['month']:%Y-%m}", "callbacks": rows})
        for r in rows:
            self.stdout.write(
                f"{r['id']:>6}  {r['enterprise']}  {r['called_on'] or '—'}  {r['rating'] or ''}"
            )

    def do_package(self, opts):
        from zerobay.accounts.models import Role, User
        from zerobay.registry.models import Enterprise
        from zerobay.service.services.package import push

        as_of = opts.get("as_of") or timezone.localdate()
        ids = User.objects.filter(role=Role.ENTERPRISE, is_active=True, enterprise__isnull=False).values(
            "enterprise_id"
        )
        sent = sum(push(e, as_of) for e in Enterprise.objects.filter(pk__in=ids))
        if opts["format"] == "json":
            return self.emit({"as_of": as_of, "notifications": sent})
        self.stdout.write(_("%(n)d notifications sent") % {"n": sent})

    def do_recount(self, opts):
        from zerobay.service.deadlines import recount

        done, still = 0, 0
        for req in ServiceRequest.objects.exclude(calendar_note=""):
            fields = recount(req)
            ServiceRequest.objects.filter(pk=req.pk).update(**fields)
            done += 1
            still += bool(fields["calendar_note"])
        if opts["format"] == "json":
            return self.emit({"recounted": done, "still_unknown": still})
        self.stdout.write(
            _("%(n)d requests recounted; %(m)d still wait for the holiday calendar") % {"n": done, "m": still}
        )

    def do_remind(self, opts):
        as_of = opts.get("as_of") or timezone.localdate()
        try:
            run = send_deadline_alerts(as_of, dry_run=opts["dry_run"])
        except CalendarUnknown as exc:
            raise refused(str(exc)) from None
        result = {
            "as_of": as_of,
            "reminders": run.sent[0],
            "commission": run.sent[1],
            "leadership": run.sent[2],
            "notifications": run.notifications,
            "emails": run.emails,
            "dry_run": opts["dry_run"],
        }
        if opts["format"] == "json":
            return self.emit(result)
        self.stdout.write(
            _("%(day)s: %(r)d reminders, %(c)d escalated to the commission, %(l)d to the leadership")
            % {"day": as_of, "r": run.sent[0], "c": run.sent[1], "l": run.sent[2]}
        )
