from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenSIDConfig(AppConfig):
    name = "cms.opensid"
    label = "opensid"
    verbose_name = _("OpenSID sync")

    def ready(self):
        from cms.core.generation import renew_on_change
        from cms.core.visibility import register_media_rule

        from .models import SyncedReport
        from .visibility import synced_report_documents

        register_media_rule("opensid-synced-reports", synced_report_documents)
        renew_on_change(SyncedReport)
