"""Redis away: the API keeps answering (every cache call is a miss), publish
and unpublish succeed, and nothing Redis brings back from before a change
is served afterwards. A real redis-server on a spare port (conftest's
`redis_cache`), stopped, paused and restarted mid-test."""

import logging
import time

from django.core.cache import caches

from api import cache as api_cache
from tests.factories import news_page, publish

from .conftest import get_json

URL = "/api/v2/news/"


def titles(client) -> list[str]:
    return sorted(item["title"] for item in get_json(client, URL)["items"])


def stale_entry(path: str, timeout: float = 10) -> dict:
    """The entry Redis holds for `path`, once the breaker lets calls through
    again (its cool-down is short in tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entry = caches["default"].get(api_cache.entry_key(path))
        if entry is not None:
            return entry
        time.sleep(0.05)
    raise AssertionError(f"Redis does not hold {path} any more")


def test_redis_down_the_api_answers_and_publishing_works(
    client, world, desa_a, redis_cache
):
    before = titles(client)
    assert redis_cache.dbsize() > 0  # the answer went to Redis
    redis_cache.stop()
    assert titles(client) == before
    publish(news_page(desa_a, title="Terbit saat Redis mati"))
    world["news"].unpublish()
    after = titles(client)
    assert "Terbit saat Redis mati" in after
    assert "Posyandu Giritirta" not in after
    search = get_json(client, "/api/v2/search/?q=posyandu")
    assert search["meta"]["total_count"] >= 0


def test_a_restarted_redis_does_not_serve_answers_from_before_a_change(
    client, world, redis_cache
):
    assert "Posyandu Giritirta" in titles(client)
    assert client.get(URL)["X-Cache"] == "hit"
    redis_cache.save()  # what Redis will come back with
    redis_cache.stop()
    world["news"].unpublish()  # while Redis is away
    redis_cache.start()
    api_cache.local_entries.clear()  # another worker: it only has Redis
    entry = stale_entry(URL)
    assert b"Posyandu Giritirta" in entry["body"]
    response = client.get(URL)
    assert response["X-Cache"] == "miss"
    assert b"Posyandu Giritirta" not in response.content
    assert client.get(URL)["X-Cache"] == "hit"  # Redis is used again


def test_a_hanging_redis_costs_a_timeout_then_is_skipped(client, world, redis_cache):
    before = titles(client)
    redis_cache.pause()  # accepts connections, answers nothing
    try:
        world["news"].unpublish()
        assert titles(client) == [t for t in before if t != "Posyandu Giritirta"]
        for url in ("/api/v2/tourism/", "/api/v2/wisdom/"):
            assert client.get(url).status_code == 200
        # Three timeouts in a row: the workers stop asking for a cool-down.
        assert caches["default"].breaker.current_state == "open"
    finally:
        redis_cache.resume()


def test_the_outage_is_logged_once_not_per_call(client, world, redis_cache):
    titles(client)
    redis_cache.stop()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("cms.core.breakers")
    logger.addHandler(handler)
    try:
        for limit in range(1, 11):  # ten misses, each a read and a write
            assert client.get(f"{URL}?limit={limit}").status_code == 200
        time.sleep(0.3)  # past the cool-down: the next call is a trial, and fails
        assert client.get(f"{URL}?limit=11").status_code == 200
        assert caches["default"].breaker.current_state == "open"
    finally:
        logger.removeHandler(handler)
    warnings = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0]


def test_the_rate_limit_lets_requests_through_while_redis_is_down(
    client, world, redis_cache, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    assert [client.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]
    redis_cache.stop()  # the history is gone with it: fail open, not closed
    assert [client.get(URL).status_code for _ in range(4)] == [200] * 4
    search = client.get("/api/v2/search/?q=posyandu")
    assert search.status_code == 200
