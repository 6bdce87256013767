from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSIDConfig(AppConfig):
    name = "cms.opensid"
    label = "opensid"
    verbose_name = _("OpenSID sync")

    def ready(self):
        from cms.core.generation import renew_on_change

        from .models import AidProgramme, PopulationFigures

        # The public desa detail shows them (cms/opensid/figures.py).
        for model in (PopulationFigures, AidProgramme):
            renew_on_change(model)
