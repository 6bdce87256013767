"""ETag / Last-Modified / 304, Cache-Control, the server-side response cache
and its invalidation, CORS and the anonymous rate limit."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from redis import Redis
from rest_framework.settings import api_settings

from api.cache import entry_key, local_entries
from cms.news.models import NewsIndexPage
from tests.factories import news_page, publish, section

from .conftest import get_json

URL = "/api/v2/news/"


def titles(client):
    return sorted(item["title"] for item in get_json(client, URL)["items"])


def test_validators_and_cache_control(client, world):
    response = client.get(URL)
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60"


def test_conditional_get_answers_304_without_rendering(
    client, world, django_assert_num_queries
):
    first = client.get(URL)
    # One query each: the content generation (cms/core/generation.py).
    with django_assert_num_queries(2):
        by_etag = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b""
    assert client.get(URL, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_second_request_is_served_from_the_cache(client, world):
    assert client.get(URL)["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"
    assert client.get(f"{URL}?limit=1")["X-Cache"] == "miss"


def test_publishing_is_visible_on_the_next_request(client, world, desa_a):
    before = titles(client)
    etag = client.get(URL)["ETag"]
    publish(news_page(desa_a, title="Berita baru"))
    assert titles(client) == sorted([*before, "Berita baru"])
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_unpublishing_is_visible_on_the_next_request(client, world):
    titles(client)
    world["news"].unpublish()
    assert "Posyandu Giritirta" not in titles(client)


def test_moving_is_visible_on_the_next_request(client, world, desa_b):
    titles(client)
    news = world["news"]
    news.move(section(desa_b, NewsIndexPage), pos="last-child")
    detail = get_json(client, f"{URL}{news.pk}/")
    assert detail["desa"]["slug"] == "ratamba"


def test_deleting_is_visible_on_the_next_request(client, world):
    titles(client)
    world["news_b"].delete()
    assert "Kerja bakti Ratamba" not in titles(client)


def test_errors_are_not_cached(client, world):
    client.get("/api/v2/news/?desa=biting")
    response = client.get("/api/v2/news/?desa=biting")
    assert response.status_code == 404
    assert "X-Cache" not in response


@override_settings(CORS_ALLOWED_ORIGINS=["https://portal.example"])
def test_cors_allows_only_configured_origins_on_the_api(client, world):
    allowed = client.get(URL, HTTP_ORIGIN="https://portal.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://portal.example"
    cached = client.get(URL, HTTP_ORIGIN="https://portal.example")
    assert cached["X-Cache"] == "hit"
    assert cached["Access-Control-Allow-Origin"] == "https://portal.example"
    other = client.get(URL, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    admin = client.get("/admin/login/", HTTP_ORIGIN="https://portal.example")
    assert "Access-Control-Allow-Origin" not in admin


@pytest.fixture
def throttled():
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield


def test_rate_limit_answers_429_with_retry_after(client, world, throttled):
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(URL)
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["message"]
    other_client = client.get(URL, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200


def test_rate_limit_is_off_by_default_in_tests(client, world):
    assert all(client.get(URL).status_code == 200 for _ in range(30))


def test_the_frontend_is_exempt_by_its_key_or_address(client, world, throttled):
    with override_settings(API_TRUSTED_CLIENT_KEY="frontend-secret"):
        keyed = [
            client.get(URL, HTTP_X_FRONTEND_KEY="frontend-secret").status_code
            for _ in range(5)
        ]
        assert keyed == [200] * 5
        wrong = [
            client.get(URL, HTTP_X_FRONTEND_KEY="guess").status_code for _ in range(4)
        ]
        assert wrong[-1] == 429
    with override_settings(API_THROTTLE_EXEMPT=["10.1.0.0/16"]):
        inside = [client.get(URL, REMOTE_ADDR="10.1.2.3").status_code for _ in range(5)]
        assert inside == [200] * 5


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(
    client, world, throttled
):
    statuses = [
        client.get(URL, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_with_the_key_searches_stay_limited_per_visitor(client, world, throttled):
    headers = {"HTTP_X_FRONTEND_KEY": "frontend-secret"}
    with override_settings(API_TRUSTED_CLIENT_KEY="frontend-secret"):
        one = [
            client.get(
                "/api/v2/search/?q=posyandu", HTTP_X_CLIENT_IP="198.51.100.7", **headers
            ).status_code
            for _ in range(4)
        ]
        other = client.get(
            "/api/v2/search/?q=posyandu", HTTP_X_CLIENT_IP="198.51.100.8", **headers
        )
        pages = [
            client.get(URL, HTTP_X_CLIENT_IP="198.51.100.7", **headers).status_code
            for _ in range(5)
        ]
        # Without the key, a client cannot pick its own identity.
        forged = [
            client.get(URL, HTTP_X_CLIENT_IP=f"198.51.100.{n}").status_code
            for n in range(20, 24)
        ]
    assert one == [200, 200, 200, 429]
    assert other.status_code == 200
    assert pages == [200] * 5
    assert forged[-1] == 429


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_nothing_is_served_for_a_host_that_is_not_allowed(client, world):
    assert client.get(URL)["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"
    for url in (URL, "/api/v2/search/?q=posyandu", "/api/v2/preview/?token=x"):
        refused = client.get(url, HTTP_HOST="evil.example")
        assert refused.status_code == 400, url
        assert refused.json() == {"message": "Header Host tidak diizinkan."}
        assert "X-Cache" not in refused


def test_parameter_order_and_encoding_share_one_entry(client, world):
    first = client.get(f"{URL}?limit=2&offset=0&order=title")
    second = client.get(f"{URL}?order=title&offset=0&limit=2")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first["ETag"] == second["ETag"]
    assert client.get("/api/v2/search/?q=kerja+bakti")["X-Cache"] == "miss"
    assert client.get("/api/v2/search/?q=kerja%20bakti")["X-Cache"] == "hit"
    # The values of one parameter keep their order: it can matter.
    client.get(f"{URL}?desa=giritirta&desa=ratamba")
    assert client.get(f"{URL}?desa=ratamba&desa=giritirta")["X-Cache"] == "miss"


def test_the_memory_tier_is_bounded(client, world, settings):
    settings.API_LOCAL_CACHE_ENTRIES = 3
    for offset in range(6):
        assert client.get(f"{URL}?offset={offset}").status_code == 200
    assert len(local_entries) == 3


def test_search_answers_expire_sooner_in_redis(client, world, redis_cache):
    client.get("/api/v2/search/?q=posyandu")
    client.get(URL)
    redis = Redis.from_url(redis_cache.url)
    try:

        def ttl(path):
            return redis.ttl(caches["default"].make_key(entry_key(path)))

        search_ttl, listing_ttl = ttl("/api/v2/search/?q=posyandu"), ttl(URL)
    finally:
        redis.close()
    assert 0 < search_ttl <= settings.API_SEARCH_CACHE_TIMEOUT
    assert settings.API_SEARCH_CACHE_TIMEOUT < listing_ttl <= settings.API_CACHE_TIMEOUT


@pytest.mark.django_db
def test_the_api_answers_with_the_memory_tier_off(client, settings, world):
    # API_LOCAL_CACHE_ENTRIES=0 switches the per-process tier off: answers
    # are still cached in the shared cache and served.
    settings.API_LOCAL_CACHE_ENTRIES = 0
    settings.API_CACHE_ENABLED = True
    first = get_json(client, "/api/v2/news/")
    assert get_json(client, "/api/v2/news/") == first
