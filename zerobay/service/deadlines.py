"""The deadlines of a request on the Chinese working-day calendar (workdays.py), from the declared
per-category rules in data/deadlines.json.

- Raised on day D: sign by the `sign`-th working day after D, answer by the `answer`-th, resolve by
  the `resolve`-th (D itself never counts).
- Waiting for the enterprise pauses the clock: on resuming, the answer and resolve dates move by
  the working days the request waited (`paused_days` keeps the total).
- Rerouting keeps the answer and resolve dates (a bounce buys no time); the new unit gets a sign
  date of its own, counted from the reroute.
- `due_on` is the deadline of the current phase: sign while submitted, answer while signed, in
  progress or reopened (reopening moves the answer date to the resolve date); empty while the clock is paused or stopped (answered, closed).

Each function returns the fields to set; a year the calendar does not know leaves the dates empty
with `calendar_note` saying why (workdays.CalendarUnknown)."""

import datetime
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .models import Category, ServiceRequest
from .workdays import CalendarUnknown, add_working_days, working_days_between

DATA = Path(__file__).parent / "data" / "deadlines.json"
S = ServiceRequest.State
ANSWER_PHASE = (S.SIGNED, S.IN_PROGRESS, S.REOPENED)  # a reopened one has its resolve date to answer by
OPEN_STATES = (S.SUBMITTED, S.SIGNED, S.IN_PROGRESS, S.WAITING, S.ANSWERED, S.REOPENED, S.RETURNED)
DONE_STATES = (S.CONFIRMED, S.CLOSED, S.CLOSED_UNSOLVED, S.MERGED)


@dataclass(frozen=True)
class Rule:
    sign: int
    answer: int
    resolve: int
    unit: str  # the code of the unit a request of this category goes to unless someone chooses


@dataclass(frozen=True)
class Settings:
    rules: dict[str, Rule]
    remind_before: int  # working days before a due date the unit is reminded
    leadership_after: int  # working days overdue after which the leadership is told
    source: str


@functools.cache
def declared() -> Settings:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    rules = {code: Rule(**values) for code, values in data["categories"].items()}
    missing = set(Category.values) - set(rules)
    if missing:
        raise ValueError(f"{DATA.name}: no deadlines for categories {sorted(missing)}")
    for code, rule in rules.items():
        if not 0 < rule.sign <= rule.answer <= rule.resolve:
            raise ValueError(f"{DATA.name}: {code} needs 0 < sign ≤ answer ≤ resolve, has {rule}")
    return Settings(rules, int(data["remind_before"]), int(data["leadership_after"]), data["source"])


def rule(category: str) -> Rule:
    return declared().rules[category]


def on_submit(category: str, day: datetime.date) -> dict:
    r = rule(category)
    fields: dict = {"calendar_note": ""}
    for name, n in (("sign_due", r.sign), ("answer_due", r.answer), ("resolve_due", r.resolve)):
        try:
            fields[name] = add_working_days(day, n)
        except CalendarUnknown as exc:  # an early date may be known when a later one is not
            fields[name], fields["calendar_note"] = None, str(exc)[:300]
    fields["due_on"] = fields["sign_due"]
    return fields


def on_reroute(req: ServiceRequest, day: datetime.date) -> dict:
    try:
        sign = add_working_days(day, rule(req.category).sign)
    except CalendarUnknown as exc:
        return _unknown(exc, sign_due=None)
    return {"sign_due": sign, "due_on": sign}


def on_pause(req: ServiceRequest, day: datetime.date) -> dict:
    return {"paused_on": day, "due_on": None}


def on_resume(req: ServiceRequest, day: datetime.date, state: str) -> dict:
    """Back from waiting on `day` into `state`: the dates move by the working days waited."""
    try:
        waited = working_days_between(req.paused_on, day) if req.paused_on else 0
        answer = add_working_days(req.answer_due, waited) if req.answer_due and waited else req.answer_due
        resolve = add_working_days(req.resolve_due, waited) if req.resolve_due and waited else req.resolve_due
    except CalendarUnknown as exc:
        return _unknown(exc, paused_on=None, answer_due=None, resolve_due=None)
    fields = {
        "paused_on": None,
        "paused_days": req.paused_days + waited,
        "answer_due": answer,
        "resolve_due": resolve,
    }
    fields["due_on"] = phase_due(state, fields | {"sign_due": req.sign_due})
    return fields


def phase_due(state: str, dates) -> datetime.date | None:
    """The deadline a request in `state` is working towards (`dates`: the request or a dict)."""

    def get(name):
        return dates.get(name) if isinstance(dates, dict) else getattr(dates, name)

    if state == S.SUBMITTED:
        return get("sign_due")
    if state in ANSWER_PHASE:
        return get("answer_due")
    return None


def is_overdue(req: ServiceRequest, today: datetime.date) -> bool:
    return req.due_on is not None and req.due_on < today


def working_days_open(req: ServiceRequest, today: datetime.date) -> int | None:
    """Working days on the clock from submission to its end (or today), pauses left out; None when
    the calendar does not know a year on the way."""
    end = req.finished_on or today
    try:
        total = working_days_between(req.submitted_on, end)
        if req.paused_on:  # still waiting: the pause so far is off the clock too
            total -= working_days_between(req.paused_on, end)
    except CalendarUnknown:
        return None
    return max(total - req.paused_days, 0)


def _unknown(exc: CalendarUnknown, **fields) -> dict:
    return {**fields, "due_on": None, "calendar_note": str(exc)[:300]}


def recount(req: ServiceRequest) -> dict:
    """The dates of a request counted again from its record (submission, the working days it
    waited, its last reroute, a reopening): for the requests left without a date because the
    calendar did not know a year, once chinese-calendar is updated."""
    fields = on_submit(req.category, req.submitted_on)
    note = fields.pop("calendar_note")
    try:
        for name in ("answer_due", "resolve_due"):
            if fields[name] and req.paused_days:
                fields[name] = add_working_days(fields[name], req.paused_days)
        reroute = req.steps.filter(action="reroute").order_by("-at").first()
        if reroute:
            fields["sign_due"] = add_working_days(reroute.at.date(), rule(req.category).sign)
    except CalendarUnknown as exc:
        note = str(exc)[:300]
    if req.reopen_count:
        fields["answer_due"] = fields["resolve_due"]
    fields["due_on"] = None if req.paused_on else phase_due(req.state, fields)
    fields["calendar_note"] = note
    return fields
