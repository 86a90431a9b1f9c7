"""zerobay cultivation screen --qualification hte --as-of 2026-06-30 [--org-unit DLHW] [--status near] [--format json]
   zerobay cultivation certificates [--as-of DATE] [--within-days 180] [--org-unit CODE] [--format json]

Exit status: 0 done; 2 the command is wrong (unknown qualification, org unit or date).
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zerobay.cultivation.certificates import certificate_watch
from zerobay.cultivation.rules import RULES
from zerobay.cultivation.screening import STATUS_LABELS, STATUSES, screen
from zerobay.registry.models import OrgUnit


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD，而不是“{text}”", returncode=2) from None


def _org_path(code: str | None) -> str:
    if not code:
        return ""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"没有代码为“{code}”的园区或子园", returncode=2)
    return unit.path


class Command(BaseCommand):
    help = "Enterprise cultivation: screen enterprises against a qualification; watch HTE certificates."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", parser_class=type(parser)
        )
        s = commands.add_parser(
            "screen", help="screen enterprises against a qualification", called_from_command_line=True
        )
        s.add_argument("--qualification", required=True, choices=list(RULES))
        s.add_argument("--as-of", required=True, help="YYYY-MM-DD")
        s.add_argument("--org-unit", help="code of a park, sub-park or block (default: the whole district)")
        s.add_argument("--status", choices=STATUSES, help="only enterprises of this status")
        s.add_argument("--format", choices=["text", "json"], default="text")
        c = commands.add_parser(
            "certificates",
            help="HTE certificates expiring, projection, revocations",
            called_from_command_line=True,
        )
        c.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
        c.add_argument("--within-days", type=int, default=180)
        c.add_argument("--org-unit")
        c.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **opts):
        if opts["action"] == "screen":
            self._screen(opts)
        else:
            self._certificates(opts)

    def _screen(self, opts):
        result = screen(opts["qualification"], _date(opts["as_of"]), _org_path(opts.get("org_unit")))
        positions = result.positions(opts.get("status"))
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(positions), ensure_ascii=False))
            return
        w = self.stdout.write
        counts = result.counts()
        w(
            f"{result.rule.name}（{result.as_of}）："
            + "，".join(f"{STATUS_LABELS[s]} {counts[s]}" for s in STATUSES)
        )
        for pos in positions:
            status = STATUSES[result.status[pos]]
            line = f"{result.facts.usccs[pos]}  {result.facts.names[pos]}  {STATUS_LABELS[status]}"
            if status == "near":
                line += f"  {result.gap(int(pos))}"
            w(line)

    def _certificates(self, opts):
        as_of = _date(opts["as_of"]) if opts.get("as_of") else timezone.localdate()
        watch = certificate_watch(as_of, opts["within_days"], _org_path(opts.get("org_unit")))
        if opts["format"] == "json":
            self.stdout.write(json.dumps(watch, ensure_ascii=False, default=str))
            return
        w = self.stdout.write
        p = watch["projection"]
        w(
            f"{as_of} 有效高企 {p['valid_now']} 家；{p['year']}年末预计 {p['projected_year_end']} 家"
            + (f"（目标 {p['target']}，差 {p['gap']}）" if p["target"] else "")
        )
        for e in watch["expiring"]:
            w(f"{e['valid_to']}  {e['uscc']}  {e['name']}  {e['would_requalify_label']}")
        for r in watch["revoked"]:
            w(f"撤销 {r['revoked_on']}  {r['uscc']}  {r['name']}  {r['reason']}")
