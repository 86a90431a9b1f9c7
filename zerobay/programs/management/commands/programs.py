"""zerobay programs eligible CLAUSE [--as-of DATE] [--notify --user USERNAME] [--format json]
   zerobay programs budget (--call CODE | --clause CODE | --policy CODE) [--format json]
   zerobay programs ranking CALL [--format json]
   zerobay programs timeline APPLICATION [--format json]
   zerobay programs act APPLICATION ACTION --user USERNAME [--comment TEXT]

The command line reads the whole district (like a district admin); `act` and `--notify` act as the
named user, through the same services and checks as the pages.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zerobay.accounts.models import User
from zerobay.programs import services
from zerobay.programs.models import Application, Call, Clause, Policy
from zerobay.programs.services import ConcurrentChange, IllegalTransition, ProgramError


class Command(BaseCommand):
    help = "Policy programmes: eligible enterprises, budget usage, ranking, timeline, workflow actions."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", parser_class=type(parser)
        )
        eligible = actions.add_parser(
            "eligible", help="政策找企业: eligible, not applied", called_from_command_line=True
        )
        eligible.add_argument("clause", metavar="CLAUSE")
        eligible.add_argument("--as-of", dest="as_of", type=datetime.date.fromisoformat)
        eligible.add_argument(
            "--notify", action="store_true", help="invite them in the app (once per clause)"
        )
        eligible.add_argument("--user", help="the staff user who notifies")
        eligible.add_argument("--format", choices=["text", "json"], default="text")
        budget = actions.add_parser("budget", help="budget used vs available", called_from_command_line=True)
        which = budget.add_mutually_exclusive_group(required=True)
        which.add_argument("--call")
        which.add_argument("--clause")
        which.add_argument("--policy")
        budget.add_argument("--format", choices=["text", "json"], default="text")
        ranking = actions.add_parser(
            "ranking", help="a call's ranking by review score", called_from_command_line=True
        )
        ranking.add_argument("call", metavar="CALL")
        ranking.add_argument("--format", choices=["text", "json"], default="text")
        timeline = actions.add_parser(
            "timeline", help="an application's timeline", called_from_command_line=True
        )
        timeline.add_argument("application", metavar="APPLICATION")
        timeline.add_argument("--format", choices=["text", "json"], default="text")
        act = actions.add_parser(
            "act", help="take a workflow action as a user", called_from_command_line=True
        )
        act.add_argument("application", metavar="APPLICATION")
        act.add_argument("verb", metavar="ACTION")
        act.add_argument("--user", required=True)
        act.add_argument("--comment", default="")

    def handle(self, *args, **opts):
        getattr(self, "do_" + opts["action"])(opts)

    def emit(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    def do_eligible(self, opts):
        clause = _get(Clause, opts["clause"], "条款")
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
            user = _user(opts["user"])
            try:
                count = services.notify_eligible(clause, as_of, user)
            except (IllegalTransition, ProgramError) as exc:
                raise CommandError(str(exc)) from None
            self.stderr.write(f"已通知 {count} 家企业")

    def do_budget(self, opts):
        if opts["call"]:
            usage = services.budget_usage(call=_get(Call, opts["call"], "申报通知"))
        elif opts["clause"]:
            usage = services.budget_usage(clause=_get(Clause, opts["clause"], "条款"))
        else:
            usage = services.budget_usage(policy=_get(Policy, opts["policy"], "政策"))
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
        rows = services.ranking(_get(Call, opts["call"], "申报通知"))
        if opts["format"] == "json":
            self.emit([{k: v for k, v in r.items() if k != "application"} for r in rows])
            return
        for r in rows:
            self.stdout.write(
                f"{r['rank']:>3}  {r['score']:>6}  {r['code']}  {r['enterprise']}  {r['title']}"
            )

    def do_timeline(self, opts):
        steps = services.timeline(_get(Application, opts["application"], "申报"))
        if opts["format"] == "json":
            self.emit(steps)
            return
        for t in steps:
            line = f"{t['at']:%Y-%m-%d %H:%M}  {t['actor']}  {t['action_label']}：{t['from_label']} → {t['to_label']}"
            self.stdout.write(line + (f"（{t['comment']}）" if t["comment"] else ""))

    def do_act(self, opts):
        app = _get(Application, opts["application"], "申报")
        try:
            services.transition(app, opts["verb"], _user(opts["user"]), comment=opts["comment"])
        except (IllegalTransition, ConcurrentChange, ProgramError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{app.code}：{app.state}")


def _get(model, code: str, what: str):
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist:
        raise CommandError(f"{what}“{code}”不存在") from None


def _user(username: str | None) -> User:
    if not username:
        raise CommandError("请用 --user 指定操作人")
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"用户“{username}”不存在") from None
