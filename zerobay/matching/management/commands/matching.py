"""zerobay matching import achievements FILE [--skip-invalid] [--dry-run] [--publish] [--format json]
   zerobay matching import demands FILE [...]
   zerobay matching match (--demand CODE | --all) [--top N] [--method M] --format json

`import` takes the columns 成果编号, 成果名称, 成果简介, 技术领域, 成熟度, 持有单位, 合作方式 (and
optionally 关键词), or 需求编号, 需求名称, 需求描述, 所属行业, 需求企业, 预算（万元）, 期望合作方式, and
prints the same report as `zerobay import torch-annual`. Exit status: 0 imported (or a clean dry
run); 1 the file has errors and nothing was imported (without --skip-invalid); 2 the file cannot be
read or has no header.

`match` is a staff tool: it ranks ALL stored achievements (every status: drafts and pending ones
included, so that an imported list can be matched before review) for each demand and prints
[{"demand": 需求编号, "results": [{"achievement": 成果编号, "score": n, "reasons": [...]}]}], best first.
"""

from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import usage_error, user_arg
from zerobay.matching import imports
from zerobay.matching.engine import METHODS, Matcher
from zerobay.matching.models import Achievement, Demand
from zerobay.matching.ranking import achievement_doc, demand_doc


class Command(BaseCommand):
    help = "Import achievements and demands from workbooks; rank the achievements for demands."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        imp = actions.add("import", "import achievements or demands", format="text")
        imp.add_argument("kind", choices=["achievements", "demands"])
        imp.add_argument("file", metavar="FILE", help="xlsx, xls, xlsb, ods or csv")
        imp.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows and report the rest (default: a file with errors imports nothing)",
        )
        imp.add_argument("--dry-run", action="store_true", help="validate only; store nothing")
        imp.add_argument(
            "--publish",
            action="store_true",
            help="publish new items at once (default: achievements await review, demands are drafts)",
        )
        imp.add_argument(
            "--user", type=user_arg, help="username the import is recorded under (default: the system)"
        )

        match = actions.add(
            "match",
            "ranked achievements for demands, over all stored achievements (any status)",
            format="json",
        )
        which = match.add_mutually_exclusive_group(required=True)
        which.add_argument("--demand", metavar="CODE", help="需求编号")
        which.add_argument("--all", action="store_true", help="every stored demand, by number")
        match.add_argument("--top", type=int, default=10, help="results per demand (default 10)")
        match.add_argument("--method", choices=METHODS, default="best", help="matching method (default best)")

    def do_import(self, opts):
        try:
            open(opts["file"], "rb").close()
        except OSError as exc:
            raise usage_error(
                _("Cannot open %(file)s: %(reason)s") % {"file": opts["file"], "reason": exc.strerror}
            ) from None
        report = imports.import_file(
            opts["file"],
            opts["kind"],
            user=opts.get("user"),
            skip_invalid=opts["skip_invalid"],
            dry_run=opts["dry_run"],
            publish=opts["publish"],
        )
        if opts["format"] == "json":
            self.emit(report.as_dict())
        else:
            self._print_report(report, opts)
        self.exit(report.exit_status(opts["skip_invalid"]))

    def _print_report(self, report, opts):
        w = self.stdout.write
        for line in report.text_lines():
            w(line)
        if report.rows_imported:
            w(f"新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}")
        elif opts["dry_run"]:
            w("试运行：未写入任何数据")
        elif report.errors:
            w("文件有错误，未导入任何数据（修正后重新导入，或使用 --skip-invalid 仅导入有效行）")

    def do_match(self, opts):
        if opts["top"] < 1:
            raise usage_error(_("--top should be a positive whole number"))
        if opts["all"]:
            demands = list(Demand.objects.select_related("field", "track").order_by("code"))
        else:
            demands = list(Demand.objects.select_related("field", "track").filter(code=opts["demand"]))
            if not demands:
                raise usage_error(_("No demand has the number “%(code)s”") % {"code": opts["demand"]})
        achievements = Achievement.objects.select_related("field", "track").order_by("code")
        matcher = Matcher([achievement_doc(a) for a in achievements], method=opts["method"])
        out = [
            {
                "demand": d.code,
                "results": [
                    {"achievement": h.key, "score": h.score, "reasons": list(h.reasons)}
                    for h in matcher.search(demand_doc(d), top=opts["top"])
                ],
            }
            for d in demands
        ]
        if opts["format"] == "json":
            return self.emit(out)
        for item in out:
            self.stdout.write(f"{item['demand']}")
            for r in item["results"]:
                self.stdout.write(f"  {r['score']:8.4f}  {r['achievement']}  {'；'.join(r['reasons'])}")
