"""Matchmaking events (对接活动)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zerobay.web.pagination import paginate

from .. import access
from ..forms import (
    EventForm,
)
from ..models import MatchEvent
from ..services import events as hall_events


@access.hall_staff_page
def event_list(request):
    form = EventForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        hall_events.record_event(form.save(commit=False), user=request.user)
        messages.success(request, _("The event has been recorded."))
        return redirect("hall-events")
    events = MatchEvent.objects.annotate(n=Count("matches")).order_by("-held_on", "-id")
    return render(
        request, "matching/event_list.html", {"form": form, "page_obj": paginate(request, events, 30)}
    )
