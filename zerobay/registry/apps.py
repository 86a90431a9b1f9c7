from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "zerobay.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from .reference import load_reference_into_empty_database

        post_migrate.connect(
            load_reference_into_empty_database,
            sender=self,
            dispatch_uid="registry.load_reference_after_migrate",
        )
