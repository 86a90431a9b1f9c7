from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: the production server and its task worker (later: backups)."""

    name = "zerobay.operations"
    verbose_name = _("Operations")
