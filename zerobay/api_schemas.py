"""The JSON API's shared schemas: the page of a list endpoint and the error body. Every app's api
module uses these, so a list and an error look the same under every path of /api/."""

from typing import Annotated, Any, Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Bounds of every query parameter that feeds a database query or a date: out of range is a 422
# naming the bound, never a 500 (an offset past 2^63 or a year 99999 overflows below us).
MAX_OFFSET = 100_000_000
FIRST_YEAR, LAST_YEAR = 1990, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class Page(LimitOffsetPagination):
    """limit/offset with the total `count`; at most 500 items a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def choices(enum: Any) -> Any:
    """The values of a model's TextChoices as a Literal: many models name their choices `Status`,
    and an enum in a schema is published under its class name, so two would collide in the OpenAPI."""
    return Literal[tuple(enum.values)]


class Error(Schema):
    detail: str


class InputIssue(Schema):
    loc: list[str | int]
    msg: str
    type: str


class InputErrorOut(Schema):
    """422: the input breaks the declared parameters; `detail` says where and what, for people."""

    detail: str
    errors: list[InputIssue] = []


UNAUTHORIZED = {401: Error}  # every endpoint: no or bad credentials

__all__ = [
    "choices",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_OFFSET",
    "UNAUTHORIZED",
    "Error",
    "InputErrorOut",
    "Page",
    "Year",
]
