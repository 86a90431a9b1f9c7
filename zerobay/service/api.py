"""The service endpoints of the JSON API (/api/service/...)."""

from ninja import Router

router = Router(tags=["service"])
