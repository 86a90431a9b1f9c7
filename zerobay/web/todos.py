"""Every role's to-dos on its home page, from the apps that know them.

The home page belongs to no app, and no app below it may import the apps above; so each app
registers a provider in its AppConfig.ready(): `fn(user, today) -> list[Todo]`, answering only for
the roles it concerns and only with pages that role may open (a to-do never links to a 403)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Todo:
    label: str  # translated, e.g. 待形式审查的申报
    count: int
    url: str
    tone: str = "blue"  # a badges.TONES name: red overdue, amber due soon, blue to do
    note: str = ""  # e.g. the nearest deadline
    key: str = ""  # a stable id for tests and the page (e.g. "programs.formal_check")


Provider = Callable[[object, datetime.date], list[Todo]]
_providers: list[Provider] = []


def register(fn: Provider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def todos_for(user, today: datetime.date) -> list[Todo]:
    """The user's to-dos with something to do, most urgent first (red, amber, then the rest)."""
    found = [todo for fn in _providers for todo in fn(user, today) if todo.count]
    order = {"red": 0, "amber": 1}
    return sorted(found, key=lambda t: order.get(t.tone, 2))
