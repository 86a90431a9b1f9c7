from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "zerobay.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from zerobay.registry.signals import registry_changed
        from zerobay.statistics.signals import reports_imported

        from . import hooks

        reports_imported.connect(hooks.after_import, dispatch_uid="indicators.after_import")
        registry_changed.connect(hooks.after_registry_change, dispatch_uid="indicators.after_registry")
        post_migrate.connect(hooks.after_migrate, sender=self, dispatch_uid="indicators.after_migrate")
