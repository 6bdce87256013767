from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet

from cms.core.admin_views import ScopedSnippetViewSet

from . import export
from .forms import IDMScoreForm
from .models import IDMScore
from .panels import DashboardPanel, ModerationQueuePanel


class IDMScoreViewSet(ScopedSnippetViewSet):
    """Moderators edit IDM figures; the status follows from the score."""

    model = IDMScore
    icon = "table"
    menu_label = _("IDM")
    add_to_admin_menu = True
    list_display = ["desa", "year", "score", "status", "target_status", "source"]
    list_filter = ["year", "status"]
    # Scores typed as "0,65" or "0.65"; out of range explained in words.
    edit_handler = ObjectList(IDMScore.panels, base_form_class=IDMScoreForm)


register_snippet(IDMScoreViewSet)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(ModerationQueuePanel())
    panels.append(DashboardPanel())


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [
        path(
            "dashboard/export/<str:fmt>/",
            export.export,
            name="dashboard_export",
        )
    ]
