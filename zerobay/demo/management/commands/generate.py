"""zerobay generate --enterprises N --years 2023,2024,2025 --out DIR [--seed S] [--money-unit 千元]
                    [--monthly] [--months M]

Writes a synthetic panel as Torch workbooks (one annual workbook per year; with --monthly, the
monthly workbooks of the latest year) plus enterprises.json (the registry part: USCC, name, org
unit, tracks, qualifications), and prints the paths. Touches no database: benchmarks use it to
make input files of any size.
"""

import time
from pathlib import Path

from django.utils.translation import gettext as _

from zerobay.commands import Command as BaseCommand
from zerobay.commands import usage_error
from zerobay.demo.enterprises_file import write_enterprises_json
from zerobay.demo.generator import DEFAULT_ENTERPRISES, DEFAULT_SEED, generate_panel
from zerobay.demo.workbooks import write_workbooks
from zerobay.tabular.units import MONEY_UNITS


def _years_error(text: str) -> str:
    return _("--years: expected years such as 2023,2024,2025, not %(value)s") % {"value": repr(text)}


def _years(text: str) -> list[int]:
    try:
        years = sorted({int(y) for y in text.split(",") if y.strip()})
    except ValueError:
        raise usage_error(_years_error(text)) from None
    if not years or not all(1990 <= y <= 2100 for y in years):
        raise usage_error(_years_error(text))
    return years


class Command(BaseCommand):
    help = "Write a synthetic panel as Torch workbooks plus enterprises.json (no database needed)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--enterprises", type=int, default=DEFAULT_ENTERPRISES, help="number of enterprises"
        )
        parser.add_argument(
            "--years", default="2023,2024,2025", help="comma-separated (default 2023,2024,2025)"
        )
        parser.add_argument("--out", required=True, help="output directory (created if missing)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
        parser.add_argument(
            "--money-unit",
            default="千元",
            choices=list(MONEY_UNITS),
            help="unit of money columns (default 千元)",
        )
        parser.add_argument(
            "--monthly", action="store_true", help="also write monthly workbooks of the latest year"
        )
        parser.add_argument("--months", type=int, default=12, help="with --monthly: months 1..M (default 12)")

    def handle(self, *args, **opts):
        if opts["enterprises"] < 1:
            raise usage_error(_("--enterprises should be at least 1"))
        if not 1 <= opts["months"] <= 12:
            raise usage_error(_("--months should be 1 to 12"))
        out = Path(opts["out"])
        started = time.monotonic()
        panel = generate_panel(opts["enterprises"], _years(opts["years"]), opts["seed"])
        self.stderr.write(f"生成 {len(panel.enterprises)} 家企业，用时 {time.monotonic() - started:.1f} 秒")
        files = write_workbooks(
            panel, out, money_unit=opts["money_unit"], months=opts["months"] if opts["monthly"] else 0
        )
        for f in files:
            self.stdout.write(str(f.path))
        self.stdout.write(str(write_enterprises_json(panel, out / "enterprises.json")))
        self.stderr.write(f"完成，用时 {time.monotonic() - started:.1f} 秒")
