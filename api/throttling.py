import ipaddress
import secrets
from functools import cache

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

SEARCH_PATH = "/api/v2/search/"


class PublicAPIThrottle(SimpleRateThrottle):
    """Anonymous rate limit per client address, for every public API
    request (cached ones included). The rate is REST_FRAMEWORK
    DEFAULT_THROTTLE_RATES["anon"]; None switches it off.

    The public frontends ask for every visitor from one address. With their
    key (X-Frontend-Key) they are exempt, except on search, the expensive
    endpoint, which stays limited per visitor: the address they pass in
    X-Client-IP (trusted only together with the key)."""

    scope = "anon"

    @classmethod
    def enabled(cls) -> bool:
        return bool(api_settings.DEFAULT_THROTTLE_RATES.get(cls.scope))

    def allow_request(self, request, view):
        self.ident = None
        if self.has_key(request):
            visitor = valid_address(request.META.get("HTTP_X_CLIENT_IP", ""))
            if visitor is None or not request.path.startswith(SEARCH_PATH):
                return True
            self.ident = f"visitor:{visitor}"
        elif self.exempt_address(request):
            return True
        return super().allow_request(request, view)

    def has_key(self, request) -> bool:
        key = settings.API_TRUSTED_CLIENT_KEY
        sent = request.META.get("HTTP_X_FRONTEND_KEY", "")
        return bool(key and sent) and secrets.compare_digest(
            key.encode(), sent.encode()
        )

    def exempt_address(self, request) -> bool:
        networks = exempt_networks(tuple(settings.API_THROTTLE_EXEMPT))
        address = valid_address(self.get_ident(request)) if networks else None
        return address is not None and any(address in net for net in networks)

    def get_rate(self):
        # Read the live settings (SimpleRateThrottle caches them at import).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.ident or self.get_ident(request),
        }


def valid_address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


@cache
def exempt_networks(values: tuple[str, ...]):
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)
