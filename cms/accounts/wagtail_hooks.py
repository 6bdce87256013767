from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import team_bulk_actions, teams, views

# Wagtail's Indonesian catalogue lacks the title of the account page's tab
# that lists the item below; the project's catalogue supplies it.
ACCOUNT_ACTIONS_TAB = gettext_noop("More actions")

# After the core's scoped user bulk actions (order 10), which these replace.
for action_class in team_bulk_actions.TEAM_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=20)


@hooks.register("register_admin_urls")
def accounts_urls():
    return [
        path(
            "account/two-step/",
            views.TwoFactorView.as_view(),
            name="accounts_two_factor",
        ),
        path(
            "sign-in-lockouts/",
            views.LockoutListView.as_view(),
            name="accounts_lockouts",
        ),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SuperuserMenuItem(
        _("Sign-in lockouts"),
        reverse("accounts_lockouts"),
        icon_name="lock",
        order=900,
    )


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Two-step verification"),
        "help_text": _(
            "Sign in with a code from an authenticator app as well as your password."
        ),
    }


@hooks.register("register_log_actions")
def team_log_actions(actions):
    """What a manager did to a team member's account, in its history."""
    actions.register_action(
        teams.LOG_RESET_PASSWORD, _("Reset password"), _("Password reset")
    )
    actions.register_action(
        teams.LOG_RESET_TWO_FACTOR,
        _("Remove two-step verification"),
        _("Two-step verification removed"),
    )
