"""The carriers pages (/carriers/...). The list keeps the URL name the registry gave it."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.carrier_list, name="carrier-list"),
    path("evaluation/", views.evaluation, name="carrier-evaluation"),
    path("imports/<int:pk>/", views.import_detail, name="carrier-import"),
    path("<int:pk>/", views.carrier_detail, name="carrier-detail"),
    path("<int:pk>/statistics/upload/", views.statistics_upload, name="carrier-statistics-upload"),
    path("<int:pk>/edit/", views.carrier_edit, name="carrier-edit"),
    path("<int:pk>/inspections/", views.inspect, name="carrier-inspect"),
    path("<int:pk>/recognitions/", views.add_recognition_view, name="carrier-recognition-add"),
]
