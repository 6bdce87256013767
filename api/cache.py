"""The response cache of the public API.

Entries are stored with the content generation they were made in
(cms/core/generation.py: kept in the database, renewed in the same
transaction as any change to public content) and served only while it is
still the current one, so a publish at once invalidates every cached
response and every ETag, in every worker, and an entry Redis still holds
from before a change (Redis away during the change, or restarted from a
snapshot) is never served.

Entries live in the shared cache (Redis in production), and each worker
also keeps the most recent ones in memory: a hit then costs the generation
read (one primary-key lookup) instead of moving the whole body. When Redis
is down, every lookup is a miss (cms/core/cache.py) and the API renders.

What a visitor can add is bounded: keys are the path with its query
parameters in a canonical order, only 200 answers are stored, search
answers expire after API_SEARCH_CACHE_TIMEOUT (any `q` is a new key) and
the rest after API_CACHE_TIMEOUT, the memory tier holds
API_LOCAL_CACHE_ENTRIES, and Redis itself runs with maxmemory and an LRU
eviction policy (docker-compose.yml).
"""

import hashlib
from threading import Lock
from urllib.parse import urlencode

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from cms.core.generation import current_generation, generation_time

__all__ = [
    "canonical_path",
    "etag",
    "generation_time",
    "local_entries",
    "lookup",
    "store",
    "timeout_for",
]

ENTRY_PREFIX = "api:response:"
SEARCH_PATH = "/api/v2/search/"


def cache():
    return caches["default"]


def canonical_path(request) -> str:
    """The path and its query parameters sorted by name (the values of one
    name keep their order, which can matter), so that `?a=1&b=2` and
    `?b=2&a=1`, or `+` and `%20`, share one entry and one ETag."""
    query = sorted(request.GET.lists(), key=lambda item: item[0])
    encoded = urlencode([(name, v) for name, values in query for v in values])
    return f"{request.path}?{encoded}" if encoded else request.path


def timeout_for(path: str) -> int:
    if path.startswith(SEARCH_PATH):
        return settings.API_SEARCH_CACHE_TIMEOUT
    return settings.API_CACHE_TIMEOUT


def entry_key(path: str) -> str:
    # The day is part of the key: some figures count "the last 30 days".
    material = f"{timezone.localdate().isoformat()}|{path}"
    digest = hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{ENTRY_PREFIX}{digest}"


class LocalEntries:
    """A small per-process LRU of recent entries: at most
    API_LOCAL_CACHE_ENTRIES, read at every store so that a changed setting
    applies at once (keeping the most recently used entries)."""

    def __init__(self):
        self._entries = LRUCache(maxsize=0)
        self._lock = Lock()

    def get(self, key: str):
        with self._lock:
            return self._entries.get(key)

    def put(self, key: str, entry: dict) -> None:
        size = max(settings.API_LOCAL_CACHE_ENTRIES, 0)
        with self._lock:
            self._bound(size)
            if size:  # 0: the memory tier is off
                self._entries[key] = entry

    def _bound(self, size: int) -> None:
        if self._entries.maxsize == size:
            return
        recent = []
        while self._entries:  # least recently used first
            recent.append(self._entries.popitem())
        self._entries = LRUCache(maxsize=size)
        for key, entry in recent[-size:] if size else []:
            self._entries[key] = entry

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


local_entries = LocalEntries()


def lookup(path: str) -> tuple[str, dict | None]:
    """(current generation, the cached entry if it belongs to it)."""
    key = entry_key(path)
    generation = current_generation()
    entry = local_entries.get(key)
    if entry is None or entry["generation"] != generation:
        entry = cache().get(key)
        if entry is None or entry["generation"] != generation:
            return generation, None
        local_entries.put(key, entry)
    return generation, entry


def store(path: str, generation: str, response) -> None:
    entry = {
        "generation": generation,
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "body": response.content,
    }
    key = entry_key(path)
    cache().set(key, entry, timeout_for(path))
    local_entries.put(key, entry)


def etag(path: str, generation: str) -> str:
    """Depends on the request and the content generation only, so a
    conditional GET can be answered without rendering anything. The day is
    part of it because some figures count "the last 30 days"."""
    day = timezone.localdate().isoformat()
    material = f"{generation}|{day}|{path}".encode("utf-8", "surrogateescape")
    return f'W/"{hashlib.sha256(material).hexdigest()[:32]}"'
