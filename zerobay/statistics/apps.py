from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "zerobay.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self):
        from zerobay.registry import extensions

        from . import figures

        extensions.register_list_annotator(figures.with_latest_figures)
        extensions.register_detail_provider(figures.enterprise_figures)
