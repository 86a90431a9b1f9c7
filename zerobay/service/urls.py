"""The service pages (/service/...)."""

from django.urls import path

from .views import requests

urlpatterns = [
    path("", requests.request_list, name="service-home"),
    path("requests/<int:pk>/", requests.request_detail, name="service-request"),
]
