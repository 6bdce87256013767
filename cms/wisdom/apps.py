from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WisdomConfig(AppConfig):
    name = "cms.wisdom"
    label = "wisdom"
    verbose_name = _("Local wisdom")
