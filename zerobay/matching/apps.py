from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "zerobay.matching"
    label = "matching"
    verbose_name = _("Achievements hall")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.web import todos

        from . import enterprise_panel
        from .todos import hall_todos

        todos.register(hall_todos)
        extensions.register_detail_provider(enterprise_panel.hall_panel)
        extensions.register_detail_template("panels", "matching/_enterprise_hall.html")
        extensions.register_events(enterprise_panel.events)
