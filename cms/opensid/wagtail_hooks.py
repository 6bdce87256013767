"""The "OpenSID sync" menu: keys and identity proposals for moderators,
history and status for them and a desa's team (cms/opensid/admin_views.py)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import GroupPagePermission

from . import admin_views


@hooks.register("register_admin_urls")
def opensid_urls():
    return [
        path("opensid/keys/", admin_views.KeyListView.as_view(), name="opensid_keys"),
        path(
            "opensid/keys/new/",
            admin_views.KeyCreateView.as_view(),
            name="opensid_key_create",
        ),
        path(
            "opensid/keys/<int:pk>/revoke/",
            admin_views.KeyRevokeView.as_view(),
            name="opensid_key_revoke",
        ),
        path(
            "opensid/history/",
            admin_views.PushListView.as_view(),
            name="opensid_pushes",
        ),
        path(
            "opensid/status/", admin_views.StatusView.as_view(), name="opensid_status"
        ),
        path(
            "opensid/proposals/",
            admin_views.ProposalListView.as_view(),
            name="opensid_proposals",
        ),
        path(
            "opensid/proposals/<int:pk>/",
            admin_views.ProposalView.as_view(),
            name="opensid_proposal",
        ),
    ]


def _roles(request) -> tuple[bool, bool]:
    """(moderator, sees some desa's history), asked once per request: the
    menu is on every admin page."""
    if not hasattr(request, "_opensid_roles"):
        user = request.user
        moderator = admin_views.is_moderator(user)
        team = moderator or (
            user.is_active
            and GroupPagePermission.objects.filter(group__user=user).exists()
        )
        request._opensid_roles = (moderator, team)
    return request._opensid_roles


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return _roles(request)[0]


class TeamMenuItem(MenuItem):
    """Shown to whoever may see some desa's sync history."""

    def is_shown(self, request):
        return _roles(request)[1]


@hooks.register("register_admin_menu_item")
def opensid_menu():
    items = [
        TeamMenuItem(_("Status per desa"), reverse_lazy("opensid_status"), order=100),
        TeamMenuItem(_("History"), reverse_lazy("opensid_pushes"), order=200),
        ModeratorMenuItem(
            _("Sync keys"), reverse_lazy("opensid_keys"), icon_name="key", order=300
        ),
        ModeratorMenuItem(
            _("Identity proposals"), reverse_lazy("opensid_proposals"), order=400
        ),
    ]
    return SubmenuMenuItem(
        _("OpenSID sync"), Menu(items=items), icon_name="resubmit", order=850
    )
