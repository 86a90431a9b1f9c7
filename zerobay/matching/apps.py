from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "zerobay.matching"
    label = "matching"
    verbose_name = _("Achievements hall")

    def ready(self):
        from zerobay.web import todos

        from .todos import hall_todos

        todos.register(hall_todos)
