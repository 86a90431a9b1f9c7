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
        self.fields = np.array([p.field for p in places], dtype=object)
        self.tracks = np.array([p.track for p in places], dtype=object)
        self.maturity = np.array([maturity_of(d.maturity) or 0 for d in docs], dtype=np.int8)

    def factor(self, query) -> np.ndarray:
        place = locate(query.track) or locate(query.field)
        bonus = np.zeros(len(self.fields), dtype=np.float32)
        if place.track:
            bonus += TRACK_BONUS * (self.tracks == place.track)
        if place.field:
            bonus += FIELD_BONUS * (self.fields == place.field)
        wanted = maturity_of(query.maturity)
        if wanted:
            known = self.maturity > 0
            ok = known & (self.maturity >= wanted)
            bonus += MATURITY_BONUS * ok
            bonus -= MATURITY_SHORTFALL * np.where(known & ~ok, wanted - self.maturity, 0)
        return 1.0 + bonus
