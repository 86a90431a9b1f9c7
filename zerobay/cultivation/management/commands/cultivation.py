"""zerobay cultivation screen --qualification hte --as-of 2026-06-30 [--org-unit DLHW] [--status near] [--format json]
   zerobay cultivation certificates [--as-of DATE] [--within-days 180] [--org-unit CODE] [--format json]

Exit status: 0 done; 2 the command is wrong (unknown qualification, org unit or date).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import date_arg, usage_error
from zerobay.cultivation.certificates import certificate_watch
from zerobay.cultivation.rules import RULES
from zerobay.cultivation.screening import STATUS_LABELS, STATUSES, screen
from zerobay.registry.models import OrgUnit


def _org_path(code: str | None) -> str:
    if not code:
        return ""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise usage_error(_("No park or sub-park has the code “%(code)s”") % {"code": code})
    return unit.path


class Command(BaseCommand):
    help = "Enterprise cultivation: screen enterprises against a qualification; watch HTE certificates."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        s = actions.add("screen", "screen enterprises against a qualification", format="text")
        s.add_argument("--qualification", required=True, choices=list(RULES))
        s.add_argument("--as-of", type=date_arg, required=True, help="YYYY-MM-DD")
        s.add_argument("--org-unit", help="code of a park, sub-park or block (default: the whole district)")
        s.add_argument("--status", choices=STATUSES, help="only enterprises of this status")
        c = actions.add("certificates", "HTE certificates expiring, projection, revocations", format="text")
        c.add_argument("--as-of", type=date_arg, help="YYYY-MM-DD (default: today)")
        c.add_argument("--within-days", type=int, default=180)
        c.add_argument("--org-unit")

    def do_screen(self, opts):
        result = screen(opts["qualification"], opts["as_of"], _org_path(opts.get("org_unit")))
        positions = result.positions(opts.get("status"))
        if opts["format"] == "json":
            return self.emit(result.as_dict(positions))
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

    def do_certificates(self, opts):
        as_of = opts.get("as_of") or timezone.localdate()
        watch = certificate_watch(as_of, opts["within_days"], _org_path(opts.get("org_unit")))
        if opts["format"] == "json":
            return self.emit(watch)
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
