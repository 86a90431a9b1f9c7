from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="indicator-overview"),
    path("evaluation/", views.evaluation_page, name="indicator-evaluation"),
    path("<str:indicator_id>/", views.indicator_detail, name="indicator-detail"),
    path("<str:indicator_id>/drill/", views.indicator_drilldown, name="indicator-drilldown"),
]
