"""Finding a working unit (registry.Unit) by any name an office writes for it.

Offices write 区科委, 区科学技术委员会 or 闵行区科委 for the same department; imports and forms match
all of them. Matching normalises width, spaces and the district prefix, nothing fuzzier: a name that
matches nothing is a new unit (the caller decides whether to create it, with a warning)."""

import re
import unicodedata

from .models import Unit

# Longest first: 闵行区科委, 区科委 and 科委 are one key (科委); 闵行区吴泾镇 and 吴泾镇 another.
DISTRICT_PREFIXES = ("上海市闵行区", "闵行区", "区")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """The matching key of a unit name: NFKC (full-width brackets, letters), no spaces, no district
    prefix."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", name or ""))
    for prefix in DISTRICT_PREFIXES:
        if text.startswith(prefix) and len(text) >= len(prefix) + 2:
            return text[len(prefix) :]
    return text


def unit_index() -> dict[str, Unit]:
    """Every normalised name of every unit → the unit (one query; build once per import)."""
    index: dict[str, Unit] = {}
    for unit in Unit.objects.all():
        for name in unit.names():
            index.setdefault(normalise(name), unit)
    return index


def find_unit(name: str, index: dict[str, Unit] | None = None) -> Unit | None:
    key = normalise(name)
    if not key:
        return None
    if index is None:
        index = unit_index()
    return index.get(key)
