from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarriersConfig(AppConfig):
    name = "zerobay.carriers"
    label = "carriers"
    verbose_name = _("Carriers")

    def ready(self):
        from zerobay.statistics.importing.targets import register

        from .importing import TARGET, TARGET_RESIDENTS

        # The carrier forms run through the statistics import pipeline (see targets.py).
        register(TARGET)
        register(TARGET_RESIDENTS)

        from zerobay.web import todos

        from .todos import carrier_todos

        todos.register(carrier_todos)

        from zerobay.registry import extensions

        from . import enterprise_panel

        extensions.register_detail_provider(enterprise_panel.carrier_panel)
        extensions.register_detail_template("panels", "carriers/_enterprise_carrier.html")
        extensions.register_events(enterprise_panel.events)
