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

    def get_rate(self):
        # Read the live settings (SimpleRateThrottle caches them at import).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
