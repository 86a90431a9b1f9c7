from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "zerobay.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self):
        from zerobay.registry import extensions
        from zerobay.registry.signals import registry_changed
        from zerobay.web import versions

        from .signals import reports_imported

        reports_imported.connect(versions.bump, dispatch_uid="statistics.version.import")
        registry_changed.connect(versions.bump, dispatch_uid="statistics.version.registry")
        from zerobay.web import todos

        from .todos import import_todos

        todos.register(import_todos)

        from . import figures

        extensions.register_list_annotator(figures.with_latest_figures)
        extensions.register_detail_provider(figures.enterprise_figures)
        extensions.register_events(figures.enterprise_events)
        extensions.register_alerts(figures.enterprise_alerts)
        extensions.register_detail_template("source", "statistics/_enterprise_source.html")
        extensions.register_detail_template("panels", "statistics/_enterprise_figures.html")
        extensions.register_detail_template("scripts", "statistics/_enterprise_figures_scripts.html")
