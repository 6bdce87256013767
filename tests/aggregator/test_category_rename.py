"""A renamed news category reaches the search index: its old slug leaves
the facets and the search API refuses it."""

import pytest

from tests.api.conftest import get_json
from tests.factories import news_page, publish

pytestmark = pytest.mark.django_db


def test_a_renamed_category_is_reindexed(
    client, desa_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(desa_a)
        page = publish(news_page(desa_a, title="Posyandu", slug="posyandu"))
    category = page.category
    old = category.slug
    assert get_json(client, f"/api/v2/search/?category={old}")["meta"]["total_count"]

    with django_capture_on_commit_callbacks(execute=True):
        category.slug, category.name = "kesehatan-baru", "Kesehatan baru"
        category.save()

    facets = get_json(client, "/api/v2/search/")["meta"]["facets"]["category"]
    assert [(bucket["key"], bucket["label"]) for bucket in facets] == [
        ("kesehatan-baru", "Kesehatan baru")
    ]
    response = client.get(f"/api/v2/search/?category={old}")
    assert response.status_code == 400
