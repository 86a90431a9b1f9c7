"""The monthly reporting chase (营收报库) and 升规纳统, under /cultivation/reporting/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.reporting_chase, name="reporting-chase"),
    path("remind/", views.reporting_remind, name="reporting-remind"),
    path("calendar/", views.reporting_calendar, name="reporting-calendar"),
    path("history/", views.reporting_history, name="reporting-history"),
    path("mine/", views.reporting_mine, name="reporting-mine"),
    path("duty/<str:uscc>/", views.reporting_duty, name="reporting-duty"),
    path("upscale/", views.upscale_candidates, name="upscale-candidates"),
]
