"""The response cache of the public API.

One "generation" value stands for the state of all public content. Any
publish, unpublish, move or delete (see signals.py) starts a new generation,
which at once invalidates every cached response and every ETag. Entries are
stored with the generation they were made in, so a lookup is a single
`get_many` round trip: the current generation and the entry together.
"""

import hashlib
import time

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
    digest = hashlib.sha256(full_path.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{ENTRY_PREFIX}{digest}"


def lookup(full_path: str) -> tuple[str, dict | None]:
    """(current generation, the cached entry if it belongs to it)."""
    key = entry_key(full_path)
    found = cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or new_generation()
    entry = found.get(key)
    if entry is None or entry["generation"] != generation:
        return generation, None
    return generation, entry


def store(full_path: str, generation: str, response, timeout: int) -> None:
    cache().set(
        entry_key(full_path),
        {
            "generation": generation,
            "status": response.status_code,
            "content_type": response["Content-Type"],
            "body": response.content,
        },
        timeout,
    )


def etag(full_path: str, generation: str) -> str:
    """Depends on the request and the content generation only, so a
    conditional GET can be answered without rendering anything. The day is
    part of it because some figures count "the last 30 days"."""
    day = timezone.localdate().isoformat()
    material = f"{generation}|{day}|{full_path}".encode("utf-8", "surrogateescape")
    return f'W/"{hashlib.sha256(material).hexdigest()[:32]}"'
