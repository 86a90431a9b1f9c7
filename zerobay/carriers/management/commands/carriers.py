"""zerobay carriers evaluate --year 2025 [--scheme district-incubator] [--weights entropy|FILE] [--format json]
   zerobay carriers schemes [--format json]

`evaluate` prints {"scheme", "year", "carriers": [{"carrier", "type", "score", "grade", "rank",
"indicators": [{"id", "label", "value", "points", "weight", "source"}]}]}.
Exit status: 0 done; 2 the command is wrong (unknown scheme, unreadable weights).
"""

import json

from django.utils.translation import gettext as _

from zerobay.carriers.evaluation.run import evaluate
from zerobay.carriers.evaluation.schemes import schemes
from zerobay.carriers.evaluation.whatif import entropy_weights
from zerobay.commands import Command as BaseCommand
from zerobay.commands import usage_error, year_arg

DEFAULT_SCHEME = "district-incubator"


class Command(BaseCommand):
    help = "Carriers: evaluate the carriers of a scheme for a year; list the declared schemes."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        e = actions.add("evaluate", "score, grade and rank the carriers of a scheme", format="text")
        e.add_argument("--year", type=year_arg, required=True, help="e.g. 2025")
        e.add_argument("--scheme", default=DEFAULT_SCHEME, help=f"scheme id (default: {DEFAULT_SCHEME})")
        e.add_argument(
            "--weights", help='JSON file of {"indicator id": weight} replacing the declared weights'
        )
        actions.add("schemes", "the declared evaluation schemes", format="text")

    def do_evaluate(self, opts):
        scheme = schemes().get(opts["scheme"])
        if scheme is None:
            raise usage_error(
                _("Unknown scheme “%(scheme)s”; use one of %(known)s")
                % {"scheme": opts["scheme"], "known": ", ".join(schemes())}
            )
        if opts.get("weights") == "entropy":
            scheme = scheme.with_weights(entropy_weights(evaluate(opts["year"], scheme, previous=False)))
        elif opts.get("weights"):
            scheme = scheme.with_weights(_read_weights(opts["weights"], scheme))
        result = evaluate(opts["year"], scheme)
        if opts["format"] == "json":
            return self.emit(result.as_json())
        w = self.stdout.write
        w(f"{scheme.name} {scheme.version}（{opts['year']}）")
        for r in result.results:
            flags = f"  ⚑ {len(r.flags)}" if r.flags else ""
            w(f"{r.rank:>3}  {r.score:>6.2f}  {r.grade.grade}  {r.name}{flags}")

    def do_schemes(self, opts):
        found = [
            {
                "id": s.id,
                "version": s.version,
                "name": s.name,
                "kinds": list(s.kinds),
                "indicators": len(s.indicators),
            }
            for s in schemes().values()
        ]
        if opts["format"] == "json":
            return self.emit(found)
        for s in found:
            self.stdout.write(f"{s['id']}  {s['version']}  {s['name']}  ({', '.join(s['kinds'])})")


def _read_weights(path: str, scheme) -> dict[str, float]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise usage_error(_("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc}) from None
    known = {i.id for i in scheme.indicators}
    if not isinstance(data, dict) or not set(data) <= known:
        raise usage_error(_("The weights file must map indicator ids of the scheme to numbers"))
    try:
        return {k: float(v) for k, v in data.items()}
    except (TypeError, ValueError):
        raise usage_error(_("The weights file must map indicator ids of the scheme to numbers")) from None
