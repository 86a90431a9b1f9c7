"""Due dates on the Chinese working-day calendar, each checked by hand against the State Council's
2025 arrangement: National Day and Mid-Autumn 1–8 October off, Sunday 28 September and Saturday
11 October worked. A talent request: sign in 1 working day, answer in 5, resolve in 10."""

import datetime

import pytest

from zerobay.service import deadlines
from zerobay.service.models import Category, ServiceRequest
from zerobay.service.services.requests import move, raise_request
from zerobay.service.workdays import CalendarUnknown, add_working_days, known_years, working_days_between

from .conftest import at

D = datetime.date.fromisoformat
S = ServiceRequest.State


def raised(svc, day, category="talent"):
    return raise_request(svc.ent_user, category=category, title="落户咨询", text="博士后落户", at=at(day))


def dues(req):
    return tuple(str(d) if d else None for d in (req.sign_due, req.answer_due, req.resolve_due, req.due_on))


def test_the_declared_deadlines_cover_every_category_and_name_their_source():
    conf = deadlines.declared()
    assert set(conf.rules) == set(Category.values)
    assert (conf.rules["policy"].sign, conf.rules["policy"].answer) == (1, 1)  # a consultation: 1 day
    assert "county rule" in conf.source


def test_submitted_the_working_day_before_national_day(svc):
    req = raised(svc, "2025-09-30")  # Tuesday; 1–8 October are off
    assert dues(req) == ("2025-10-09", "2025-10-14", "2025-10-21", "2025-10-09")
    # answer: 9, 10, 11 (the adjusted Saturday), 13, 14 October


def test_submitted_on_an_adjusted_working_weekend_day(svc):
    req = raised(svc, "2025-09-28")  # Sunday, worked in lieu of the holiday
    assert dues(req) == ("2025-09-29", "2025-10-11", "2025-10-17", "2025-09-29")
    friday = raised(svc, "2025-10-10")
    assert friday.sign_due == D("2025-10-11")  # Saturday 11 October is a working day
    weekend = raised(svc, "2025-10-04")  # a holiday: the clock starts on the first working day after
    assert weekend.sign_due == D("2025-10-09")


def test_the_clock_is_paused_while_waiting_for_the_enterprise(svc):
    req = raised(svc, "2025-09-15")  # Monday; resolve: the 10th working day is Sunday 28 September
    assert dues(req) == ("2025-09-16", "2025-09-22", "2025-09-28", "2025-09-16")
    move(req, "sign", svc.talent, at=at("2025-09-16"))
    assert req.due_on == D("2025-09-22")
    move(req, "ask_info", svc.talent, comment="请补充学位证书", at=at("2025-09-17"))
    assert (req.due_on, req.paused_on) == (None, D("2025-09-17"))
    move(req, "supply_info", svc.ent_user, comment="已补充", at=at("2025-10-09"))
    # Waited 18, 19, 22–26, 28 (Sunday worked), 29, 30 September and 9 October: 11 working days.
    assert req.paused_days == 11
    assert dues(req) == ("2025-09-16", "2025-10-13", "2025-10-20", "2025-10-13")
    # A pause and a resume on the same day cost nothing.
    move(req, "ask_info", svc.talent, comment="再补充", at=at("2025-10-10", 9))
    move(req, "supply_info", svc.ent_user, comment="好", at=at("2025-10-10", 15))
    assert (req.paused_days, req.answer_due) == (11, D("2025-10-13"))


def test_rerouting_keeps_the_answer_and_resolve_dates(svc):
    req = raised(svc, "2025-09-15", category="finance")  # finance: 1 / 5 / 10 as well
    move(req, "return", svc.finance, comment="属于人才政策", at=at("2025-09-18"))
    assert req.due_on is None
    move(req, "reroute", svc.staff, comment="改派区人才办", unit=svc.units["RCB"], at=at("2025-09-19"))
    # The new unit signs by the next working day; the enterprise's dates do not move.
    assert dues(req) == ("2025-09-22", "2025-09-22", "2025-09-28", "2025-09-22")
    move(req, "sign", svc.talent, at=at("2025-09-23"))
    assert (req.signed_in_time, req.due_on) == (False, D("2025-09-22"))
    assert deadlines.is_overdue(req, D("2025-09-23"))


def test_reopening_sets_the_resolve_date_as_the_new_answer_date(svc):
    req = raised(svc, "2025-09-15")
    move(req, "sign", svc.talent, at=at("2025-09-15"))
    move(req, "answer", svc.talent, comment="答复", at=at("2025-09-18"))
    assert (req.answered_in_time, req.due_on) == (True, None)
    move(req, "reopen", svc.ent_user, rating="unsatisfied", at=at("2025-09-19"))
    assert (req.due_on, req.answer_due) == (D("2025-09-28"), D("2025-09-28"))


def test_working_days_open_leave_the_pause_out(svc):
    req = raised(svc, "2025-09-26")  # Friday
    move(req, "sign", svc.talent, at=at("2025-09-26"))
    move(req, "ask_info", svc.talent, comment="补充", at=at("2025-09-29"))
    # On 10 October: 28, 29 September on the clock, then 30 September, 9, 10 October waiting.
    assert deadlines.working_days_open(req, D("2025-10-10")) == 2
    move(req, "supply_info", svc.ent_user, comment="好", at=at("2025-10-10"))
    assert deadlines.working_days_open(req, D("2025-10-13")) == 4  # + 11 and 13 October


def test_a_year_the_calendar_does_not_know_leaves_the_date_empty_and_says_why(svc):
    first, last = known_years()
    assert (first, last) == (2004, 2026)  # chinese-calendar 1.11.0
    with pytest.raises(CalendarUnknown, match="2027"):
        add_working_days(D("2027-01-04"), 1)
    with pytest.raises(CalendarUnknown):
        working_days_between(D("2026-12-30"), D("2027-01-05"))
    req = raised(svc, "2026-12-28")  # Monday: sign by the 29th is known, the rest runs into 2027
    assert dues(req) == ("2026-12-29", None, None, "2026-12-29")
    assert "2027" in req.calendar_note and "2004–2026" in req.calendar_note
    move(req, "sign", svc.talent, at=at("2026-12-29"))
    assert req.due_on is None and deadlines.working_days_open(req, D("2027-01-05")) is None


def test_dates_left_empty_are_recounted_once_the_calendar_knows_the_year(svc, monkeypatch):
    """A 2026-12-28 request waits for 2027; when the package learns 2027 (here: a stand-in that
    treats 2027 weekdays as working days), `zerobay service recount` fills its dates."""
    from io import StringIO

    import chinese_calendar
    from django.core.management import call_command

    from zerobay.service import workdays

    req = raised(svc, "2026-12-28")
    move(req, "sign", svc.talent, at=at("2026-12-29"))
    assert req.answer_due is None and req.calendar_note
    for d in (D("2027-01-01") + datetime.timedelta(n) for n in range(365)):
        if d.weekday() < 5 and d != D("2027-01-01"):
            monkeypatch.setitem(chinese_calendar.workdays, d, "stand-in")
    monkeypatch.setitem(chinese_calendar.holidays, D("2027-01-01"), "New Year")
    workdays.known_years.cache_clear()
    workdays._working_ordinals.cache_clear()
    try:
        out = StringIO()
        call_command("service", "recount", "--format", "json", stdout=out)
        assert '"recounted": 1' in out.getvalue() and '"still_unknown": 0' in out.getvalue()
        req.refresh_from_db()
        # answer: 29, 30, 31 December, 4, 5 January (1 January a holiday, 2–3 a weekend)
        assert (req.answer_due, req.due_on, req.calendar_note) == (D("2027-01-05"), D("2027-01-05"), "")
    finally:
        workdays.known_years.cache_clear()
        workdays._working_ordinals.cache_clear()
