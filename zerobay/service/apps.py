from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "zerobay.service"
    label = "service"
    verbose_name = _("Enterprise service")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.statistics.importing.targets import register
        from zerobay.web import todos

        from . import panels
        from .support.importing import TARGET
        from .todos import service_todos

        todos.register(service_todos)
        # The support-records workbook runs through the statistics import pipeline (targets.py).
        register(TARGET)
        extensions.register_detail_provider(panels.enterprise_panel)
        extensions.register_detail_template("panels", "service/_enterprise_panel.html")
        extensions.register_detail_provider(panels.support_panel)
        extensions.register_detail_template("panels", "service/_enterprise_support.html")
        extensions.register_events(panels.events)
        extensions.register_alerts(panels.alerts)
