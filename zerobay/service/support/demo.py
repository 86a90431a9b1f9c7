"""The demo's money and people records: generated at the counts and totals the district's work
reports publish (zerobay/service/data/support_published.json, each with its source), written as
the workbooks an office keeps (one a year, money in 万元) and imported through the statistics
pipeline like any upload, so the records carry a batch, a row and revisions. `own` (the demo
enterprise user's firm) gets a record of every kind, so its page shows each."""

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from zerobay.statistics.models import ImportBatch
from zerobay.statistics.periods import Period
from zerobay.statistics.services import import_file
from zerobay.tabular.xlsx import Workbook, write_cells

from ..models import SupportKind, SupportRecord
from .form import SUPPORT_RECORDS

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "support_published.json"
HEADER = ("统一社会信用代码", "企业名称", "支持类型", "日期", "项目或机构", "金额（万元）", "数量", "备注")
KIND_TEXT = {
    SupportKind.TALENT: "人才推荐",
    SupportKind.HOUSING: "人才安居",
    SupportKind.FIRST_LOAN: "首贷",
    SupportKind.CREDIT: "银行授信",
    SupportKind.GRANT: "资助",
    SupportKind.FUND: "基金投资",
}
# Banks and fund boards the demo's records name (made up for the demo, not from a document).
BANKS = (
    "上海银行闵行支行",
    "浦发银行闵行支行",
    "交通银行闵行支行",
    "上海农商银行闵行支行",
    "中国银行闵行支行",
)
FUND_BOARDS = ("战略性投资", "新质领航", "未来产业", "产业投资")


def published() -> list[dict]:
    return json.loads(PUBLISHED.read_text(encoding="utf-8"))["records"]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` as `parts` positive whole numbers that sum to it exactly."""
    if parts <= 0:
        return []
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _day(year: int, rng: random.Random, today: datetime.date) -> datetime.date:
    last = min(datetime.date(year, 12, 31), today)
    return datetime.date(year, 1, 1) + datetime.timedelta(
        days=rng.randrange((last - datetime.date(year, 1, 1)).days + 1)
    )


def _rows(entry: dict, firms: list, rng: random.Random, today: datetime.date) -> list[list]:
    kind = SupportKind(entry["kind"])
    quantity = entry["quantity"]
    # persons recommended are published as a head count: one to three a firm
    n = entry["records"] or max(1, quantity // 2)
    n = min(n, len(firms))  # a demo smaller than the district: fewer records, the same totals
    chosen = firms[:1] + rng.sample(firms[1:], n - 1)
    amounts = _split(int(Decimal(entry["amount_wan"]) * 100), n, rng) if entry["amount_wan"] else [None] * n
    quantities = _split(quantity, n, rng) if quantity else [None] * n
    rows = []
    for firm, cents, q in zip(chosen, amounts, quantities, strict=True):
        counterpart = entry["counterpart"]
        if kind == SupportKind.CREDIT:
            counterpart = rng.choice(BANKS)
        elif kind == SupportKind.FUND:
            counterpart = f"{entry['counterpart']}·{rng.choice(FUND_BOARDS)}"
        amount = None if cents is None else f"{Decimal(cents).scaleb(-2):.2f}"
        rows.append(
            [
                firm.uscc,
                firm.name,
                KIND_TEXT[kind],
                _day(entry["year"], rng, today).isoformat(),
                counterpart,
                amount,
                q,
                entry.get("note", ""),
            ]
        )
    return rows


def _write(path: Path, rows: list[list], year: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(path)
    sheet = book.table(f"{year}年企业支持记录", HEADER, row=1)
    write_cells(sheet, 0, 0, [f"{year}年度企业支持记录（人才、安居、首贷、授信、资助、基金投资）"])
    for r, row in enumerate(rows, start=2):
        write_cells(sheet, r, 0, row)
    book.close()
    return path


def load(firms: list, own, seed: int, today: datetime.date) -> int:
    """Imports the records unless a demo import of them exists; the number of records imported."""
    if ImportBatch.objects.filter(form=SUPPORT_RECORDS.code, channel=ImportBatch.Channel.DEMO).exists():
        return 0
    rng = random.Random(seed * 53 + 7)
    pool = [own, *(f for f in firms if f.pk != own.pk)]
    by_year: dict[int, list[list]] = {}
    for entry in published():
        by_year.setdefault(entry["year"], []).extend(_rows(entry, pool, rng, today))
    imported = 0
    for year, rows in sorted(by_year.items()):
        path = _write(Path(settings.VAR_DIR) / "demo" / "service" / f"{year}年企业支持记录.xlsx", rows, year)
        _batch, report = import_file(
            path, form_code=SUPPORT_RECORDS.code, period=Period(year), channel=ImportBatch.Channel.DEMO
        )
        if report.errors:
            raise RuntimeError(f"{path.name}: {report.errors[0].message}")
        imported += report.rows_imported
    return imported


def wipe() -> int:
    batches = ImportBatch.objects.filter(form=SUPPORT_RECORDS.code, channel=ImportBatch.Channel.DEMO)
    return SupportRecord.objects.filter(batch__in=batches).delete()[0]
