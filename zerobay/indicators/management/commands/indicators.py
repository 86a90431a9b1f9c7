"""zerobay indicators list [--format json]
   zerobay indicators show ID [--year Y] [--org-unit CODE] [--format json]
   zerobay indicators recompute [--year Y] [--format json]
   zerobay indicators check [--format json]   validate the definitions files and the published figures
   zerobay indicators conflicts [--format json]
   zerobay indicators evaluate --year Y [--method expert|entropy] [--format json]

The command line sees the whole district (like a district admin).
"""

from django.http import Http404
from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import refused, usage_error, year_arg
from zerobay.indicators import services
from zerobay.indicators.catalogue import DefinitionError, catalogue, load_catalogue
from zerobay.indicators.engine.compute import recompute
from zerobay.indicators.figures import sync_published
from zerobay.indicators.published import PublishedDataError, load_published


class Command(BaseCommand):
    help = "List, show, recompute and check the development indicators."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        actions.add("list", "every indicator", format="text")
        show = actions.add("show", "one indicator's values and sources", format="text")
        show.add_argument("id", metavar="ID")
        show.add_argument("--year", type=year_arg)
        show.add_argument("--org-unit", dest="org_unit", metavar="CODE", help="org-unit code, e.g. DLHW")
        again = actions.add("recompute", "recompute and store", format="text")
        again.add_argument("--year", type=year_arg, action="append", help="only this year (repeatable)")
        actions.add("check", "validate definitions and published figures", format="text")
        actions.add("conflicts", "sources that disagree", format="text")
        evaluate = actions.add("evaluate", "sub-park composite evaluation", format="text")
        evaluate.add_argument("--year", type=year_arg, required=True)
        evaluate.add_argument("--method", choices=["expert", "entropy"], default="expert")

    def emit(self, data, *, indent=2) -> None:
        super().emit(data, indent=indent)

    def do_list(self, opts):
        indicators = [services.definition_dict(i) for i in catalogue()]
        if opts["format"] == "json":
            return self.emit(indicators)
        for i in indicators:
            kind = "computed" if i["computed"] else "published"
            self.stdout.write(f"{i['id']:<40} {kind:<9} {i['unit']:<8} {i['category']:<6} {i['name']}")

    def do_show(self, opts):
        try:
            data = services.show(opts["id"], None, year=opts["year"], org_unit=opts["org_unit"])
        except Http404 as exc:
            raise usage_error(str(exc)) from None
        if opts["format"] == "json":
            return self.emit(data)
        d = data["indicator"]
        self.stdout.write(f"{d['id']}  {d['name']} ({d['name_en']}), {d['unit']}, {d['category']}")
        if d["formula"]:
            self.stdout.write(f"  formula: {d['formula']}")
        for v in data["computed"]:
            value = "—" if v["value"] is None else f"{v['value']:,.4f}"
            self.stdout.write(f"  computed {v['period']:<8} {v['org_unit']:<6} {value} {v['unit']}")
        for f in data["published"]:
            self.stdout.write(
                f"  {f['kind']:<8} {f['year']} {f['scope']:<6} {f['value']} {f['unit']}  "
                f"[{f['source']}, {f['published']}, {f['location']}]"
            )
        for c in data["conflicts"]:
            self.stdout.write(f"  ! {c['rule']}: {c['message']}")
        if t := data["tracking"]:
            self.stdout.write(f"  status: {t['status']} ({t['status_label']})")

    def do_recompute(self, opts):
        run = recompute("command line", years=opts["year"])
        if opts["format"] == "json":
            return self.emit({"values_written": run.values_written, "seconds": round(run.seconds, 3)})
        self.stdout.write(f"{run.values_written} values computed in {run.seconds:.2f} s")

    def do_check(self, opts):
        try:
            cat = load_catalogue()
            _documents, figures = load_published()
        except (DefinitionError, PublishedDataError) as exc:
            raise refused(str(exc)) from None
        unknown = sorted({f.indicator for f in figures} - set(cat.indicators))
        if unknown:
            raise refused(
                _("Published figures of undefined indicators: %(ids)s") % {"ids": ", ".join(unknown)}
            )
        counts = sync_published()
        computed = len(cat.computed())
        if opts["format"] == "json":
            return self.emit(
                {
                    "indicators": len(cat.indicators),
                    "computed": computed,
                    "figures": len(figures),
                    "database": counts,
                }
            )
        self.stdout.write(
            f"{len(cat.indicators)} indicators ({computed} computed), {len(figures)} published figures: OK "
            f"(database: {counts['created']} added, {counts['updated']} updated, {counts['removed']} removed)"
        )

    def do_conflicts(self, opts):
        conflicts = [services.conflict_dict(c) for c in services.all_conflicts()]
        if opts["format"] == "json":
            return self.emit(conflicts)
        for c in conflicts:
            self.stdout.write(f"{c['rule']:<20} {c['indicator']} {c['year']}: {c['message']}")

    def do_evaluate(self, opts):
        data = services.evaluate_subparks(None, opts["year"], opts["method"])
        result = data["result"]
        if opts["format"] == "json":
            return self.emit(services.evaluation_dict(data))
        for code, rank in result.ranks.items():
            self.stdout.write(f"{rank:>3}  {code:<8} {result.scores[code]:6.2f}")
