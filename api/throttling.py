import ipaddress
import secrets
from functools import cache

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class PublicAPIThrottle(SimpleRateThrottle):
    """Anonymous rate limit per client address, for every public API
    request (cached ones included). The rate is REST_FRAMEWORK
    DEFAULT_THROTTLE_RATES["anon"]; None switches it off."""

    scope = "anon"

    @classmethod
    def enabled(cls) -> bool:
        return bool(api_settings.DEFAULT_THROTTLE_RATES.get(cls.scope))

    def allow_request(self, request, view):
        if self.is_trusted(request):
            return True
        return super().allow_request(request, view)

    def is_trusted(self, request) -> bool:
        """The public frontends: by their shared key or their address."""
        key = settings.API_TRUSTED_CLIENT_KEY
        sent = request.META.get("HTTP_X_FRONTEND_KEY", "")
        if key and sent and secrets.compare_digest(key.encode(), sent.encode()):
            return True
        networks = exempt_networks(tuple(settings.API_THROTTLE_EXEMPT))
        if not networks:
            return False
        try:
            address = ipaddress.ip_address(self.get_ident(request))
        except ValueError:
            return False
        return any(address in network for network in networks)

    def get_rate(self):
        # Read the live settings (SimpleRateThrottle caches them at import).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


@cache
def exempt_networks(values: tuple[str, ...]):
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)
