from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSIDConfig(AppConfig):
    name = "cms.opensid"
    label = "opensid"
    verbose_name = _("OpenSID sync")

    def ready(self):
        from cms.core.generation import renew_on_change
        from cms.core.visibility import register_media_rule

        from .models import AidProgramme, PopulationFigures, SyncedReport
        from .visibility import synced_report_documents

        # The public desa detail shows them (cms/opensid/figures.py).
        for model in (PopulationFigures, AidProgramme, SyncedReport):
            renew_on_change(model)
        register_media_rule("opensid-synced-reports", synced_report_documents)
