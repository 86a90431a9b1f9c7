from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultivationConfig(AppConfig):
    name = "zerobay.cultivation"
    label = "cultivation"
    verbose_name = _("Enterprise cultivation")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.web import todos

        from .todos import reporting_todos

        todos.register(reporting_todos)

        from zerobay.web import versions

        from . import warming

        versions.register_warmer("cultivation", warming.warm)

        from . import enterprise_panel

        extensions.register_detail_template("actions", "cultivation/_enterprise_action.html")
        extensions.register_detail_provider(enterprise_panel.ladder_panel)
        extensions.register_detail_template("panels", "cultivation/_enterprise_ladder.html")
        extensions.register_alerts(enterprise_panel.alerts)
        extensions.register_events(enterprise_panel.events)
