"""SQL queries per listing request are constant in the page size."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail_factories import ImageFactory

from tests.factories import (
    development_page,
    news_page,
    publish,
    tourism_page,
    wisdom_page,
)

from .conftest import body_with

# Every API request reads the content generation (one primary-key lookup,
# cms/core/generation.py), cached or not.
GENERATION_QUERY = 1
# COUNT(*) for total_count, the page rows (joined with the hero image), the
# hero images' renditions, and the tags. The desa and category references
# and the hidden subtrees are fetched once per content generation (after a
# publish), and the warm-up request below does that.
NEWS_LISTING_QUERIES = GENERATION_QUERY + 4


@pytest.fixture
def many_news(kecamatan, desa_a, desa_b):
    images = [ImageFactory(collection=desa_a.roles.collection) for _ in range(3)]
    for desa in (desa_a, desa_b):
        desa.hero_image = images[2]
        desa.save()
    target = news_page(desa_b, title="Tujuan tautan", hero_image=images[0])
    target.tags.add("umum")
    publish(target)
    for number in range(60):
        desa = desa_a if number % 2 else desa_b
        page = news_page(
            desa,
            title=f"Berita {number}",
            hero_image=images[number % 3],
            body=body_with(link_to=target, image=images[0]),
        )
        page.tags.add(f"tag{number % 5}", "umum")
        page.save()
    for number in range(12):
        image = images[number % 3]
        desa = desa_a if number % 2 else desa_b
        tourism_page(desa, hero_image=image)
        wisdom_page(desa, hero_image=image)
        development_page(
            desa, hero_image=image, reports=[(datetime.date(2026, 5, 1), 50)]
        )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@override_settings(API_CACHE_ENABLED=False)
def test_listing_queries_do_not_grow_with_the_page_size(client, many_news):
    client.get("/api/v2/news/?limit=100")  # make the renditions once
    small = queries_for(client, "/api/v2/news/?limit=5")
    large = queries_for(client, "/api/v2/news/?limit=50")
    data = json.loads(client.get("/api/v2/news/?limit=50").content)
    assert len(data["items"]) == 50
    assert all(item["hero_image"] and item["tags"] for item in data["items"])
    assert small == large == NEWS_LISTING_QUERIES


@override_settings(API_CACHE_ENABLED=False)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # + resolving the desa filter (hidden subtrees, desa lookup)
        ("/api/v2/news/?desa=giritirta&limit=50", 6),
        ("/api/v2/tourism/?limit=50", 3),
        ("/api/v2/wisdom/?limit=50", 3),
        ("/api/v2/development/?limit=50", 4),
        ("/api/v2/desa/", 2),
    ],
)
def test_other_listings_are_constant_too(client, many_news, url, expected):
    client.get(url)
    assert queries_for(client, url) == GENERATION_QUERY + expected


def test_cached_responses_run_only_the_generation_query(client, many_news):
    client.get("/api/v2/news/?limit=50")
    assert queries_for(client, "/api/v2/news/?limit=50") == GENERATION_QUERY
