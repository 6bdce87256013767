"""Django's Redis cache backend, made safe to lose.

A cache only saves work, so when Redis is down, hanging or refusing writes,
every call behaves as on an empty cache that forgets what it is given:
reads miss, `add` succeeds, writes and deletes are dropped, `incr` finds no
key. The socket timeouts (OPTIONS `socket_connect_timeout`,
`socket_timeout`) bound each call, and a per-process circuit breaker
(pybreaker) stops calling Redis for `breaker_cool_down` seconds after
`breaker_failures` failures in a row (cms/core/breakers.py), so a hanging
Redis costs a timeout only once per cool-down and not on every call. The
outage is logged when it starts and when it ends, not once per call.

Nothing that must stay true lives only here: the content generation that
validates the API's cached responses is in the database
(cms/core/generation.py), sessions too. What an outage can leave behind is
a key whose delete was dropped (Wagtail's site root paths after a Site
change), until its own timeout.

It also shares one redis-py client per connection pool instead of building
a new client for every cache call: with redis-py 8, constructing one costs
about 0.2 ms (it rebuilds its response callback table), which is most of
the time of a cached API response.
"""

from threading import Lock

import pybreaker
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from .breakers import Unavailable, circuit_breaker


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


_breakers: dict[str, pybreaker.CircuitBreaker] = {}
_breakers_lock = Lock()


def breaker_for(
    location: str, failures: int, cool_down: float
) -> pybreaker.CircuitBreaker:
    """One breaker per Redis location and process: Django builds a cache
    object per thread, the breaker is shared by all of them."""
    with _breakers_lock:
        if location not in _breakers:
            name = "Cache " + location.rsplit("@", 1)[-1]  # never log a password
            _breakers[location] = circuit_breaker(
                name, failures, cool_down, counts=(RedisError,)
            )
        return _breakers[location]


class TolerantRedisCache(RedisCache):
    """RedisCache whose every call survives Redis trouble (see the module
    docstring). OPTIONS take `breaker_failures` (default 3) and
    `breaker_cool_down` (seconds, default 5) besides redis-py's pool
    options."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        failures = options.pop("breaker_failures", 3)
        cool_down = options.pop("breaker_cool_down", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = SharedClientRedisCacheClient
        self.breaker = breaker_for(server, failures, cool_down)

    def _try(self, method, args, kwargs, fallback):
        try:
            # `calling()` checks the breaker under its lock but makes the
            # call outside it: threads do not queue behind one slow call.
            with self.breaker.calling():
                return method(*args, **kwargs)
        except (RedisError, Unavailable):
            return fallback

    def get(self, key, default=None, version=None):
        return self._try(super().get, (key, default, version), {}, default)

    def get_many(self, *args, **kwargs):
        return self._try(super().get_many, args, kwargs, {})

    def has_key(self, *args, **kwargs):
        return self._try(super().has_key, args, kwargs, False)

    def add(self, *args, **kwargs):
        return self._try(super().add, args, kwargs, True)

    def set(self, *args, **kwargs):
        self._try(super().set, args, kwargs, None)

    def set_many(self, *args, **kwargs):
        return self._try(super().set_many, args, kwargs, [])

    def touch(self, *args, **kwargs):
        return self._try(super().touch, args, kwargs, False)

    def delete(self, *args, **kwargs):
        return self._try(super().delete, args, kwargs, False)

    def delete_many(self, *args, **kwargs):
        self._try(super().delete_many, args, kwargs, None)

    def clear(self):
        return self._try(super().clear, (), {}, False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._try(super().incr, (key, delta, version), {}, missing)
        if value is missing:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).")
        return value
