"""The unified social credit code (统一社会信用代码, GB 32100-2015), checked with python-stdnum."""

from django.core.exceptions import ValidationError
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError


def validate_uscc(value: str) -> None:
    """Model and form validator: the registry only ever holds codes with a correct check character,
    which is what lets the importer skip re-checking codes it already knows."""
    try:
        stdnum_uscc.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            f"无效的统一社会信用代码“{value}”：{exc.message}", code="uscc_invalid"
        ) from None
    if stdnum_uscc.compact(value) != value:
        raise ValidationError(
            f"统一社会信用代码应为18位大写字母和数字，不含空格：“{value}”", code="uscc_format"
        )
