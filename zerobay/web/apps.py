from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared template tags (charts, tabs, badges) and includes; no models."""

    name = "zerobay.web"
    label = "web"
