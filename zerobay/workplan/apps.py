from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "zerobay.workplan"
    label = "workplan"
    verbose_name = _("Key tasks")

    def ready(self):
        from zerobay.web import todos

        from .todos import workplan_todos

        todos.register(workplan_todos)
