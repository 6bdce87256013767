"""The only HTTP code of the frontends: a small client for the CMS API.

Responses are cached in memory and follow the CMS's content generation (one
value that changes with every change to public content): at most every
`check_interval` seconds (CMS_API_CHECK_INTERVAL, 1) the client asks the API
for the generation (/api/v2/generation/, one small answer), and a cached copy
is served only while the generation it was fetched in is still the current
one, so what is published or unpublished shows on the frontends within about
a second. `ttl` (CMS_API_TTL, 30) still bounds every copy's age, for what
changes without a new generation (figures that count "the last 30 days").

When the API is away (down, slow, 5xx), a cached copy whose generation was
last seen current less than `stale_max` seconds ago (CMS_API_STALE_MAX) is
served stale; otherwise the caller gets `Unavailable`: what was unpublished
is gone from the frontends within `stale_max` whatever happens. A 429 is no
outage: the API refuses this visitor (or this frontend) for a while, and
serving a stale copy then would let a visitor who used up their allowance
read what was unpublished since; the caller gets `Throttled`. An API 404 is
`NotFound`.
"""

import math
import re
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx
from cachetools import FIFOCache, LRUCache
from flask import has_request_context, request


class NotFound(Exception):
    """The API answered 404."""


class Unavailable(Exception):
    """The API could not answer and nothing recent enough was cached."""


class Throttled(Unavailable):
    """The API answered 429; `retry_after` is its Retry-After in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"429: retry after {retry_after} s")
        self.retry_after = retry_after


DEFAULT_RETRY_AFTER = 60
RETRY_AFTER_MAX = 3600
GENERATION_PATH = "/api/v2/generation/"
# Generations remembered with the last time each was seen current.
GENERATIONS_KEPT = 8

# (stored_at, generation it was fetched in, value)
Entry = tuple[float, str | None, Any]


class TTLCache:
    """A bounded LRU (cachetools) of (stored_at, generation, value),
    thread-safe; `clock` gives stored_at (time.monotonic; tests pass their
    own). Whether an entry is fresh is the client's to judge (`ttl`, the
    generation), not the cache's: a stale entry is still worth keeping for an
    outage.

    Answers to what a visitor types (searches: any `q` is a new key) have
    their own, smaller LRU (`visitor=True`), so a flood of distinct searches
    can neither grow the cache nor push out the answers the pages are built
    from."""

    def __init__(
        self,
        size: int = 2048,
        visitor_size: int = 256,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.size = size
        self.visitor_size = visitor_size
        self.clock = clock
        self._items: LRUCache[str, Entry] = LRUCache(maxsize=size)
        self._visitor_items: LRUCache[str, Entry] = LRUCache(maxsize=visitor_size)
        self._lock = threading.Lock()

    def _shelf(self, visitor: bool) -> LRUCache:
        return self._visitor_items if visitor else self._items

    def get(self, key: str, visitor: bool = False) -> "Entry | None":
        items = self._shelf(visitor)
        with self._lock:
            # A hit counts as a use: it moves the key away from eviction.
            return items.get(key)

    def put(
        self, key: str, value: Any, generation: str | None, visitor: bool = False
    ) -> None:
        items = self._shelf(visitor)
        with self._lock:
            # The least recently used key goes when the shelf is full.
            items[key] = (self.clock(), generation, value)

    def __len__(self) -> int:
        return len(self._items) + len(self._visitor_items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._visitor_items.clear()


class GenerationWatch:
    """The CMS's content generation, asked for at most every `interval`
    seconds (`ask` returns it, or raises `GenerationUnknown`), and when each
    of the recent generations was last seen current. `clock` as TTLCache's.
    While one thread asks, the others go on with the last answer."""

    def __init__(
        self,
        ask: Callable[[], str],
        interval: float,
        clock: Callable[[], float],
    ):
        self.ask = ask
        self.interval = interval
        self.clock = clock
        self.current: str | None = None
        self.checked_at = -math.inf
        # Evicted in the order of the last write (a read does not count):
        # the generations seen current longest ago go first.
        self._seen: FIFOCache[str, float] = FIFOCache(maxsize=GENERATIONS_KEPT)
        self._lock = threading.Lock()

    def now(self) -> str | None:
        """The current generation; None when the API did not tell it (then
        no cached copy counts as fresh). Raises `GenerationUnknown` when
        this very call asked and got no generation."""
        if self.clock() - self.checked_at < self.interval:
            return self.current
        if not self._lock.acquire(blocking=False):
            return self.current
        try:
            asked_at = self.clock()
            self.checked_at = asked_at
            try:
                self.current = self.ask()
            except GenerationUnknown:
                self.current = None
                raise
            self._seen[self.current] = asked_at
            return self.current
        finally:
            self._lock.release()

    def last_seen(self, generation: str | None) -> float:
        """When `generation` was last known to be the current one."""
        # One lookup, without the lock (held by whoever is asking the API):
        # cachetools' get() tests and reads in two steps.
        try:
            return self._seen[generation]
        except KeyError:
            return -math.inf


class GenerationUnknown(Exception):
    """The API did not tell its generation; `outage`: it could not answer
    at all (transport error or 5xx)."""

    def __init__(self, reason, outage: bool):
        super().__init__(str(reason))
        self.outage = outage


class APIClient:
    """GETs from the CMS API with the cache described in the module."""

    def __init__(
        self,
        base_url: str,
        ttl: float = 30.0,
        timeout: float = 3.0,
        transport: httpx.BaseTransport | None = None,
        key: str = "",
        stale_max: float = 120.0,
        check_interval: float = 1.0,
    ):
        self.ttl = ttl
        self.stale_max = stale_max
        self.cache = TTLCache()
        self.generation = GenerationWatch(
            self._ask_generation, check_interval, lambda: self.cache.clock()
        )
        headers = {"Accept": "application/json"}
        if key:
            # Exempts the frontend from the API's per-address rate limit.
            headers["X-Frontend-Key"] = key
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers=headers,
        )

    def get(self, path: str, params: dict | None = None, cache: bool = True) -> Any:
        """GET a JSON document from the API (path like "/api/v2/news/")."""
        return self._fetch(path, params, cache, _json)

    def get_raw(self, path: str) -> tuple[str, bytes]:
        """GET a non-JSON document (a feed): its content type and bytes."""
        return self._fetch(
            path,
            None,
            True,
            lambda response: (response.headers["content-type"], response.content),
        )

    def _fetch(self, path, params, cache, decode, for_visitor=False):
        """`for_visitor`: what the visitor chose (their search) is asked
        with their address and cached on the visitor shelf."""
        params = _clean(params)
        # The cache key is built without httpx's URL machinery: a cached
        # answer costs a dictionary lookup.
        key = f"{path}?{urlencode(sorted(params.items()))}" if params else path
        cached = self.cache.get(key, for_visitor) if cache else None
        generation = None
        if cache:
            try:
                generation = self.generation.now()
            except GenerationUnknown as unknown:
                if unknown.outage:
                    # Asking again now would wait for the same outage.
                    return self._stale(cached, unknown)
            if self._fresh(cached, generation):
                return cached[2]
        try:
            response = self.http.get(
                path, params=params, headers=visitor_address() if for_visitor else None
            )
        except httpx.HTTPError as error:
            return self._stale(cached, error)
        if response.status_code in (400, 403, 404):
            # An unknown item, a bad parameter or an expired preview link:
            # for a reader, the page does not exist.
            raise NotFound(key)
        if response.status_code == 429:
            raise Throttled(retry_after(response))
        if response.status_code >= 500:
            return self._stale(cached, response.status_code)
        response.raise_for_status()
        data = decode(response)
        if cache:
            # Labelled with the generation known before asking: the answer
            # is of that one or a newer one, so at worst fetched once more.
            self.cache.put(key, data, generation, for_visitor)
        return data

    def _fresh(self, cached: Entry | None, generation: str | None) -> bool:
        return (
            cached is not None
            and generation is not None
            and cached[1] == generation
            and self.cache.clock() - cached[0] < self.ttl
        )

    def _ask_generation(self) -> str:
        try:
            response = self.http.get(GENERATION_PATH)
        except httpx.HTTPError as error:
            raise GenerationUnknown(error, outage=True) from error
        if response.status_code != 200:
            raise GenerationUnknown(
                response.status_code, outage=response.status_code >= 500
            )
        try:
            return str(response.json()["generation"])
        except (ValueError, KeyError, TypeError) as error:
            raise GenerationUnknown(error, outage=False) from error

    def _stale(self, cached: Entry | None, reason):
        """During an outage, a copy whose generation was current at most
        `stale_max` seconds ago: what was unpublished before the outage is
        gone within that time."""
        if cached is not None:
            stored_at, generation, value = cached
            valid_at = max(stored_at, self.generation.last_seen(generation))
            if self.cache.clock() - valid_at < self.stale_max:
                return value
        raise Unavailable(str(reason))

    # The API's endpoints

    def desa_directory(self) -> list[dict]:
        return self.get("/api/v2/desa/")["items"]

    def desa(self, kode: str) -> dict:
        return self.get(f"/api/v2/desa/{kode}/")

    def listing(self, kind: str, **params) -> dict:
        return self.get(f"/api/v2/{kind}/", params)

    def find(self, desa: str, section: str, slug: str) -> dict:
        return self.get(
            "/api/v2/find/", {"desa": desa, "section": section, "slug": slug}
        )

    def search(self, **params) -> dict:
        """A visitor's own search: sent with their address, so it counts
        against their per-visitor search limit in the API."""
        return self._fetch("/api/v2/search/", params, True, _json, for_visitor=True)

    def facets(self, **params) -> dict:
        """The frontend's own search, for facet counts on a listing page:
        asked as the trusted frontend, so it counts against no visitor."""
        return self.get("/api/v2/search/", params)

    def dashboard(self) -> dict:
        return self.get("/api/v2/dashboard/")

    def kecamatan(self) -> dict | None:
        """The kecamatan's profile, office and identity; None before one is
        published."""
        try:
            return self.get("/api/v2/kecamatan/")
        except NotFound:
            return None

    def desa_feed(self, kode: str, atom: bool = False) -> tuple[str, bytes]:
        return self.get_raw(f"/api/v2/desa/{kode}/feed/{'atom/' if atom else ''}")

    def feed(self, atom: bool = False) -> tuple[str, bytes]:
        return self.get_raw(f"/api/v2/feed/{'atom/' if atom else ''}")

    def preview(self, token: str, site: str) -> dict:
        """The draft behind a preview token, for `site`: the desa's
        Kemendagri code, or "kecamatan" on the portal (the API refuses a
        token of another desa)."""
        return self.get("/api/v2/preview/", {"token": token, "desa": site}, cache=False)


def visitor_address() -> dict:
    """The visitor's address, so the API can limit searches per visitor
    (it trusts this only together with the frontend's key)."""
    if has_request_context() and request.remote_addr:
        return {"X-Client-IP": request.remote_addr}
    return {}


def retry_after(response: httpx.Response) -> int:
    """The API's Retry-After in seconds (it sends whole seconds); anything
    else, or nothing, is the default."""
    value = response.headers.get("Retry-After", "").strip()
    if not re.fullmatch(r"[0-9]{1,6}", value):
        return DEFAULT_RETRY_AFTER
    return min(max(int(value), 1), RETRY_AFTER_MAX)


def _json(response: httpx.Response) -> Any:
    return response.json()


def _clean(params: dict | None) -> dict | None:
    if not params:
        return None
    return {key: value for key, value in params.items() if value not in (None, "", [])}
