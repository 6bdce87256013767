from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals
        from .media_policy import register_media_policies

        register_media_policies()
        signals.connect()
