from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "zerobay.service"
    label = "service"
    verbose_name = _("Enterprise service")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.web import todos

        from .panels import enterprise_panel
        from .todos import service_todos

        todos.register(service_todos)
        extensions.register_detail_provider(enterprise_panel)
        extensions.register_detail_template("panels", "service/_enterprise_panel.html")
