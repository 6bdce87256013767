"""The request pipeline in front of the public API (/api/v2/):
rate limit, input hygiene, conditional GET, and the response cache.

It sits right after CorsMiddleware so that cached responses still get their
CORS headers, and before sessions and authentication, which the public API
does not use.
"""

import logging
import math
from email.utils import formatdate, parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.translation import gettext as _

from . import cache
from .errors import json_error
from .filters import MAX_VALUE_LENGTH
from .throttling import PublicAPIThrottle

API_PREFIX = "/api/v2/"
UNCACHED_PREFIXES = ("/api/v2/preview/", "/api/v2/generation/")

security_logger = logging.getLogger("django.security.DisallowedHost")


def _bad_input(request) -> str | None:
    if "\x00" in request.path:
        return _("The path contains a NUL character.")
    for name, values in request.GET.lists():
        for value in [name, *values]:
            if "\x00" in value:
                return _("Query parameter %(name)s contains a NUL character.") % {
                    "name": name.replace("\x00", "")
                }
            if len(value) > MAX_VALUE_LENGTH:
                return _(
                    "Query parameter %(name)s is longer than %(max)s characters."
                ) % {
                    "name": name[:40],
                    "max": MAX_VALUE_LENGTH,
                }
    return None


def _not_modified_since(request, generation: str) -> bool:
    header = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    return math.floor(cache.generation_time(generation)) <= since


class PublicAPIMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        translation.activate(settings.LANGUAGE_CODE)
        refused = self.refuse_host(request) or self.refuse(request)
        if refused is not None:
            return refused
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            UNCACHED_PREFIXES
        ):
            return self.get_response(request)
        return self.cached(request)

    def refuse_host(self, request):
        """ALLOWED_HOSTS first, as Django's CommonMiddleware would (it runs
        after this one): no answer, cached or not, for another host."""
        try:
            request.get_host()
        except DisallowedHost as error:
            security_logger.error(str(error))
            return json_error(_("The Host header is not allowed."), 400)
        return None

    def refuse(self, request):
        throttle = PublicAPIThrottle() if PublicAPIThrottle.enabled() else None
        if throttle is not None and not throttle.allow_request(request, None):
            wait = math.ceil(throttle.wait() or 1)
            return json_error(
                _("Too many requests. Try again in %(seconds)s seconds.")
                % {"seconds": wait},
                429,
                Retry_After=str(wait),
            )
        problem = _bad_input(request)
        if problem:
            return json_error(problem, 400)
        return None

    def cached(self, request):
        path = cache.canonical_path(request)
        generation, entry = cache.lookup(path)
        request.api_generation = generation
        etag = cache.etag(path, generation)
        if request.META.get("HTTP_IF_NONE_MATCH") == etag or (
            "HTTP_IF_NONE_MATCH" not in request.META
            and _not_modified_since(request, generation)
        ):
            return self.decorate(HttpResponseNotModified(), etag, generation)
        if entry is not None and settings.API_CACHE_ENABLED:
            response = HttpResponse(
                entry["body"],
                status=entry["status"],
                content_type=entry["content_type"],
            )
            response["X-Cache"] = "hit"
            return self.decorate(response, etag, generation)
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        if settings.API_CACHE_ENABLED and not response.streaming:
            cache.store(path, generation, response)
            response["X-Cache"] = "miss"
        return self.decorate(response, etag, generation)

    def decorate(self, response, etag: str, generation: str):
        response["ETag"] = etag
        response["Last-Modified"] = formatdate(
            cache.generation_time(generation), usegmt=True
        )
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        return response
