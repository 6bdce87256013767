from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "cms.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from cms.core.generation import renew_on_change

        renew_on_change(self.get_model("IDMScore"))  # the dashboard figures
