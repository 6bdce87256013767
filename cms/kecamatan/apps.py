from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KecamatanConfig(AppConfig):
    name = "cms.kecamatan"
    label = "kecamatan"
    verbose_name = _("Kecamatan")
