from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo district: synthetic enterprise panel, Torch workbooks, demo users. No models."""

    name = "zerobay.demo"
    label = "demo"
