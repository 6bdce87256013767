"""Keeps two-factor sign-in honest for signed-in users."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin import messages

from . import two_factor

# URLs a user who still has to verify may reach: signing in and out, the
# admin's script translations and icons, and (to set it up) the setup page.
OPEN_URL_NAMES = (
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)
SETUP_URL_NAME = "accounts_two_factor"
# The public API ignores sessions; static files need no user.
OPEN_PREFIXES = ("/api/",)


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware. A signed-in user whose session is
    not verified by a code:

    - has two-factor sign-in (set up in another session): signed out, to
      sign in again with a code;
    - must have it (TWO_FACTOR_REQUIRED_FOR_STAFF: superusers, kecamatan
      moderators and desa coordinators) but has not set it up: sent to the
      setup page from every URL except that page, signing in and out and
      static assets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.redirect(request) or self.get_response(request)

    def redirect(self, request):
        path = request.path
        if path.startswith((*OPEN_PREFIXES, settings.STATIC_URL)):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or self.is_open(path):
            return None
        if two_factor.has_two_factor(user):
            return self.sign_out(request)
        if two_factor.is_required(user) and path != reverse(SETUP_URL_NAME):
            return redirect(SETUP_URL_NAME)
        return None

    def is_open(self, path: str) -> bool:
        return path in {reverse(name) for name in OPEN_URL_NAMES}

    def sign_out(self, request):
        next_url = request.get_full_path()
        logout(request)
        messages.warning(
            request, _("Sign in again with your two-step verification code.")
        )
        login = reverse("wagtailadmin_login")
        return redirect(f"{login}?{urlencode({'next': next_url})}")
