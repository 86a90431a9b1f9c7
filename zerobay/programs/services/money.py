"""Amounts and numbers: how amounts read in messages ("1,500,000.00 元"), and reading numbers from
forms and calls with a Chinese refusal instead of an exception a user cannot read."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .errors import ProgramError

CENT = Decimal("0.01")


def yuan(value) -> str:
    return f"{Decimal(value or 0):,.2f} 元"


def wan(value) -> str:
    """An amount in 万元, the unit the forms ask for, with its yuan after it for the API and the
    command line, which take yuan: "50.00 万元（500,000.00 元）"."""
    amount = Decimal(value or 0)
    return f"{amount / 10_000:,.2f} 万元（{amount:,.2f} 元）"


def positive_amount(value, what: str) -> Decimal:
    """`value` as yuan to the cent; ProgramError naming `what` (e.g. "拨付金额") if it is not a
    number or not above zero."""
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (ArithmeticError, InvalidOperation):
        raise ProgramError(
            _("%(what)s “%(value)s” is not a valid number") % {"what": what, "value": value}
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise ProgramError(
            _("%(what)s must be above 0 (%(value)s was given)") % {"what": what, "value": value}
        )
    return amount


def number(value, message: str) -> Decimal:
    """`value` as a finite Decimal, or ProgramError(message) (not a number, NaN, infinity)."""
    try:
        result = Decimal(str(value).strip())
    except (ArithmeticError, InvalidOperation):
        raise ProgramError(message) from None
    if not result.is_finite():
        raise ProgramError(message)
    return result
