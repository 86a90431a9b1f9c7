"""`{% load service %}`: a request state's badge tone (declared with the workflow) and whether the
top bar shows the service link to a user."""

from django import template

from zerobay.service.access import can_see_requests
from zerobay.service.workflow import REQUEST

register = template.Library()


@register.filter
def request_tone(state: str) -> str:
    return REQUEST.tone(state)


@register.filter
def sees_service_requests(user) -> bool:
    return bool(can_see_requests(user))
