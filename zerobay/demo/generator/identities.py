"""Who an enterprise is: a unified social credit code with correct check characters, a name."""

import random

from stdnum.cn import uscc as stdnum_uscc

from .assumptions import NAME_CHARS, REGION, SUFFIXES

_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_VALUES = {c: int(c) if c.isdigit() else ord(c) - 55 for c in _ORG_ALPHABET}


def _org_code_check(body: str) -> str:
    """Check character of a 9-character organisation code (GB 11714), the USCC's digits 9-17."""
    v = [_ORG_VALUES[ch] for ch in body]
    c = 11 - (3 * v[0] + 7 * v[1] + 9 * v[2] + 10 * v[3] + 5 * v[4] + 8 * v[5] + 4 * v[6] + 2 * v[7]) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def new_uscc(rnd: random.Random, founded_year: int, seen: set[str]) -> str:
    r = rnd.random
    while True:
        if founded_year >= 2016:  # registered under the unified code: organisation code MA…
            body = "MA1" + "".join([_ORG_ALPHABET[int(31 * r())] for _ in range(5)])
        else:
            body = f"{rnd.randrange(55_000_000, 99_999_999):08d}"
        code = f"91{REGION}{body}{_org_code_check(body)}"
        code += stdnum_uscc.calc_check_digit(code)
        if code not in seen:
            seen.add(code)
            return code


def company_name(rnd: random.Random, track: str, listed: bool, seen: set[str]) -> str:
    prefix = next((p for p in SUFFIXES if track.startswith(p)), "INTL-AI")
    suffixes = SUFFIXES[prefix]
    form = "股份有限公司" if listed else "有限公司"
    # Three-character brand words: two-character ones too often spell a real company's name.
    r, chars, n = rnd.random, NAME_CHARS, len(NAME_CHARS)
    for attempt in range(50):
        word = chars[int(n * r())] + chars[int(n * r())] + chars[int(n * r())]
        if attempt >= 4:
            word += chars[int(n * r())]
        name = f"上海{word}{suffixes[int(len(suffixes) * r())]}{form}"
        if name not in seen:
            seen.add(name)
            return name
    raise RuntimeError("could not find a free enterprise name")  # pragma: no cover
