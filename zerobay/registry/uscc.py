"""The unified social credit code (统一社会信用代码, GB 32100-2015), checked with python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError


def validate_uscc(value: str) -> None:
    """Model and form validator: the registry only ever holds codes with a correct check character,
    which is what lets the importer skip re-checking codes it already knows."""
    try:
        stdnum_uscc.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _('Invalid unified social credit code "%(value)s": %(reason)s')
            % {"value": value, "reason": exc.message},
            code="uscc_invalid",
        ) from None
    if stdnum_uscc.compact(value) != value:
        raise ValidationError(
            _(
                'The unified social credit code should be 18 upper-case letters and digits without spaces: "%(value)s"'
            )
            % {"value": value},
            code="uscc_format",
        )
