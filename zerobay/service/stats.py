"""The service dashboard's figures, counted in the database over the requests the user may see.

Each request counts once whatever happened to it (a reopened request is one request, reopened); the
rates are shares of the requests where the question has an answer:
- on time (sign / answer / resolve): of the requests whose deadline was reached, those that met it
  (fixed when the step was taken; a request closed as not solved missed its resolve deadline);
- resolution: confirmed or closed, out of those finished (closed-not-solved counts against it);
- satisfaction: satisfied or fairly satisfied, out of those rated (the latest rating);
- reopen rate: reopened at least once, out of those answered at least once;
- handling time: working days on the clock (pauses left out) from submission to the end, median
  over the finished requests.
Every figure carries the list filter that shows the requests behind it."""

import datetime
import functools
import statistics
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from zerobay.registry.models import Unit

from . import deadlines
from .models import Category, Rating, ServiceRequest, Step
from .queries import Filters, requests_for
from .workflow import REQUEST

S = ServiceRequest.State
RESOLVED = (S.CONFIRMED, S.CLOSED)
FINISHED = (S.CONFIRMED, S.CLOSED, S.CLOSED_UNSOLVED)

COLUMNS = (
    ("requests", gettext_lazy("Requests"), False),
    ("open", pgettext_lazy("service", "Open"), False),
    ("overdue", gettext_lazy("Overdue"), False),
    ("sign_rate", gettext_lazy("Signed on time"), True),
    ("answer_rate", gettext_lazy("Answered on time"), True),
    ("resolve_rate", gettext_lazy("Resolved on time"), True),
    ("resolution_rate", gettext_lazy("Resolution rate"), True),
    ("satisfaction", gettext_lazy("Satisfaction"), True),
    ("reopen_rate", gettext_lazy("Reopen rate"), True),
)


def _counts(today: datetime.date) -> dict:
    return {
        "requests": Count("id"),
        "open": Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
        "overdue": Count("id", filter=Q(due_on__lt=today)),
        "signed_yes": Count("id", filter=Q(signed_in_time=True)),
        "signed_n": Count("id", filter=Q(signed_in_time__isnull=False)),
        "answered_yes": Count("id", filter=Q(answered_in_time=True)),
        "answered_n": Count("id", filter=Q(answered_in_time__isnull=False)),
        "resolved_yes": Count("id", filter=Q(resolved_in_time=True)),
        "resolved_n": Count("id", filter=Q(resolved_in_time__isnull=False)),
        "resolved": Count("id", filter=Q(state__in=RESOLVED)),
        "finished": Count("id", filter=Q(state__in=FINISHED)),
        "satisfied": Count("id", filter=Q(rating__in=(Rating.SATISFIED, Rating.FAIRLY))),
        "rated": Count("id", filter=~Q(rating="")),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
        "ever_answered": Count("id", filter=Q(first_answered_on__isnull=False)),
    }


def _rate(yes: int, n: int) -> float | None:
    return yes / n if n else None


def _figures(c: dict) -> dict:
    return {
        "requests": c["requests"],
        "open": c["open"],
        "overdue": c["overdue"],
        "sign_rate": _rate(c["signed_yes"], c["signed_n"]),
        "answer_rate": _rate(c["answered_yes"], c["answered_n"]),
        "resolve_rate": _rate(c["resolved_yes"], c["resolved_n"]),
        "resolution_rate": _rate(c["resolved"], c["finished"]),
        "satisfaction": _rate(c["satisfied"], c["rated"]),
        "reopen_rate": _rate(c["reopened"], c["ever_answered"]),
    }


def _drill(**params) -> str:
    return _list_url() + "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _links(base: dict) -> dict:
    """The list behind each figure of a row whose requests are `base` (list filter parameters); a
    rate links to the requests that missed it."""
    extra = {
        "requests": {},
        "open": {"open": "1"},
        "overdue": {"overdue": "on"},
        "sign_rate": {"late": "sign"},
        "answer_rate": {"late": "answer"},
        "resolve_rate": {"late": "resolve"},
        "resolution_rate": {"state": S.CLOSED_UNSOLVED},
        "satisfaction": {"rating": Rating.UNSATISFIED},
        "reopen_rate": {"reopened": "1"},
    }
    return {key: _drill(**(more | base)) for key, more in extra.items()}


@functools.cache
def _list_url() -> str:
    return reverse("service-home")


def median_working_days(qs) -> float | None:
    """The median working days on the clock of the finished requests of `qs`."""
    days = [
        deadlines.working_days_open(r, r.finished_on)
        for r in qs.select_related(None)
        .filter(state__in=FINISHED, finished_on__isnull=False)
        .only("submitted_on", "finished_on", "paused_on", "paused_days")
    ]
    known = [d for d in days if d is not None]
    return statistics.median(known) if known else None


def dashboard(user, today: datetime.date) -> dict:
    qs = requests_for(user, Filters(), today).order_by()
    total = _figures(qs.aggregate(**_counts(today)))
    tables = []
    labels = dict(Category.choices)
    by_category = {r["category"]: r for r in qs.values("category").annotate(**_counts(today))}
    tables.append(
        _table(
            "category",
            _("By category"),
            [(labels[c], {"category": c}, by_category[c]) for c in Category.values if c in by_category],
        )
    )
    by_unit = {r["unit"]: r for r in qs.values("unit").annotate(**_counts(today))}
    units = Unit.objects.in_bulk(list(by_unit))
    tables.append(
        _table(
            "unit",
            _("By unit"),
            sorted(
                ((str(units[u]), {"unit": units[u].code}, by_unit[u]) for u in by_unit),
                key=lambda t: -t[2]["requests"],
            ),
        )
    )
    by_state = {r["state"]: r for r in qs.values("state").annotate(**_counts(today))}
    tables.append(
        _table(
            "state",
            _("By state"),
            [
                (REQUEST.label(s.code), {"state": s.code}, by_state[s.code])
                for s in REQUEST.states
                if s.code in by_state
            ],
        )
    )
    overdue = {}
    for r in (
        qs.filter(due_on__lt=today)
        .select_related("unit", "enterprise")
        .order_by("unit__sort", "unit__code", "due_on")[:500]
    ):
        overdue.setdefault(r.unit, []).append(r)
    return {
        "bounces": bounces(qs),
        "total": total,
        "total_links": _links({}),
        "median_days": median_working_days(qs),
        "tables": tables,
        "overdue_by_unit": [
            {
                "unit": u,
                "requests": rs[:10],
                "count": by_unit[u.pk]["overdue"],
                "link": _drill(unit=u.code, overdue="on"),
            }
            for u, rs in overdue.items()
        ],
    }


def bounces(qs) -> list[dict]:
    """Per unit, the requests it sent back (returned as not its business) and those rerouted away
    from it, most first: the requests bounced between offices."""
    steps = Step.objects.filter(
        request__in=qs.values("pk"), action__in=("return", "reroute"), unit__isnull=False
    )
    counts = steps.values("unit").annotate(
        returned=Count("request", filter=Q(action="return"), distinct=True),
        rerouted=Count("request", filter=Q(action="reroute"), distinct=True),
    )
    units = Unit.objects.in_bulk([c["unit"] for c in counts])
    rows = [
        {
            "unit": units[c["unit"]],
            "returned": c["returned"],
            "rerouted": c["rerouted"],
            "link": _drill(bounced_from=units[c["unit"]].code),
        }
        for c in counts
    ]
    return sorted(rows, key=lambda r: (-r["rerouted"], -r["returned"], r["unit"].code))


def _table(key: str, title: str, rows) -> dict:
    return {
        "key": key,
        "title": title,
        "headers": [_("Group")] + [str(label) for _k, label, _p in COLUMNS],
        "percent": [p for _k, _l, p in COLUMNS],
        "rows": [
            {
                "label": label,
                "values": [_figures(counts)[k] for k, _l, _p in COLUMNS],
                "cells": [
                    {"value": _figures(counts)[k], "percent": p, "link": _links(base)[k]}
                    for k, _l, p in COLUMNS
                ],
            }
            for label, base, counts in rows
        ],
    }
