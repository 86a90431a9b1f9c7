"""The workplan endpoints of the JSON API (/api/workplan/...)."""

from ninja import Router

router = Router(tags=["workplan"])
