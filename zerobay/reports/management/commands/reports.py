"""zerobay reports bulletin --period YYYY-MM [--org-unit CODE] --out FILE.docx [--snapshot FILE.json] [--format json]

Draws the monthly bulletin of the month from a snapshot taken at its cut-off (the month's last day).
Exit status: 0 written; 2 the command is wrong (period, org unit, output path).
"""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import month_arg, usage_error
from zerobay.registry.models import OrgUnit
from zerobay.reports.bulletin import document, snapshot


class Command(BaseCommand):
    help = "Documents that combine the apps: the monthly bulletin as a Word document."

    def add_arguments(self, parser):
        actions = self.actions(parser)
        b = actions.add("bulletin", "the monthly bulletin (.docx) of a month", format="text")
        b.add_argument("--period", type=month_arg, required=True, help="the month, e.g. 2025-09")
        b.add_argument("--org-unit", help="code of a park or sub-park (default: the whole district)")
        b.add_argument("--out", required=True, help="the .docx file to write")
        b.add_argument("--snapshot", help="also write the frozen snapshot as JSON to this file")

    def do_bulletin(self, opts):
        out = Path(opts["out"])
        if out.suffix.lower() != ".docx":
            raise usage_error(_("The bulletin is written as a .docx file, not %(name)s") % {"name": out.name})
        if not out.parent.is_dir():
            raise usage_error(_("No such folder: %(path)s") % {"path": out.parent})
        org_unit = None
        if code := opts.get("org_unit"):
            org_unit = OrgUnit.objects.filter(code=code).first()
            if org_unit is None:
                raise usage_error(_("No park or sub-park has the code “%(code)s”") % {"code": code})
        snap = snapshot.take(opts["period"], org_unit)
        out.write_bytes(document.render(snap))
        if opts.get("snapshot"):
            Path(opts["snapshot"]).write_text(
                json.dumps(snap, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        summary = {
            "period": snap["period"],
            "number": snap["number"],
            "out": str(out),
            "indicators": len(snap["indicators"]),
            "tasks": snap["tasks"]["counts"],
        }
        if opts["format"] == "json":
            return self.emit(summary)
        self.stdout.write(f"第{snap['number']}期 {snap['period']} → {out}")
