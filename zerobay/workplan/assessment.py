"""The quarterly assessment (季考核): every unit leading key tasks scored by the criteria declared in
data/assessment.toml, each 0–100 and weighted; the total, the rank and the breakdown per unit.

A criterion that does not apply to a unit in the quarter (no milestone due, no linked indicator, no
leadership evaluation entered) is left out of its total and the other weights are scaled up, so a
unit is never scored down for what it had no part in; the breakdown says which were left out."""

import datetime
import io
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.tabular.xlsx import Workbook, write_cells

from .dispatch import deadline_of
from .models import LeadershipScore, Task, WeeklyUpdate, week_start
from .services import IndicatorState, indicator_states

CRITERIA_FILE = Path(__file__).parent / "data" / "assessment.toml"
ON_TRACK = frozenset({"achieved", "on_track"})
JUDGED = ON_TRACK | {"at_risk", "off_track"}


class AssessmentDefinitionError(ValueError):
    """The criteria file is wrong (for its maintainers: names the problem)."""


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    measure: str
    weight: float
    rule: str


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """2025Q3, 2025-Q3 or 2025q3."""
        cleaned = text.strip().upper().replace("-", "")
        if len(cleaned) == 6 and cleaned[:4].isdigit() and cleaned[4] == "Q" and cleaned[5] in "1234":
            return cls(int(cleaned[:4]), int(cleaned[5]))
        raise ValueError(text)

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        month = 3 * self.number
        following = datetime.date(self.year + (month == 12), month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def criteria(path: Path = CRITERIA_FILE) -> tuple[list[Criterion], str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = [Criterion(**c) for c in data.get("criteria", [])]
    unknown = [c.measure for c in found if c.measure not in MEASURES]
    if unknown:
        raise AssessmentDefinitionError(f"{path.name}: unknown measures {unknown}")
    if abs(sum(c.weight for c in found) - 1) > 1e-9:
        raise AssessmentDefinitionError(
            f"{path.name}: the weights sum to {sum(c.weight for c in found)}, not 1"
        )
    return found, data.get("source", "")


@dataclass
class Facts:
    """What the measures read for one quarter, per lead unit (by id)."""

    quarter: Quarter
    until: datetime.date  # the quarter's end, or today while it runs
    names: dict[int, str] = field(default_factory=dict)
    tasks: dict[int, list[Task]] = field(default_factory=lambda: defaultdict(list))
    _indicators: dict[str, IndicatorState] | None = None

    def indicator_states(self) -> dict[str, IndicatorState]:
        """The tracking of every indicator a task links, read once for all units."""
        if self._indicators is None:
            ids = {i for tasks in self.tasks.values() for task in tasks for i in task.indicators}
            self._indicators = indicator_states(ids, self.quarter.year)
        return self._indicators


Measure = Callable[[Facts, int], tuple[float | None, str]]


def _updates_on_time(facts: Facts, unit: int) -> tuple[float | None, str]:
    weeks = _weeks(facts)
    expected = on_time = 0
    filed = {
        (u.task_id, u.week): u.submitted_at
        for u in WeeklyUpdate.objects.filter(unit_id=unit, week__in=weeks).only(
            "task_id", "week", "submitted_at"
        )
    }
    for task in facts.tasks[unit]:
        finished = _finished_on(task)
        for week in weeks:
            if finished is not None and finished < week:
                continue
            expected += 1
            submitted = filed.get((task.pk, week))
            on_time += submitted is not None and submitted <= deadline_of(week)
    if not expected:
        return None, ""
    return 100 * on_time / expected, f"{on_time}/{expected}"


def _milestones_met(facts: Facts, unit: int) -> tuple[float | None, str]:
    due = [
        m
        for task in facts.tasks[unit]
        for m in task.milestones.all()
        if facts.quarter.start <= m.due <= facts.until
    ]
    if not due:
        return None, ""
    met = sum(1 for m in due if m.done_on is not None and m.done_on <= m.due)
    return 100 * met / len(due), f"{met}/{len(due)}"


def _indicators_on_track(facts: Facts, unit: int) -> tuple[float | None, str]:
    ids = {i for task in facts.tasks[unit] for i in task.indicators}
    if not ids:
        return None, ""
    # Only indicators the tracking judges (with a target and data) count; the others say nothing yet.
    states = facts.indicator_states()
    judged = [states[i] for i in ids if states[i].status in JUDGED]
    if not judged:
        return None, ""
    good = sum(1 for s in judged if s.status in ON_TRACK)
    return 100 * good / len(judged), f"{good}/{len(judged)}"


def _leadership(facts: Facts, unit: int) -> tuple[float | None, str]:
    score = LeadershipScore.objects.filter(
        unit_id=unit, year=facts.quarter.year, quarter=facts.quarter.number
    ).first()
    if score is None:
        return None, ""
    return float(score.score), score.note


MEASURES: dict[str, Measure] = {
    "updates_on_time": _updates_on_time,
    "milestones_met": _milestones_met,
    "indicators_on_track": _indicators_on_track,
    "leadership": _leadership,
}


def _weeks(facts: Facts) -> list[datetime.date]:
    week, out = week_start(facts.quarter.start), []
    while week <= facts.until:
        if facts.quarter.start <= deadline_of(week).date() <= facts.until:
            out.append(week)
        week += datetime.timedelta(days=7)
    return out


def _finished_on(task: Task) -> datetime.date | None:
    """The day the task's last milestone was accepted (done), if it was."""
    milestones = sorted(task.milestones.all(), key=lambda m: m.due)
    if milestones and milestones[-1].accepted:
        return milestones[-1].done_on
    return None


def facts_of(quarter: Quarter, today: datetime.date | None = None) -> Facts:
    today = today or timezone.localdate()
    facts = Facts(quarter, min(quarter.end, today))
    tasks = (
        Task.objects.filter(task_list__year__in=(quarter.year, quarter.year - 1))
        .prefetch_related("lead_units", "milestones")
        .order_by("sort")
    )
    for task in tasks:
        for unit in task.lead_units.all():
            facts.names[unit.pk] = str(unit)
            facts.tasks[unit.pk].append(task)
    return facts


def assess(quarter: Quarter, today: datetime.date | None = None, unit_id: int | None = None) -> dict:
    """Every lead unit's total, rank and breakdown (or one unit's, with its rank among all)."""
    found, source = criteria()
    facts = facts_of(quarter, today)
    rows = []
    for unit, name in facts.names.items():
        parts, weighted, weights = [], 0.0, 0.0
        for c in found:
            score, detail = MEASURES[c.measure](facts, unit)
            parts.append(
                {
                    "key": c.key,
                    "name": c.name,
                    "weight": c.weight,
                    "score": _round(score),
                    "detail": detail,
                    "rule": c.rule,
                }
            )
            if score is not None:
                weighted += c.weight * score
                weights += c.weight
        rows.append(
            {
                "unit_id": unit,
                "unit": name,
                "total": _round(weighted / weights) if weights else None,
                "breakdown": parts,
            }
        )
    rows.sort(key=lambda r: (r["total"] is None, -(r["total"] or 0), r["unit"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank if row["total"] is not None else None
    if unit_id is not None:
        rows = [r for r in rows if r["unit_id"] == unit_id]
    return {
        "quarter": str(quarter),
        "until": facts.until.isoformat(),
        "source": source,
        "criteria": [c.__dict__ for c in found],
        "units": rows,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def enter_leadership_score(user, unit, quarter: Quarter, score, note: str = "") -> LeadershipScore:
    """Records (or corrects) the leadership's evaluation of `unit` for `quarter`; audited."""
    entry, _created = LeadershipScore.objects.update_or_create(
        unit=unit,
        year=quarter.year,
        quarter=quarter.number,
        defaults={
            "score": score,
            "note": note[:300],
            "entered_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    audit.record("workplan.assessment.leadership", actor=user, obj=entry, summary=f"{unit} {quarter} {score}")
    return entry


def xlsx_bytes(result: dict) -> bytes:
    """The assessment as a workbook: one row per unit, one column per criterion."""
    out = io.BytesIO()
    wb = Workbook(out, in_memory=True)
    names = [c["name"] for c in result["criteria"]]
    sheet = wb.table(
        result["quarter"], [_("Rank"), _("Unit"), _("Total"), *names], widths=(6, 20, 8, *([14] * len(names)))
    )
    for i, row in enumerate(result["units"], start=1):
        write_cells(
            sheet, i, 0, [row["rank"], row["unit"], row["total"], *(p["score"] for p in row["breakdown"])]
        )
    wb.close()
    return out.getvalue()
