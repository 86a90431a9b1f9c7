"""The JSON API's shared schemas: the page of a list endpoint and the error body. Every app's api
module uses these, so a list and an error look the same under every path of /api/."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class Page(LimitOffsetPagination):
    """limit/offset with the total `count`; at most 500 items a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0)


class Error(Schema):
    detail: str


UNAUTHORIZED = {401: Error}  # every endpoint: no or bad credentials

__all__ = ["UNAUTHORIZED", "Error", "Page"]
