from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    """External desa feeds (RSS 2.0 / Atom) read into the search index."""

    name = "aggregator.sources"
    label = "sources"
    verbose_name = _("External feeds")

    def ready(self):
        from . import signals  # noqa: F401
        from .feeds import FeedSource
        from .registry import register

        register(FeedSource())
