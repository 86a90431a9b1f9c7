"""Importing achievements and demands from workbooks through the shared tabular part:
zerobay.tabular.reading (xlsx, xls, ods, csv), its header recognition and folding (full-width forms,
units in brackets, marks of required columns) and its Issue / ImportReport (the same `--format json` report
as `zerobay import torch-annual`). Every row is checked first; the file is then written in one
transaction, all or nothing unless `skip_invalid`, and nothing at all on a dry run.

Achievements: 成果编号, 成果名称, 成果简介, 技术领域, 成熟度, 持有单位, 合作方式, optionally 关键词.
Demands: 需求编号, 需求名称, 需求描述, 所属行业, 需求企业, 预算（万元）, 期望合作方式.
A number already stored is updated in place (its status is kept); a new one is created as a draft
awaiting review (achievements) or a draft (demands), or published with `publish`.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from zerobay.accounts import audit
from zerobay.registry.models import Enterprise, Industry
from zerobay.tabular import reading
from zerobay.tabular.headers import HEADER_SCAN_ROWS, find_header, fold, label_index, split_header
from zerobay.tabular.issues import ImportReport, Issue
from zerobay.tabular.units import MONEY_UNITS
from zerobay.tabular.values import NotANumber, clean_uscc, parse_number

from .models import Achievement, Demand, Maturity, TransferMode, split_list, stage_of_trl


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the contracted header
    required: bool = True  # the column must be there
    value_required: bool = False  # and every row must fill it
    max_length: int = 0
    aliases: tuple[str, ...] = ()
    money: bool = False


@dataclass(frozen=True)
class Sheet:
    kind: str  # "achievements" or "demands"
    columns: tuple[Column, ...]


ACHIEVEMENTS = Sheet(
    "achievements",
    (
        Column("code", "成果编号", value_required=True, max_length=64),
        Column("title", "成果名称", value_required=True, max_length=300, aliases=("成果名",)),
        Column("abstract", "成果简介", aliases=("简介", "成果摘要")),
        Column("field", "技术领域", max_length=100, aliases=("领域",)),
        Column("maturity", "成熟度", aliases=("技术成熟度", "成熟度等级")),
        Column(
            "holder", "持有单位", value_required=True, max_length=200, aliases=("成果持有单位", "完成单位")
        ),
        Column("modes", "合作方式", aliases=("转化方式", "转移方式")),
        Column("keywords", "关键词", required=False, max_length=300, aliases=("关键字",)),
    ),
)
DEMANDS = Sheet(
    "demands",
    (
        Column("code", "需求编号", value_required=True, max_length=64),
        Column("title", "需求名称", value_required=True, max_length=300),
        Column("description", "需求描述", aliases=("需求内容", "需求简介")),
        Column("industry", "所属行业", max_length=100, aliases=("行业", "所属领域")),
        Column("enterprise", "需求企业", max_length=200, aliases=("需求单位", "企业名称")),
        Column("budget", "预算", money=True, aliases=("预算金额", "需求预算")),
        Column("cooperation", "期望合作方式", max_length=200, aliases=("合作方式",)),
    ),
)

STAGE_WORDS = {
    "实验室": Maturity.LAB,
    "实验室阶段": Maturity.LAB,
    "研发": Maturity.LAB,
    "研发阶段": Maturity.LAB,
    "小试": Maturity.SMALL_PILOT,
    "小试阶段": Maturity.SMALL_PILOT,
    "中试": Maturity.PILOT,
    "中试阶段": Maturity.PILOT,
    "产业化": Maturity.INDUSTRIAL,
    "产业化阶段": Maturity.INDUSTRIAL,
    "已产业化": Maturity.INDUSTRIAL,
    "量产": Maturity.INDUSTRIAL,
}
_TRL = re.compile(r"^(?:trl)?[-:]?([1-9])(?:级)?$")
MODE_WORDS = {
    "转让": TransferMode.TRANSFER,
    "技术转让": TransferMode.TRANSFER,
    "专利转让": TransferMode.TRANSFER,
    "许可": TransferMode.LICENSE,
    "技术许可": TransferMode.LICENSE,
    "专利许可": TransferMode.LICENSE,
    "独占许可": TransferMode.LICENSE,
    "排他许可": TransferMode.LICENSE,
    "普通许可": TransferMode.LICENSE,
    "作价入股": TransferMode.EQUITY,
    "作价投资": TransferMode.EQUITY,
    "技术入股": TransferMode.EQUITY,
    "入股": TransferMode.EQUITY,
    "合作开发": TransferMode.CO_DEVELOPMENT,
    "联合开发": TransferMode.CO_DEVELOPMENT,
    "技术开发": TransferMode.CO_DEVELOPMENT,
    "合作研发": TransferMode.CO_DEVELOPMENT,
}
MAX_BUDGET = Decimal("1e14")  # yuan


@dataclass
class ParsedRow:
    row: int
    values: dict = field(default_factory=dict)


# ---------------------------------------------------------------- header


def _label_index(sheet: Sheet) -> dict[str, Column]:
    return label_index((label, col) for col in sheet.columns for label in (col.label, *col.aliases))


def _match_header(
    cells: list, row: int, sheet: Sheet, report: ImportReport
) -> dict[int, tuple[Column, Decimal]]:
    """{position: (column, money factor)}; problems go into the report."""
    index = _label_index(sheet)
    found: dict[int, tuple[Column, Decimal]] = {}
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells):
        header = str(cell).strip() if cell is not None else ""
        if not header:
            continue
        label, unit = split_header(header)
        col = index.get(label)
        if col is None:
            report.warnings.append(
                Issue(row, header, header, "unknown_column", f"未识别的列“{header}”，已忽略", "warning")
            )
            continue
        if col.key in seen:
            report.errors.append(
                Issue(row, header, header, "duplicate_column", f"列“{header}”与列“{seen[col.key]}”重复")
            )
            continue
        seen[col.key] = header
        factor = Decimal(1)
        if col.money:
            if unit is None:
                unit = "万元"
                report.warnings.append(
                    Issue(
                        row,
                        header,
                        header,
                        "unit_assumed",
                        f"列“{header}”未注明单位，按“万元”处理",
                        "warning",
                    )
                )
            if unit not in MONEY_UNITS:
                report.errors.append(
                    Issue(row, header, header, "unit_invalid", f"列“{header}”的单位“{unit}”不是金额单位")
                )
                continue
            factor = MONEY_UNITS[unit]
        found[i] = (col, factor)
        report.columns[header] = col.key
    for col in sheet.columns:
        if col.required and col.key not in seen:
            report.errors.append(Issue(row, col.label, None, "missing_column", f"缺少必需的列“{col.label}”"))
    return found


def _find_header(rows: list[tuple[int, list]], sheet: Sheet) -> tuple[int, list] | None:
    """The first row carrying the key column and at least half of the contracted columns."""
    index = {label: col.key for label, col in _label_index(sheet).items()}
    key = sheet.columns[0].key
    return find_header(rows, index, lambda keys: key in keys and len(keys) * 2 >= len(sheet.columns))


# ---------------------------------------------------------------- values


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_maturity(raw: str) -> tuple[int | None, str]:
    """(TRL, stage) from 'TRL6', '6', '6级', '中试', '中试（TRL6）'; ValueError when it is neither."""
    text = fold(raw).replace("（", "(").replace("）", ")")
    if not text:
        return None, ""
    if m := re.match(r"^([^()]+)\((.+)\)$", text):  # 中试(trl6)
        trl, _ = parse_maturity(m[2])
        _, stage = parse_maturity(m[1])
        if trl is None or not stage:
            raise ValueError(raw)
        return trl, stage
    if m := _TRL.match(text):
        trl = int(m[1])
        return trl, stage_of_trl(trl)
    if text in STAGE_WORDS:
        return None, STAGE_WORDS[text]
    raise ValueError(raw)


def parse_modes(raw: str) -> tuple[list[str], list[str]]:
    """(mode codes, words not recognised) from '转让、许可/作价入股'. Unrecognised words are kept as written."""
    modes, unknown = [], []
    for word in split_list(fold(raw)):
        mode = MODE_WORDS.get(word)
        if mode is None:
            unknown.append(word)
            mode = word
        if mode not in modes:
            modes.append(mode)
    return modes, unknown


def taxonomy_lookup() -> dict[str, Industry]:
    """Plan fields, sub-industries and tracks by folded name (and code)."""
    out = {}
    for node in Industry.objects.filter(scheme=Industry.Scheme.PLAN).select_related("parent__parent"):
        out.setdefault(fold(node.name), node)
        out[fold(node.code)] = node
    return out


def place_in_taxonomy(text: str, lookup: dict[str, Industry]) -> tuple[Industry | None, Industry | None]:
    """(field, track) for a 技术领域 / 所属行业 value: a plan field, sub-industry or track name."""
    node = lookup.get(fold(text))
    if node is None:
        return None, None
    if node.level == Industry.Level.TRACK:
        return node.parent.parent if node.parent else None, node
    if node.level == Industry.Level.SECTOR:
        track = node.children.filter(level=Industry.Level.TRACK).first()
        only_track = track if node.children.count() == 1 else None
        return node.parent, only_track
    return node, None


# ---------------------------------------------------------------- rows


def _check_row(row: int, cells: list, columns: dict, report: ImportReport) -> ParsedRow | None:
    parsed = ParsedRow(row)
    ok = True
    for i, (col, factor) in columns.items():
        raw = cells[i] if i < len(cells) else None
        if col.money:
            try:
                number = parse_number(raw)
            except NotANumber:
                report.errors.append(
                    Issue(row, col.label, _text(raw), "not_a_number", f"“{_text(raw)}”不是数字")
                )
                ok = False
                continue
            if number is not None and number < 0:
                report.errors.append(Issue(row, col.label, _text(raw), "negative", f"{col.label}不能为负数"))
                ok = False
                continue
            value = None if number is None else (number * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if value is not None and value >= MAX_BUDGET:
                report.errors.append(
                    Issue(row, col.label, _text(raw), "out_of_range", f"{col.label}数值过大")
                )
                ok = False
                continue
            parsed.values[col.key] = value
            continue
        text = _text(raw)
        if col.value_required and not text:
            report.errors.append(Issue(row, col.label, text, "required", f"“{col.label}”不能为空"))
            ok = False
            continue
        if col.max_length and len(text) > col.max_length:
            report.errors.append(
                Issue(
                    row,
                    col.label,
                    text,
                    "too_long",
                    f"“{col.label}”超过 {col.max_length} 个字（{len(text)} 个字）",
                )
            )
            ok = False
            continue
        parsed.values[col.key] = text
    return parsed if ok else None


def _check_achievement(p: ParsedRow, report: ImportReport) -> bool:
    v = p.values
    try:
        v["trl"], v["stage"] = parse_maturity(v.pop("maturity", ""))
    except ValueError as exc:
        report.errors.append(
            Issue(
                p.row,
                "成熟度",
                str(exc),
                "maturity_invalid",
                f"成熟度“{exc}”无法识别：应为技术成熟度等级 1-9（如 TRL6）或 实验室/小试/中试/产业化",
            )
        )
        return False
    modes, unknown = parse_modes(v.pop("modes", ""))
    v["transfer_modes"] = modes
    if unknown:
        report.warnings.append(
            Issue(
                p.row,
                "合作方式",
                "、".join(unknown),
                "mode_unknown",
                f"合作方式“{'、'.join(unknown)}”不在 转让/许可/作价入股/合作开发 之列，按原文保留",
                "warning",
            )
        )
    return True


def _holder_kind(holder: str) -> str:
    if any(w in holder for w in ("大学", "学院", "学校")):
        return "university"
    if any(w in holder for w in ("研究所", "研究院", "科学院", "实验室", "研究中心")):
        return "institute"
    if any(w in holder for w in ("公司", "企业", "集团", "厂")):
        return "enterprise"
    return "other"


def _read(path: Path, name: str, sheet: Sheet, report: ImportReport) -> list[ParsedRow]:
    """Every row of the first sheet that has the header; errors and warnings go into the report."""
    try:
        for _sheet_name, _count, row_iter in reading.sheets(path, name):
            rows = list(row_iter)
            header = _find_header(rows, sheet)
            if header is not None:
                break
        else:
            header = None
    except reading.UnreadableFile as exc:
        report.errors.append(Issue(None, None, name, "unreadable_file", str(exc)))
        report.fatal = True
        return []
    if header is None:
        labels = "”“".join(c.label for c in sheet.columns if c.required)
        report.errors.append(
            Issue(
                None, None, None, "no_header", f"未找到表头：前{HEADER_SCAN_ROWS}行中没有包含“{labels}”的行"
            )
        )
        report.fatal = True
        return []
    header_row, cells = header
    report.header_row = header_row
    columns = _match_header(cells, header_row, sheet, report)
    if report.errors:
        report.fatal = True
        return []
    parsed, seen = [], {}
    for row, cells in rows:
        if row <= header_row or all(_text(c) == "" for c in cells):
            continue
        report.rows_read += 1
        p = _check_row(row, cells, columns, report)
        if p is None:
            continue
        code = p.values["code"]
        if code in seen:
            report.errors.append(
                Issue(
                    row, sheet.columns[0].label, code, "duplicate_key", f"编号“{code}”与第{seen[code]}行重复"
                )
            )
            continue
        seen[code] = row
        if sheet is ACHIEVEMENTS and not _check_achievement(p, report):
            continue
        parsed.append(p)
    report.rows_valid = len(parsed)
    return parsed


# ---------------------------------------------------------------- writing


def _achievement_fields(v: dict, lookup: dict) -> dict:
    field_node, track = place_in_taxonomy(v.get("field", ""), lookup)
    return {
        "title": v["title"],
        "abstract": v.get("abstract", ""),
        "field_text": v.get("field", ""),
        "field": field_node,
        "track": track,
        "trl": v.get("trl"),
        "stage": v.get("stage", ""),
        "holder": v["holder"],
        "holder_kind": _holder_kind(v["holder"]),
        "transfer_modes": ",".join(v.get("transfer_modes", [])),
        "keywords": v.get("keywords", ""),
    }


def _demand_fields(v: dict, lookup: dict, enterprises: dict) -> dict:
    field_node, track = place_in_taxonomy(v.get("industry", ""), lookup)
    name = v.get("enterprise", "")
    return {
        "title": v["title"],
        "description": v.get("description", ""),
        "industry_text": v.get("industry", ""),
        "field": field_node,
        "track": track,
        "enterprise_name": name,
        "enterprise": enterprises.get(name) or enterprises.get(clean_uscc(name)),
        "budget_yuan": v.get("budget"),
        "cooperation": v.get("cooperation", ""),
    }


def _same(obj, fields: dict) -> bool:
    for key, value in fields.items():
        current = getattr(obj, key)
        if isinstance(value, Decimal) and current is not None:
            if Decimal(current) != value:
                return False
        elif current != value:
            return False
    return True


def import_file(
    path: str | Path,
    kind: str,
    *,
    user=None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    publish: bool = False,
    name: str | None = None,
) -> ImportReport:
    """Imports achievements or demands (`kind`); returns the report. Writes nothing when the file
    has errors (unless `skip_invalid`, which writes the valid rows) or on a dry run."""
    sheet = {"achievements": ACHIEVEMENTS, "demands": DEMANDS}[kind]
    path = Path(path)
    name = name or path.name
    report = ImportReport()
    parsed = _read(path, name, sheet, report)
    if report.fatal or dry_run or (report.errors and not skip_invalid) or not parsed:
        return report
    model = Achievement if kind == "achievements" else Demand
    lookup = taxonomy_lookup()
    enterprises = {}
    if kind == "demands":
        names = {p.values.get("enterprise", "") for p in parsed} - {""}
        for e in Enterprise.objects.filter(name__in=names):
            enterprises[e.name] = e
        for e in Enterprise.objects.filter(uscc__in={clean_uscc(n) for n in names}):
            enterprises[e.uscc] = e
    now = timezone.now()
    source = f"import:{name}"[:200]
    with transaction.atomic():
        existing = {o.code: o for o in model.objects.filter(code__in=[p.values["code"] for p in parsed])}
        for p in parsed:
            fields = (
                _achievement_fields(p.values, lookup)
                if kind == "achievements"
                else _demand_fields(p.values, lookup, enterprises)
            )
            obj = existing.get(p.values["code"])
            if obj is None:
                if kind == "achievements":
                    status = Achievement.Status.PUBLISHED if publish else Achievement.Status.REVIEW
                    published = status == Achievement.Status.PUBLISHED
                else:
                    status = Demand.Status.OPEN if publish else Demand.Status.DRAFT
                    published = status == Demand.Status.OPEN
                model.objects.create(
                    code=p.values["code"],
                    status=status,
                    published_at=now if published else None,
                    created_by=user if getattr(user, "is_authenticated", False) else None,
                    source=source,
                    **fields,
                )
                report.created += 1
            elif _same(obj, fields):
                report.unchanged += 1
            else:
                for key, value in fields.items():
                    setattr(obj, key, value)
                obj.save()
                report.updated += 1
        report.rows_imported = len(parsed)
        audit.record(
            f"matching.import.{kind}",
            actor=user,
            object_type=f"matching.{kind}",
            object_id=name[:100],
            summary=f"导入{'成果' if kind == 'achievements' else '需求'}：{name}，新增 {report.created}，"
            f"更新 {report.updated}，未变 {report.unchanged}，错误 {len(report.errors)}",
            changes={"rows_imported": report.rows_imported, "errors": len(report.errors)},
        )
    return report
