"""Reading a sheet: finding its header, matching the columns, checking every row into plain values."""

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from zerobay.registry.models import Industry
from zerobay.tabular import reading
from zerobay.tabular.headers import (
    HEADER_SCAN_ROWS,
    find_header,
    fold,
    label_index,
    scan_header,
)
from zerobay.tabular.issues import ImportReport, Issue
from zerobay.tabular.units import MONEY_UNITS
from zerobay.tabular.values import NotANumber, parse_number

from ..models import split_list, stage_of_trl
from .columns import (
    ACHIEVEMENTS,
    MAX_BUDGET,
    MODE_WORDS,
    STAGE_WORDS,
    TRL_TEXT,
    Column,
    ParsedRow,
    Sheet,
)

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
    for cell in scan_header(cells, index, key=lambda col: col.key):
        i, header, unit, col = cell.position, cell.header, cell.unit, cell.column
        if col is None:
            report.warnings.append(
                Issue(row, header, header, "unknown_column", f"未识别的列“{header}”，已忽略", "warning")
            )
            continue
        if cell.duplicate_of is not None:
            report.errors.append(
                Issue(row, header, header, "duplicate_column", f"列“{header}”与列“{cell.duplicate_of}”重复")
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
    if m := TRL_TEXT.match(text):
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
