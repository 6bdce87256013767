"""The only HTTP code of the frontends: a small client for the CMS API.

Responses are cached in memory for a short time; when the API fails (down,
slow, 5xx), a cached copy is served even if stale, and only when there is
none does the caller get `Unavailable`. An API 404 is `NotFound`.
"""

import threading
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlencode

import httpx
from flask import has_request_context, request


class NotFound(Exception):
    """The API answered 404."""


class Unavailable(Exception):
    """The API could not answer and nothing was cached."""


class TTLCache:
    """A bounded LRU of (stored_at, value), thread-safe.

    Answers to what a visitor types (searches: any `q` is a new key) have
    their own, smaller LRU, so a flood of distinct searches can neither
    grow the cache nor push out the answers the pages are built from."""

    VISITOR_CHOSEN = ("/api/v2/search/",)

    def __init__(self, size: int = 2048, visitor_size: int = 256):
        self.size = size
        self.visitor_size = visitor_size
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._visitor_items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _shelf(self, key: str) -> tuple[OrderedDict, int]:
        if key.startswith(self.VISITOR_CHOSEN):
            return self._visitor_items, self.visitor_size
        return self._items, self.size

    def get(self, key: str) -> tuple[float, Any] | None:
        items, _size = self._shelf(key)
        with self._lock:
            item = items.get(key)
            if item is not None:
                items.move_to_end(key)
            return item

    def put(self, key: str, value: Any) -> None:
        items, size = self._shelf(key)
        with self._lock:
            items[key] = (time.monotonic(), value)
            items.move_to_end(key)
            while len(items) > size:
                items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items) + len(self._visitor_items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._visitor_items.clear()


class APIClient:
    def __init__(
        self,
        base_url: str,
        ttl: float = 30.0,
        timeout: float = 3.0,
        transport: httpx.BaseTransport | None = None,
        key: str = "",
    ):
        self.ttl = ttl
        self.cache = TTLCache()
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
        return self._fetch(path, params, cache, lambda response: response.json())

    def get_raw(self, path: str) -> tuple[str, bytes]:
        """GET a non-JSON document (a feed): its content type and bytes."""
        return self._fetch(
            path,
            None,
            True,
            lambda response: (response.headers["content-type"], response.content),
        )

    def _fetch(self, path, params, cache, decode):
        params = _clean(params)
        # The cache key is built without httpx's URL machinery: a cached
        # answer costs a dictionary lookup.
        key = f"{path}?{urlencode(sorted(params.items()))}" if params else path
        cached = self.cache.get(key) if cache else None
        if cached and time.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            response = self.http.get(path, params=params, headers=visitor())
        except httpx.HTTPError as error:
            return self._stale(cached, error)
        if response.status_code in (400, 403, 404):
            # An unknown item, a bad parameter or an expired preview link:
            # for a reader, the page does not exist.
            raise NotFound(key)
        if response.status_code >= 500 or response.status_code == 429:
            return self._stale(cached, response.status_code)
        response.raise_for_status()
        data = decode(response)
        if cache:
            self.cache.put(key, data)
        return data

    def _stale(self, cached, reason):
        if cached is not None:
            return cached[1]
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
        return self.get("/api/v2/search/", params)

    def dashboard(self) -> dict:
        return self.get("/api/v2/dashboard/")

    def kecamatan(self) -> dict | None:
        pages = self.get(
            "/api/v2/pages/",
            {
                "type": "kecamatan.KecamatanHomePage",
                "fields": "name,kode_kemendagri,camat,profile,address,phone,email",
            },
        )["items"]
        return pages[0] if pages else None

    def desa_feed(self, kode: str, atom: bool = False) -> tuple[str, bytes]:
        return self.get_raw(f"/api/v2/desa/{kode}/feed/{'atom/' if atom else ''}")

    def feed(self, atom: bool = False) -> tuple[str, bytes]:
        return self.get_raw(f"/api/v2/feed/{'atom/' if atom else ''}")

    def preview(self, token: str, site: str) -> dict:
        """The draft behind a preview token, for `site`: the desa's
        Kemendagri code, or "kecamatan" on the portal (the API refuses a
        token of another desa)."""
        return self.get("/api/v2/preview/", {"token": token, "desa": site}, cache=False)


def visitor() -> dict:
    """The visitor's address, so the API can limit searches per visitor
    (it trusts this only together with the frontend's key)."""
    if has_request_context() and request.remote_addr:
        return {"X-Client-IP": request.remote_addr}
    return {}


def _clean(params: dict | None) -> dict | None:
    if not params:
        return None
    return {key: value for key, value in params.items() if value not in (None, "", [])}
