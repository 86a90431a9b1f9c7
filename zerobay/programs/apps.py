from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "zerobay.programs"
    label = "programs"
    verbose_name = _("Policy programmes")

    def ready(self):
        from zerobay.web import todos

        from .todos import programme_todos

        todos.register(programme_todos)
