"""The vectorised USCC check agrees with python-stdnum (which DESIGN.md makes the reference) on a
million random codes, valid and invalid: its answer for every code is exactly `uscc_problem`'s."""

import random

import numpy as np

from zerobay.tabular.usccs import ALPHABET, uscc_problems
from zerobay.tabular.values import CHECKSUM_PROBLEM, uscc_problem

CODES = 1_000_000


def random_codes(n: int, seed: int = 20261205) -> list[str]:
    """A mix as imports meet it: well-formed codes with their right check character, the same with a
    wrong one, one character off the alphabet (I, O, S, V, Z, a letter in the first 8), lower case,
    spaces and hyphens, full-width digits, other lengths, and noise."""
    rng, pick = np.random.default_rng(seed), random.Random(seed)
    index = rng.integers(0, 31, (n, 17))
    index[:, :8] = rng.integers(0, 10, (n, 8))  # the registration authority and region: digits
    weights = np.array([pow(3, i, 31) for i in range(17)])
    right = (31 - index @ weights) % 31  # the verdict is python-stdnum's; this only makes valid ones likely
    letters = np.array(list(ALPHABET))
    bodies = ["".join(row) for row in letters[index]]
    noise = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz -_.０１２３中"
    codes = []
    for body, check in zip(bodies, right.tolist(), strict=True):
        kind = pick.randrange(8)
        if kind <= 1:
            code = body + ALPHABET[check]
        elif kind == 2:  # most likely a wrong check character
            code = body + pick.choice(ALPHABET)
        elif kind == 3:  # one character replaced by any of the noise
            at = pick.randrange(18)
            code = (body + ALPHABET[check])[:at] + pick.choice(noise) + (body + ALPHABET[check])[at + 1 :]
        elif kind == 4:  # lower case
            code = (body + ALPHABET[check]).lower()
        elif kind == 5:  # separators a person types
            code = body[:6] + pick.choice((" ", "-", "  ")) + body[6:] + ALPHABET[check]
        elif kind == 6:  # other lengths
            code = "".join(pick.choices(ALPHABET, k=pick.randrange(25)))
        else:  # noise of length 18
            code = "".join(pick.choices(noise, k=18))
        codes.append(code)
    return codes


def test_agrees_with_python_stdnum_on_a_million_random_codes():
    codes = random_codes(CODES)
    got = uscc_problems(codes)
    expected = [uscc_problem(code) for code in codes]
    disagreements = [(c, g, e) for c, g, e in zip(codes, got, expected, strict=True) if g != e]
    assert disagreements[:5] == []
    # The sample holds every verdict in numbers, so agreeing means something.
    assert sum(e is None for e in expected) > CODES // 5
    assert sum(e == CHECKSUM_PROBLEM for e in expected) > CODES // 10
    assert len(set(expected)) > 10  # format, checksum and many lengths


def test_small_cases():
    assert uscc_problems([]) == []
    assert uscc_problems(["91110000600037341L", "91110000600037341X", "12345"]) == [
        None,
        CHECKSUM_PROBLEM,
        "长度为5位，应为18位",
    ]
