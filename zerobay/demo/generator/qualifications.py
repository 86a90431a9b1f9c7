"""Qualifications over the years: high-tech certificates with renewals, SRDI, little giants,
listing, drawn to the calibrated counts."""

import datetime
import random
from dataclasses import dataclass, field

from .assumptions import CALIBRATION, HTE_RENEWAL_SHARE, LISTING_BOARDS, OTHER_SHARES, TECH_SME_SHARE
from .records import Qualification


def _scaled(key: str, scale: float, cap: int) -> int:
    value = CALIBRATION[key]["value"]
    return min(cap, max(1, round(value * scale)))


def _day(rnd: random.Random, year: int, months: tuple[int, int]) -> datetime.date:
    """A day of `year` in the months given (inclusive); never past the 28th, for every month."""
    r = rnd.random
    return datetime.date(year, months[0] + int((months[1] - months[0] + 1) * r()), 1 + int(28 * r()))


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years) - datetime.timedelta(days=1)


class Certificates:
    """Certificate numbers, unique per kind and year, in the style of each register."""

    def __init__(self):
        self.serial: dict[tuple[str, int], int] = {}

    def number(self, kind: str, year: int) -> str:
        n = self.serial[(kind, year)] = self.serial.get((kind, year), 0) + 1
        if kind == "hte":
            return f"GR{year}31{n:06d}"
        if kind == "srdi":
            return f"ZJTX-SH-{year}-{n:05d}"
        if kind == "little_giant":
            return f"XJR-{year}-{n:04d}"
        if kind == "sh_tech_giant":
            return f"KJXJR-{year}-{n:04d}"
        if kind == "tech_sme":
            return f"{year}310112{n:05d}"
        if kind == "listed":  # board, year and serial: a made-up stock code could be a real company's
            return f"{LISTING_BOARDS[n % len(LISTING_BOARDS)]}-{year}-{n:04d}"
        return f"{kind}-{year}-{n:05d}"


@dataclass(slots=True)
class Draft:
    """What is decided about an enterprise before its names and figures are drawn."""

    subpark: str
    org_unit: str
    strength: float  # latent quality: larger firms, more qualifications
    kinds: set = field(default_factory=set)
    hte_last: int | None = None  # year of the latest HTE certificate
    hte_renewed: bool = False  # the latest certificate renews an earlier one


def _hte_plan(drafts: list[Draft], latest: int, valid_now: int, valid_before: int | None, rnd) -> None:
    """Assigns HTE certificate years within one sub-park so that `valid_now` certificates are valid
    at the end of `latest` and (when given) `valid_before` at the end of the year before.
    A certificate runs three years from its issue in November/December, so one issued in year c
    is valid at the end of c, c+1 and c+2. `drafts` is ordered by strength, strongest first."""
    share = (
        CALIBRATION["district_hte_recognised"]["value"] / CALIBRATION["district_hte_torch_reports"]["value"]
    )
    valid = drafts[:valid_now]
    rnd.shuffle(valid)
    issued_now = round(valid_now * share)
    for i, d in enumerate(valid):
        d.kinds.add("hte")
        d.hte_last = latest if i < issued_now else latest - 1 - (i - issued_now) % 2
        d.hte_renewed = d.hte_last != latest and rnd.random() < HTE_RENEWAL_SHARE
    if valid_before is None:
        renewed = round(issued_now * HTE_RENEWAL_SHARE)
        lapsed = round(0.1 * len(drafts))
    else:
        # Valid a year earlier: the two older cohorts, the renewed part of this year's, the lapsed.
        needed = max(0, valid_before - (valid_now - issued_now))
        renewed = min(issued_now, round(needed * HTE_RENEWAL_SHARE))
        lapsed = needed - renewed
    for d in valid[:renewed]:
        d.hte_renewed = True
    # Lapsed: certified three years ago and not renewed, from the next strongest.
    for d in drafts[valid_now : valid_now + lapsed]:
        d.hte_last, d.hte_renewed = latest - 3, rnd.random() < 0.4
    # A few more let their certificate lapse longer ago (history for the certificate watch).
    for d in drafts[valid_now + lapsed :]:
        if rnd.random() < 0.04:
            d.hte_last, d.hte_renewed = latest - rnd.randint(4, 6), False


def draft_qualifications(drafts: list[Draft], subpark: str, latest: int, years, scale, rnd) -> None:
    n = len(drafts)

    def pick(k: int, noise: float) -> list[Draft]:
        ranked = sorted(drafts, key=lambda d: -(d.strength + rnd.gauss(0, noise)))
        return ranked[:k]

    if subpark == "DLHW":
        hte_now = _scaled("dlhw_hte", scale, n)
        hte_before = _scaled("dlhw_hte_2024", scale, n) if latest - 1 in years else None
        targets = {
            "srdi": _scaled("dlhw_srdi", scale, n),
            "sh_tech_giant": _scaled("dlhw_sh_tech_giant", scale, n),
            "little_giant": _scaled("dlhw_little_giant_2024", scale, n),
            "listed": _scaled("dlhw_listed", scale, n),
        }
    else:
        hte_now, hte_before = round(OTHER_SHARES["hte"] * n), None
        targets = {k: round(OTHER_SHARES[k] * n) for k in ("srdi", "sh_tech_giant", "little_giant", "listed")}
    ranked = sorted(drafts, key=lambda d: -(d.strength + rnd.gauss(0, 0.5)))
    _hte_plan(ranked, latest, hte_now, hte_before, rnd)
    for kind, noise in (("srdi", 0.8), ("sh_tech_giant", 0.4), ("little_giant", 0.2), ("listed", 0.1)):
        for d in pick(targets[kind], noise):
            d.kinds.add(kind)


def qualifications_of(d: Draft, latest: int, founded: datetime.date, certs: Certificates, rnd):
    out: list[Qualification] = []
    if d.hte_last is not None:
        years = [d.hte_last]
        if d.hte_renewed:
            years.append(d.hte_last - 3)
            while years[-1] - 3 > max(2008, founded.year) and rnd.random() < 0.5:
                years.append(years[-1] - 3)
        for y in sorted(years):
            start = _day(rnd, y, (11, 12))
            out.append(Qualification("hte", certs.number("hte", y), start, _plus_years(start, 3)))
    if "srdi" in d.kinds:
        y = latest - rnd.randint(0, 2)
        start = _day(rnd, y, (6, 12))
        out.append(Qualification("srdi", certs.number("srdi", y), start, _plus_years(start, 3)))
    if "little_giant" in d.kinds:
        y = latest - rnd.randint(1, 2)  # valid through the latest year and the one before
        start = _day(rnd, y, (7, 10))
        out.append(
            Qualification("little_giant", certs.number("little_giant", y), start, _plus_years(start, 3))
        )
    if "sh_tech_giant" in d.kinds:
        y = latest - rnd.randint(0, 8)
        start = _day(rnd, y, (9, 12))
        out.append(Qualification("sh_tech_giant", certs.number("sh_tech_giant", y), start, None))
    if "listed" in d.kinds:
        y = rnd.randint(max(2010, founded.year + 3), latest - 1)
        out.append(Qualification("listed", certs.number("listed", y), _day(rnd, y, (1, 12)), None))
    if "hte" not in d.kinds and founded.year < latest and rnd.random() < TECH_SME_SHARE:
        start = _day(rnd, latest, (4, 9))
        out.append(
            Qualification("tech_sme", certs.number("tech_sme", latest), start, datetime.date(latest, 12, 31))
        )
    return out


def earliest_certificate_year(d: Draft, latest: int) -> int:
    """Lower bound of the year an enterprise must exist before (HTE: one year registered)."""
    bound = latest
    if d.hte_last is not None:
        bound = min(bound, d.hte_last - (3 if d.hte_renewed else 0))
    if "listed" in d.kinds:
        bound = min(bound, latest - 4)
    if "little_giant" in d.kinds:
        bound = min(bound, latest - 4)
    return bound
