"""JSON endpoints of enterprise cultivation: qualification rules, screening, certificate watch, reporting chase, 升规纳统."""

from ninja import Router

router = Router(tags=["cultivation"])
