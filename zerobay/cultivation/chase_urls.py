"""The monthly reporting chase (营收报库) and 升规纳统, under /cultivation/reporting/."""

from django.urls import path

from . import chase_views

urlpatterns = [
    path("", chase_views.reporting_chase, name="reporting-chase"),
    path("remind/", chase_views.reporting_remind, name="reporting-remind"),
    path("calendar/", chase_views.reporting_calendar, name="reporting-calendar"),
    path("history/", chase_views.reporting_history, name="reporting-history"),
    path("duty/<str:uscc>/", chase_views.reporting_duty, name="reporting-duty"),
    path("upscale/", chase_views.upscale_candidates, name="upscale-candidates"),
]
