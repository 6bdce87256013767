from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSIDConfig(AppConfig):
    name = "cms.opensid"
    label = "opensid"
    verbose_name = _("OpenSID sync")
