"""Running `zerobay import` as a user would, and reading what it printed."""

import io
import json

from django.core.management import call_command

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "从业人员期末人数（人）",
    "营业收入（千元）",
    "净利润（千元）",
    "R&D人员（人）",
    "R&D经费内部支出（千元）",
    "当年专利申请数（件）",
    "其中：发明专利申请数（件）",
    "高新技术产品（服务）收入（千元）",
]


def run_import(path, *args, form="torch-annual", period=("--year", "2025")):
    """(exit status, parsed JSON) of `zerobay import FORM FILE ... --format json`."""
    out = io.StringIO()
    status = 0
    try:
        call_command("import", form, str(path), *period, "--format", "json", *args, stdout=out)
    except SystemExit as exc:
        status = exc.code
    return status, json.loads(out.getvalue())


def rules(report, severity="errors"):
    return sorted((i["row"], i["rule"]) for i in report[severity])
