"""The reports endpoints of the JSON API (/api/reports/...)."""

from ninja import Router

router = Router(tags=["reports"])
