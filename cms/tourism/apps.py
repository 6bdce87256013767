from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "cms.tourism"
    label = "tourism"
    verbose_name = _("Tourism")

    def ready(self):
        from cms.core.generation import renew_on_change

        renew_on_change(self.get_model("TourismFacility"))
