"""Many USCCs checked at once: the check character (GB 32100-2015) of a whole import's codes computed
with numpy instead of python-stdnum's 20 µs a code, which was about the time of reading the file.

Only codes already in the standard's shape (18 characters, digits and capital letters) take the
vectorised path; anything else (a wrong length, spaces, lower case, full-width or other characters) is
left to `values.uscc_problem`, that is to python-stdnum itself. On the codes it handles, the vectorised
check gives python-stdnum's verdicts: a property test compares the two on a million random codes,
valid and invalid (tests/tabular/test_usccs.py)."""

from collections.abc import Sequence

import numpy as np

from .values import CHECKSUM_PROBLEM, FORMAT_PROBLEM, uscc_problem

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the 31 characters of the standard (no I, O, S, V, Z)
WEIGHTS = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)  # 3^i mod 31: 1, 3, 9, 27, 19…

# Byte value → index in the alphabet (-1: not in it); → 1 for [0-9A-Z], the shape the fast path takes.
_INDEX = np.full(256, -1, dtype=np.int64)
_INDEX[np.frombuffer(ALPHABET.encode(), dtype=np.uint8)] = np.arange(len(ALPHABET))
_SHAPED = np.zeros(256, dtype=bool)
_SHAPED[np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", dtype=np.uint8)] = True
_CHECK = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)


def uscc_problems(codes: Sequence[str]) -> list[str | None]:
    """`uscc_problem(code)` for each code, in order."""
    out: list[str | None] = [None] * len(codes)
    shaped = [i for i, code in enumerate(codes) if len(code) == 18 and code.isascii()]
    if shaped:
        data = np.frombuffer("".join(codes[i] for i in shaped).encode("ascii"), dtype=np.uint8)
        grid = data.reshape(len(shaped), 18)
        fast = _SHAPED[grid].all(axis=1)
        index = _INDEX[grid]
        digits_first = (grid[:, :8] >= ord("0")).all(axis=1) & (grid[:, :8] <= ord("9")).all(axis=1)
        in_alphabet = (index[:, 8:] >= 0).all(axis=1)
        expected = _CHECK[(31 - index[:, :17] @ WEIGHTS) % 31]
        well_formed = digits_first & in_alphabet
        checksum_ok = grid[:, 17] == expected
        for k, i in enumerate(shaped):
            if not fast[k]:
                out[i] = uscc_problem(codes[i])
            elif not well_formed[k]:
                out[i] = FORMAT_PROBLEM
            elif not checksum_ok[k]:
                out[i] = CHECKSUM_PROBLEM
        shaped_set = set(shaped)
    else:
        shaped_set = set()
    for i, code in enumerate(codes):
        if i not in shaped_set:
            out[i] = uscc_problem(code)
    return out
