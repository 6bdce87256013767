from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in: lockout after failed attempts (django-axes), rate-limited
    password resets (django-ratelimit) and two-factor sign-in (django-otp)."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Sign-in")
