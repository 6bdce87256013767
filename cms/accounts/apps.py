from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


class AccountsConfig(AppConfig):
    """Sign-in: lockout after failed attempts (django-axes), rate-limited
    password resets (django-ratelimit) and two-factor sign-in (django-otp)."""

    default = True
    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Sign-in")


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's users app (in INSTALLED_APPS instead of "wagtail.users")
    with the users admin narrowed for the managers of desa teams
    (team_views.py)."""

    default = False
    user_viewset = "cms.accounts.team_views.TeamUserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from .teams import TeamUserPolicy

        User = get_user_model()
        register_permission_policy(User, TeamUserPolicy(User), exact_class=True)
