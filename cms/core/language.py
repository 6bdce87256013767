"""The server's language for every request, whatever the browser asks.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an
English browser turned the whole admin (and the project's own panels)
English. Indonesian is the language of this system: every request starts in
settings.LANGUAGE_CODE, and the Wagtail admin then switches to the language
a user chose in their account preferences, if any (Wagtail's
require_admin_access and its JavaScript catalogue do that themselves).
"""

from django.conf import settings
from django.utils import translation


class ServerLanguageMiddleware:
    """Replaces django.middleware.locale.LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Each request starts afresh: nothing activated by the previous one
        # on this thread carries over.
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
