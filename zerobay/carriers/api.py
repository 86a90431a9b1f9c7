"""The carriers endpoints of the JSON API (/api/carriers/...)."""

from ninja import Router

router = Router(tags=["carriers"])
