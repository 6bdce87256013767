from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AggregatorConfig(AppConfig):
    name = "aggregator"
    label = "aggregator"
    verbose_name = _("Search")

    def ready(self):
        from . import signals  # noqa: F401
        from .sources.pages import PageSource
        from .sources.registry import register

        register(PageSource())
