from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesaConfig(AppConfig):
    name = "cms.desa"
    label = "desa"
    verbose_name = _("Desa")

    def ready(self):
        from . import signals  # noqa: F401
