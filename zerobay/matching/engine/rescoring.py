"""Structured re-scoring: the same track or field, and whether the achievement is mature enough.

Applied as a multiplier on the fused text score, so structure reorders candidates that the text
already found but never brings in an unrelated document on structure alone.
"""

import numpy as np

from .taxonomy import locate, maturity_of

TRACK_BONUS = 0.20
FIELD_BONUS = 0.10
MATURITY_BONUS = 0.05
MATURITY_SHORTFALL = 0.05  # per TRL level below the one the demand asks for


class Structure:
    def __init__(self, docs):
        places = [locate(d.track) or locate(d.field) for d in docs]
        # Integer codes per distinct field and track: comparing small integers over 100,000 documents
        # costs a fraction of comparing Python strings in object arrays (0 = none).
        self.codes: dict[str, int] = {}
        self.fields = np.array([self._code(p.field) for p in places], dtype=np.int32)
        self.tracks = np.array([self._code(p.track) for p in places], dtype=np.int32)
        self.maturity = np.array([maturity_of(d.maturity) or 0 for d in docs], dtype=np.int8)

    def _code(self, name: str | None) -> int:
        return self.codes.setdefault(name, len(self.codes) + 1) if name else 0

    def factor(self, query) -> np.ndarray:
        place = locate(query.track) or locate(query.field)
        bonus = np.zeros(len(self.fields), dtype=np.float32)
        if place.track and place.track in self.codes:
            bonus += TRACK_BONUS * (self.tracks == self.codes[place.track])
        if place.field and place.field in self.codes:
            bonus += FIELD_BONUS * (self.fields == self.codes[place.field])
        wanted = maturity_of(query.maturity)
        if wanted:
            known = self.maturity > 0
            ok = known & (self.maturity >= wanted)
            bonus += MATURITY_BONUS * ok
            bonus -= MATURITY_SHORTFALL * np.where(known & ~ok, wanted - self.maturity, 0)
        return 1.0 + bonus
