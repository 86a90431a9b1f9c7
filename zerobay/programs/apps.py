from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "zerobay.programs"
    label = "programs"
    verbose_name = _("Policy programmes")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.web import todos

        from . import enterprise_panel
        from .todos import programme_todos

        todos.register(programme_todos)
        extensions.register_detail_provider(enterprise_panel.support_panel)
        extensions.register_detail_template("panels", "programs/_enterprise_support.html")
        extensions.register_events(enterprise_panel.events)
