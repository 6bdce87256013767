"""The response cache of the public API.

One "generation" value stands for the state of all public content. Any
publish, unpublish, move or delete (see signals.py) starts a new generation,
which at once invalidates every cached response and every ETag. Entries are
stored with the generation they were made in.

The generation lives in the shared cache (Redis in production), read on
every request, so all workers see a publish at once. Entries live there too,
and each worker also keeps the most recent ones in memory: a hit then costs
one small round trip (the generation) instead of moving the whole body.
"""

import hashlib
import time
from collections import OrderedDict
from threading import Lock

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

GENERATION_KEY = "api:generation"
ENTRY_PREFIX = "api:response:"


def cache():
    return caches["default"]


def new_generation() -> str:
    """Start a new generation; returns it."""
    generation = str(time.time_ns())
    cache().set(GENERATION_KEY, generation, None)
    return generation


def generation_time(generation: str) -> float:
    return int(generation) / 1e9


def entry_key(full_path: str) -> str:
    # The day is part of the key: some figures count "the last 30 days".
    material = f"{timezone.localdate().isoformat()}|{full_path}"
    digest = hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{ENTRY_PREFIX}{digest}"


class LocalEntries:
    """A small per-process LRU of recent entries."""

    def __init__(self):
        self._entries: OrderedDict = OrderedDict()
        self._lock = Lock()

    def get(self, key: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > settings.API_LOCAL_CACHE_ENTRIES:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


local_entries = LocalEntries()


def lookup(full_path: str) -> tuple[str, dict | None]:
    """(current generation, the cached entry if it belongs to it)."""
    key = entry_key(full_path)
    generation = cache().get(GENERATION_KEY) or new_generation()
    entry = local_entries.get(key)
    if entry is None or entry["generation"] != generation:
        entry = cache().get(key)
        if entry is None or entry["generation"] != generation:
            return generation, None
        local_entries.put(key, entry)
    return generation, entry


def store(full_path: str, generation: str, response, timeout: int) -> None:
    entry = {
        "generation": generation,
        "status": response.status_code,
        "content_type": response["Content-Type"],
        "body": response.content,
    }
    key = entry_key(full_path)
    cache().set(key, entry, timeout)
    local_entries.put(key, entry)


def etag(full_path: str, generation: str) -> str:
    """Depends on the request and the content generation only, so a
    conditional GET can be answered without rendering anything. The day is
    part of it because some figures count "the last 30 days"."""
    day = timezone.localdate().isoformat()
    material = f"{generation}|{day}|{full_path}".encode("utf-8", "surrogateescape")
    return f'W/"{hashlib.sha256(material).hexdigest()[:32]}"'
