"""Achievements and demands as xlsx. The first columns are the import's contracted headers (always
in Chinese), so an exported sheet can be edited and imported again."""

from django.db.models import QuerySet
from django.utils import timezone

from zerobay.tabular.xlsx import Workbook, xlsx_download

from .models import Achievement, Demand, Maturity

ACHIEVEMENT_HEADERS = [
    "成果编号",
    "成果名称",
    "成果简介",
    "技术领域",
    "成熟度",
    "持有单位",
    "合作方式",
    "关键词",
    "赛道",
    "发明人",
    "专利号",
    "价格预期（万元）",
    "联系方式",
    "状态",
]
DEMAND_HEADERS = [
    "需求编号",
    "需求名称",
    "需求描述",
    "所属行业",
    "需求企业",
    "预算（万元）",
    "期望合作方式",
    "赛道",
    "截止日期",
    "揭榜挂帅榜单",
    "状态",
]


def _wan(yuan):
    return None if yuan is None else float(yuan) / 10_000


def _maturity(a: Achievement) -> str:
    if a.trl:
        return f"TRL{a.trl}"
    return str(Maturity(a.stage).label) if a.stage else ""


def _write(fileobj, title: str, headers: list[str], rows) -> int:
    workbook = Workbook(fileobj, streaming=True)
    sheet = workbook.table(title, headers, freeze_columns=2)
    money = workbook.style("money")
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 40)
    sheet.set_column(3, len(headers) - 1, 14)
    n = 0
    for n, cells in enumerate(rows, start=1):
        for col, value in enumerate(cells):
            if isinstance(value, float):
                sheet.write_number(n, col, value, money)
            elif value not in (None, ""):
                sheet.write_string(n, col, str(value))
    sheet.autofilter(0, 0, max(n, 1), len(headers) - 1)
    workbook.close()
    return n


def achievement_rows(achievements: QuerySet[Achievement]):
    for a in achievements.select_related("field", "track").iterator(chunk_size=2000):
        yield [
            a.code,
            a.title,
            a.abstract,
            a.field.name if a.field_id else a.field_text,
            _maturity(a),
            a.holder,
            "、".join(a.transfer_mode_labels()),
            a.keywords,
            a.track.name if a.track_id else "",
            a.inventors,
            a.patents,
            _wan(a.price_yuan),
            a.contact,
            a.get_status_display(),
        ]


def demand_rows(demands: QuerySet[Demand]):
    for d in demands.select_related("field", "track", "enterprise", "challenge").iterator(chunk_size=2000):
        yield [
            d.code,
            d.title,
            d.description,
            d.field.name if d.field_id else d.industry_text,
            d.owner_name,
            _wan(d.budget_yuan),
            d.cooperation,
            d.track.name if d.track_id else "",
            d.deadline.isoformat() if d.deadline else "",
            d.challenge.title if d.challenge_id else "",
            d.get_status_display(),
        ]


def achievements_xlsx_response(achievements: QuerySet[Achievement]):
    today = timezone.localdate()
    return xlsx_download(
        lambda f: _write(f, "科技成果", ACHIEVEMENT_HEADERS, achievement_rows(achievements)),
        f"科技成果-{today:%Y%m%d}.xlsx",
    )


def demands_xlsx_response(demands: QuerySet[Demand]):
    today = timezone.localdate()
    return xlsx_download(
        lambda f: _write(f, "技术需求", DEMAND_HEADERS, demand_rows(demands)), f"技术需求-{today:%Y%m%d}.xlsx"
    )
