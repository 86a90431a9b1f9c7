"""zerobay load_reference [--format json]: create or update the org-unit tree and the industry taxonomy from the
reference data the platform ships (zerobay/data). Safe to run again: it never duplicates."""

from zerobay.commands import Command as BaseCommand
from zerobay.commands import add_format
from zerobay.registry.reference import load_reference

LABELS = {"org_units": "组织单元", "industries": "产业分类", "carriers": "创新载体", "units": "工作单位"}


class Command(BaseCommand):
    help = "Load the org-unit tree, industry taxonomy and named carriers from zerobay/data (idempotent)."

    def add_arguments(self, parser):
        add_format(parser)

    def handle(self, *args, **opts):
        result = load_reference()
        if opts["format"] == "json":
            return self.emit(result)
        for key, counts in result.items():
            line = (
                f"{LABELS[key]}：新增 {counts['created']}，更新 {counts['updated']}，"
                f"未变 {counts['unchanged']}"
            )
            if counts.get("not_in_files"):
                line += f"；数据库中另有 {len(counts['not_in_files'])} 个不在参考数据中（{', '.join(counts['not_in_files'])}），未改动"
            self.stdout.write(line)
