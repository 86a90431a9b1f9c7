"""JSON endpoints of technology achievements hall and supply-demand matching."""

from ninja import Router

router = Router(tags=["matching"])
