"""How figures are shown: yuan as 万元, counts with thousands separators."""

from decimal import Decimal

WAN = Decimal(10_000)


def to_wan(yuan) -> Decimal | None:
    """元 → 万元."""
    return None if yuan is None else Decimal(yuan) / WAN


def format_money_wan(yuan) -> str:
    """Yuan as 万元 with two decimals and thousands separators ('' when missing)."""
    if yuan is None:
        return ""
    return f"{to_wan(yuan):,.2f}"


def format_count(value) -> str:
    return "" if value is None else f"{int(Decimal(value)):,}"
