"""Redis away: the admin keeps working, and publishing or unpublishing
through it succeeds and renews the content generation (kept in the
database, so it cannot be lost with the cache)."""

import pytest
from django.db import transaction

from cms.core.generation import current_generation, new_generation
from cms.news.models import NewsPage
from tests.conftest import logged_in
from tests.factories import news_page, publish

from .admin_forms import news_form


@pytest.fixture
def pages(desa_a):
    publish(desa_a)
    return {
        "live": publish(news_page(desa_a, title="Sudah terbit")),
        "draft": news_page(desa_a, title="Belum terbit", live=False),
    }


def test_admin_pages_answer_with_redis_down(pages, desa_a, moderator, redis_cache):
    client = logged_in(moderator)
    assert client.get("/admin/").status_code == 200
    redis_cache.stop()
    for url in (
        "/admin/",
        f"/admin/pages/{desa_a.pk}/",
        f"/admin/pages/{pages['live'].pk}/edit/",
        "/admin/pages/search/?q=terbit",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/locked/",
    ):
        assert client.get(url).status_code == 200, url


def test_publish_and_unpublish_in_the_admin_with_redis_down(
    pages, moderator, redis_cache
):
    client = logged_in(moderator)
    redis_cache.stop()
    draft, live = pages["draft"], pages["live"]
    before = current_generation()
    published = client.post(
        f"/admin/pages/{draft.pk}/edit/",
        news_form(draft, **{"action-publish": "action-publish"}),
    )
    assert published.status_code == 302
    assert NewsPage.objects.get(pk=draft.pk).live
    after_publish = current_generation()
    assert after_publish != before
    unpublished = client.post(f"/admin/pages/{live.pk}/unpublish/")
    assert unpublished.status_code == 302
    assert not NewsPage.objects.get(pk=live.pk).live
    assert current_generation() != after_publish


def test_the_generation_commits_or_rolls_back_with_the_change(db):
    before = current_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        new_generation()
        assert current_generation() != before
        raise RuntimeError("the change fails")
    assert current_generation() == before
    new_generation()
    new_generation()
    assert int(current_generation()) >= int(before) + 2
