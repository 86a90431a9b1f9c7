"""zerobay programs eligible CLAUSE [--as-of DATE] [--notify --user USERNAME] [--format json]
   zerobay programs budget (--call CODE | --clause CODE | --policy CODE) [--format json]
   zerobay programs ranking CALL [--format json]
   zerobay programs timeline APPLICATION [--format json]
   zerobay programs act APPLICATION ACTION --user USERNAME [--comment TEXT] [--format json]

The command line reads the whole district (like a district admin); `act` and `--notify` act as the
named user, through the same services and checks as the pages.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import date_arg, refused, usage_error, user_arg
from zerobay.programs import services
from zerobay.programs.models import Application, Call, Clause, Policy
from zerobay.programs.services import ConcurrentChange, IllegalTransition, ProgramError


class Command(BaseCommand):
    help = "Policy programmes: eligible enterprises, budget usage, ranking, timeline, workflow actions."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        eligible = actions.add("eligible", "政策找企业: eligible, not applied", format="text")
        eligible.add_argument("clause", metavar="CLAUSE")
        eligible.add_argument("--as-of", dest="as_of", type=date_arg)
        eligible.add_argument(
            "--notify", action="store_true", help="invite them in the app (once per clause)"
        )
        eligible.add_argument("--user", type=user_arg, help="the staff user who notifies")
        budget = actions.add("budget", "budget used vs available", format="text")
        which = budget.add_mutually_exclusive_group(required=True)
        which.add_argument("--call")
        which.add_argument("--clause")
        which.add_argument("--policy")
        ranking = actions.add("ranking", "a call's ranking by review score", format="text")
        ranking.add_argument("call", metavar="CALL")
        timeline = actions.add("timeline", "an application's timeline", format="text")
        timeline.add_argument("application", metavar="APPLICATION")
        act = actions.add("act", "take a workflow action as a user", format="text")
        act.add_argument("application", metavar="APPLICATION")
        act.add_argument("verb", metavar="ACTION")
        act.add_argument("--user", type=user_arg, required=True)
        act.add_argument("--comment", default="")

    def emit(self, data, *, indent=2) -> None:
        super().emit(data, indent=indent)

    def do_eligible(self, opts):
        clause = _get(Clause, opts["clause"])
        as_of = opts["as_of"] or timezone.localdate()
        found = services.eligible_not_applied(clause, as_of)
        rows = [
            {
                "uscc": f["enterprise"].uscc,
                "name": f["enterprise"].name,
                "reasons": [c["message"] for c in f["eligibility"].conditions if c["met"]],
            }
            for f in found
        ]
        if opts["format"] == "json":
            self.emit({"clause": clause.code, "as_of": as_of, "enterprises": rows})
        else:
            self.stdout.write(
                f"条款 {clause.code} {clause.title}：{len(rows)} 家企业符合条件且未申报（{as_of}）"
            )
            for r in rows:
                self.stdout.write(f"  {r['uscc']}  {r['name']}  —  {'；'.join(r['reasons'])}")
        if opts["notify"]:
            try:
                count = services.notify_eligible(clause, as_of, _user(opts["user"]))
            except (IllegalTransition, ProgramError) as exc:
                raise refused(str(exc)) from None
            self.stderr.write(f"已通知 {count} 家企业")

    def do_budget(self, opts):
        if opts["call"]:
            usage = services.budget_usage(call=_get(Call, opts["call"]))
        elif opts["clause"]:
            usage = services.budget_usage(clause=_get(Clause, opts["clause"]))
        else:
            usage = services.budget_usage(policy=_get(Policy, opts["policy"]))
        if opts["format"] == "json":
            self.emit(usage)
            return
        labels = {
            "budget": "预算",
            "proposed": "拟立项",
            "approved": "已立项",
            "paid": "已拨付",
            "available": "可用",
        }
        for key, label in labels.items():
            value = usage[key]
            self.stdout.write(f"{label}\t{'未设定' if value is None else f'{value:,.2f} 元'}")

    def do_ranking(self, opts):
        rows = services.ranking(_get(Call, opts["call"]))
        if opts["format"] == "json":
            self.emit([{k: v for k, v in r.items() if k != "application"} for r in rows])
            return
        for r in rows:
            self.stdout.write(
                f"{r['rank']:>3}  {r['score']:>6}  {r['code']}  {r['enterprise']}  {r['title']}"
            )

    def do_timeline(self, opts):
        steps = services.timeline(_get(Application, opts["application"]))
        if opts["format"] == "json":
            self.emit(steps)
            return
        for t in steps:
            line = f"{t['at']:%Y-%m-%d %H:%M}  {t['actor']}  {t['action_label']}：{t['from_label']} → {t['to_label']}"
            self.stdout.write(line + (f"（{t['comment']}）" if t["comment"] else ""))

    def do_act(self, opts):
        app = _get(Application, opts["application"])
        try:
            services.transition(app, opts["verb"], opts["user"], comment=opts["comment"])
        except (IllegalTransition, ConcurrentChange, ProgramError) as exc:
            raise refused(str(exc)) from None
        if opts["format"] == "json":
            return self.emit({"application": app.code, "state": app.state})
        self.stdout.write(f"{app.code}：{app.state}")


def _get(model, code: str):
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist:
        missing = {
            Clause: _("Clause “%(code)s” does not exist"),
            Call: _("Call “%(code)s” does not exist"),
            Policy: _("Policy “%(code)s” does not exist"),
            Application: _("Application “%(code)s” does not exist"),
        }
        raise usage_error(missing[model] % {"code": code}) from None


def _user(user):
    if user is None:
        raise usage_error(_("Name the acting user with --user"))
    return user
