"""Importing a task list from the workbook the office already has.

The shared tabular reader finds the header below any title rows; the rows are checked into plain
values with every problem in the shared import report (the same JSON keys and exit statuses as the
Torch import). Rows that are one merged cell (一、提升科技创新策源功能) are sections: they set the
category of the tasks below. A file with errors imports nothing unless `skip_invalid`; a dry run
stores nothing. Re-importing updates the tasks in place (matched by list and 序号) and records
what changed of each in its history."""

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.indicators.catalogue import catalogue
from zerobay.registry.models import Unit
from zerobay.registry.units import find_unit, normalise, unit_index
from zerobay.tabular import reading
from zerobay.tabular.headers import HEADER_SCAN_ROWS, cell_text, find_header, label_index, scan_header
from zerobay.tabular.issues import ImportReport, Issue
from zerobay.tabular.values import EMPTY_MARKS, fold_text

from .deadlines import UnreadableDeadline, parse_deadline
from .models import Task, TaskChange, TaskList
from .services import refresh_statuses

# Column key -> the headers offices write for it; the first is the one messages name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号", "任务编号"),
    "title": ("任务名称", "重点任务", "工作任务", "任务"),
    "content": ("工作内容", "具体举措", "主要内容", "工作举措", "任务内容"),
    "lead": ("牵头单位", "牵头部门", "责任单位"),
    "co": ("配合单位", "协同单位", "配合部门", "协同部门"),
    "due": ("完成时限", "时间节点", "完成时间"),
    "indicators": ("对应指标", "关联指标"),
    "responsible": ("责任人", "负责人"),
}
REQUIRED = ("title", "lead", "due")
HEADER_OF = {key: labels[0] for key, labels in COLUMNS.items()}
# Several units in one cell: 区科委、区发展改革委 / 区科委，区经委 / 区科委;区财政局 / 区科委 区经委
UNIT_SEPARATORS = re.compile(r"[、，,；;/／\s]+")
# 一、 （一） 第一部分 …: the numbering of a section row
SECTION_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+)"
)
SECTION_CODE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[)）])$")
NOTE = re.compile(r"^(?:注|备注|说明|填表说明)[:：]")
DEFAULT_LIST_NAME = "%(year)s年度重点工作任务清单"


def split_units(text: str) -> list[str]:
    """The unit names of one cell, in order, without repeats."""
    names: list[str] = []
    for part in UNIT_SEPARATORS.split(text or ""):
        part = part.strip()
        if part and part.casefold() not in EMPTY_MARKS and part not in names:
            names.append(part)
    return names


@dataclass
class ParsedTask:
    row: int
    code: str
    title: str
    content: str
    category: str
    lead: list[str]
    co: list[str]
    due: object  # datetime.date | None
    continuous: bool
    due_text: str
    indicators: list[str]
    responsible: str
    sort: int
    unknown_units: list[str] = field(default_factory=list)


def _issue(report: ImportReport, row, key, value, rule, message, severity="error"):
    """An issue of `row` in the column `key`, named by its header as the file writes it."""
    written = {k: header for header, k in report.columns.items()}
    column = written.get(key) or HEADER_OF.get(key, key) if key else None
    issue = Issue(row, column, value, rule, message, severity)
    (report.errors if severity == "error" else report.warnings).append(issue)


def _find(rows):
    index = label_index((label, key) for key, labels in COLUMNS.items() for label in labels)
    return find_header(rows, index, lambda keys: "title" in keys and "lead" in keys), index


def _columns(cells, row, index, report) -> dict[int, str]:
    found: dict[int, str] = {}
    for cell in scan_header(cells, index, key=lambda k: k):
        if cell.column is None:
            _issue(
                report,
                row,
                None,
                cell.header,
                "unknown_column",
                _("Unrecognised column “%(header)s”, ignored") % {"header": cell.header},
                "warning",
            )
            report.warnings[-1].column = cell.header
        elif cell.duplicate_of is not None:
            _issue(
                report,
                row,
                None,
                cell.header,
                "duplicate_column",
                _("Column “%(header)s” repeats column “%(other)s”")
                % {"header": cell.header, "other": cell.duplicate_of},
            )
            report.errors[-1].column = cell.header
        else:
            found[cell.position] = cell.column
            report.columns[cell.header] = cell.column
    for key in REQUIRED:
        if key not in found.values():
            _issue(
                report,
                row,
                key,
                None,
                "missing_column",
                _("The required column “%(header)s” is missing") % {"header": HEADER_OF[key]},
            )
    return found


def _indicator_lookup() -> dict[str, str]:
    """Indicator id and folded name -> id."""
    out = {}
    for indicator in catalogue():
        out[fold_text(indicator.id)] = indicator.id
        out[fold_text(indicator.name)] = indicator.id
    return out


def _section(values: dict[str, str], filled: list[str]) -> str | None:
    """The section title when the row names a section, else None: one merged cell (一、提升科技创新
    策源功能), or a section numeral in the 序号 column (一 / （一）) with the title beside it and no
    unit or deadline."""
    code = values.get("code", "")
    if SECTION_CODE.match(code) and not any(values.get(k) for k in ("lead", "co", "due")):
        title = next((t for t in filled if t != code), "")
        return f"{code}、{title}" if title and not code.endswith(("、", ")", "）")) else f"{code}{title}"
    if len(set(filled)) != 1:
        return None
    text = filled[0]
    if SECTION_NUMBER.match(text):
        return text
    if code and code == text and not re.fullmatch(r"[0-9.\-]+", code):
        return text  # a text in the 序号 column alone: a section without numbering
    return None


def read_tasks(path: Path, name: str, year: int, report: ImportReport) -> list[ParsedTask]:
    """Every task row of the first sheet with a header; problems go into the report."""
    try:
        for _sheet, _count, row_iter in reading.sheets(path, name):
            rows = list(row_iter)
            header, index = _find(rows)
            if header is not None:
                break
        else:
            header = None
    except reading.UnreadableFile as exc:
        report.errors.append(Issue(None, None, name, "unreadable_file", str(exc)))
        report.fatal = True
        return []
    if header is None:
        report.errors.append(
            Issue(
                None,
                None,
                None,
                "no_header",
                _("No header found: none of the first %(n)s rows has the columns “任务名称” and “牵头单位”")
                % {"n": HEADER_SCAN_ROWS},
            )
        )
        report.fatal = True
        return []
    header_row, cells = header
    report.header_row = header_row
    columns = _columns(cells, header_row, index, report)
    if report.errors:
        report.fatal = True
        return []
    indicators = _indicator_lookup()
    units = unit_index()
    parsed: list[ParsedTask] = []
    seen: dict[str, int] = {}
    category = ""
    for row, cells in rows:
        if row <= header_row:
            continue
        values = {key: cell_text(cells[i]) if i < len(cells) else "" for i, key in columns.items()}
        raw_due = cells[_position(columns, "due")] if _position(columns, "due") < len(cells) else None
        filled = [cell_text(c) for c in cells if cell_text(c)]
        if not filled:
            continue
        if NOTE.match(filled[0]) and len(filled) == 1:
            continue  # a note under the table
        if (section := _section(values, filled)) is not None:
            category = section[:200]
            continue
        if filled == [values.get("code")] and re.fullmatch(r"[0-9.\-]+", filled[0]):
            # templates come with numbered empty rows below the last task
            _issue(
                report, row, "code", filled[0], "empty_row",
                _("Row numbered %(code)s has nothing else: ignored") % {"code": filled[0]}, "warning",
            )  # fmt: skip
            continue
        report.rows_read += 1
        task = _check_row(row, values, raw_due, category, year, len(parsed) + 1, indicators, report)
        if task is None:
            continue
        if task.code in seen:
            _issue(
                report,
                row,
                "code",
                task.code,
                "duplicate_code",
                _("序号 “%(code)s” repeats row %(row)s of the list")
                % {"code": task.code, "row": seen[task.code]},
            )
            continue
        seen[task.code] = row
        for name_ in (*task.lead, *task.co):
            if find_unit(name_, units) is None and name_ not in task.unknown_units:
                task.unknown_units.append(name_)
        for name_ in task.unknown_units:
            key = "lead" if name_ in task.lead else "co"
            _issue(
                report,
                row,
                key,
                name_,
                "unit_created",
                _("Unit “%(name)s” is not in the registry of units: it will be created") % {"name": name_},
                "warning",
            )
        parsed.append(task)
    report.rows_valid = len(parsed)
    return parsed


def _position(columns: dict[int, str], key: str) -> int:
    return next((i for i, k in columns.items() if k == key), 10_000)


# What the records hold; a longer cell is refused (nothing is cut off silently).
LIMITS = {"code": 32, "title": 300, "responsible": 100, "due": 100}
UNIT_NAME_LIMIT = 50  # longer is a sentence, not a unit's name


def _within_limits(row, values: dict[str, str], report: ImportReport) -> bool:
    ok = True
    for key, limit in LIMITS.items():
        if len(values.get(key, "")) > limit:
            _issue(
                report, row, key, values[key][:50] + "…", "too_long",
                _("The cell is %(n)s characters long; at most %(limit)s fit") % {"n": len(values[key]), "limit": limit},
            )  # fmt: skip
            ok = False
    for key in ("lead", "co"):
        for name in split_units(values.get(key, "")):
            if len(name) > UNIT_NAME_LIMIT:
                _issue(
                    report, row, key, name[:50] + "…", "unit_name_too_long",
                    _("“%(value)s” is too long to be a unit's name") % {"value": name[:20] + "…"},
                )  # fmt: skip
                ok = False
    return ok


def _check_row(row, values, raw_due, category, year, sort, indicators, report) -> ParsedTask | None:
    ok = True
    title = values.get("title", "")
    if not title:
        _issue(report, row, "title", None, "title_missing", _("The task has no title"))
        ok = False
    lead = split_units(values.get("lead", ""))
    if not lead:
        _issue(report, row, "lead", None, "lead_unit_missing", _("The task has no lead unit"))
        ok = False
    ok = _within_limits(row, values, report) and ok
    due_text = values.get("due", "")
    due, continuous = None, False
    try:
        deadline = parse_deadline(raw_due if not isinstance(raw_due, str) else due_text, year)
        due, continuous = deadline.due, deadline.continuous
    except UnreadableDeadline:
        _issue(
            report,
            row,
            "due",
            due_text or None,
            "deadline_unreadable",
            _("The deadline “%(value)s” is not a date, a month, a quarter, 上半年/下半年/年底 or 持续推进")
            % {"value": due_text},
        )
        ok = False
    ids: list[str] = []
    for word in split_units(values.get("indicators", "")):
        found = indicators.get(fold_text(word))
        if found is None:
            _issue(
                report,
                row,
                "indicators",
                word,
                "indicator_unknown",
                _("No indicator has the id or name “%(value)s”: the link is left out") % {"value": word},
                "warning",
            )
        elif found not in ids:
            ids.append(found)
    if not ok:
        return None
    code = values.get("code", "")
    if not code:
        code = str(sort)
        _issue(
            report,
            row,
            "code",
            None,
            "code_assumed",
            _("No 序号: the task is numbered %(code)s by its position") % {"code": code},
            "warning",
        )
    return ParsedTask(
        row=row,
        code=code,
        title=title,
        content=values.get("content", ""),
        category=category,
        lead=lead,
        co=[u for u in split_units(values.get("co", "")) if u not in lead],
        due=due,
        continuous=continuous,
        due_text=due_text,
        indicators=ids,
        responsible=values.get("responsible", ""),
        sort=sort,
    )


# ---------------------------------------------------------------- writing

TRACKED = (
    "title",
    "content",
    "category",
    "due",
    "continuous",
    "due_text",
    "indicators",
    "responsible",
    "sort",
)


def _new_unit(name: str, source: str) -> Unit:
    number = (Unit.objects.filter(code__startswith="NEW").count() or 0) + 1
    while Unit.objects.filter(code=f"NEW{number:03d}").exists():
        number += 1
    top = Unit.objects.aggregate(m=Max("sort"))["m"] or 0
    return Unit.objects.create(
        code=f"NEW{number:03d}",
        name=name,
        short_name=name,
        kind=Unit.Kind.OTHER,
        sort=top + 1,
        source=source[:200],
    )


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def import_tasks(
    path: str | Path,
    *,
    year: int,
    list_name: str | None = None,
    user=None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    name: str | None = None,
) -> tuple[TaskList | None, ImportReport]:
    """Imports a task list workbook into the list (`year`, `list_name`); returns the list and the report."""
    path = Path(path)
    name = name or path.name
    report = ImportReport()
    parsed = read_tasks(path, name, year, report)
    list_name = list_name or DEFAULT_LIST_NAME % {"year": year}
    existing_list = TaskList.objects.filter(year=year, name=list_name).first()
    if report.fatal or dry_run or (report.errors and not skip_invalid) or not parsed:
        return existing_list, report
    actor = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        task_list = existing_list or TaskList.objects.create(year=year, name=list_name, source=name[:300])
        units = unit_index()
        tasks = {t.code: t for t in task_list.tasks.prefetch_related("lead_units", "co_units")}
        for p in parsed:
            source = f"{name}:{p.row}"
            lead = [_unit(n, units, source) for n in p.lead]
            co = [_unit(n, units, source) for n in p.co]
            fields = {f: getattr(p, f) for f in TRACKED}
            task = tasks.get(p.code)
            if task is None:
                task = Task.objects.create(task_list=task_list, code=p.code, source=source[:300], **fields)
                task.lead_units.set(lead)
                task.co_units.set(co)
                report.created += 1
                continue
            changes = {
                f: [_plain(getattr(task, f)), _plain(v)]
                for f, v in fields.items()
                if getattr(task, f) != v and f != "sort"
            }
            for key, new, manager in (("lead_units", lead, task.lead_units), ("co_units", co, task.co_units)):
                before = [str(u) for u in manager.all()]
                after = [str(u) for u in new]
                if before != after:
                    changes[key] = [before, after]
                    manager.set(new)
            if changes or task.sort != p.sort:
                for f, v in fields.items():
                    setattr(task, f, v)
                task.source = source[:300]
                task.save()
            if changes:
                TaskChange.objects.create(task=task, user=actor, source=source[:300], changes=changes)
                report.updated += 1
            else:
                report.unchanged += 1
        report.rows_imported = len(parsed)
        refresh_statuses(task_list.tasks.all())
        audit.record(
            "workplan.import",
            actor=actor,
            obj=task_list,
            summary=f"{name}: {report.created} new, {report.updated} updated, {report.unchanged} unchanged",
        )
    return task_list, report


def _unit(name: str, units: dict[str, Unit], source: str) -> Unit:
    unit = find_unit(name, units)
    if unit is None:
        unit = _new_unit(name, source)
        units[normalise(name)] = unit
    return unit


def import_upload(upload, **options) -> tuple[TaskList | None, ImportReport]:
    """`import_tasks` of an uploaded file (written to a temporary file of the same suffix first)."""
    suffix = Path(upload.name).suffix.lower()[:8]
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return import_tasks(tmp.name, name=Path(upload.name).name[:200], **options)
