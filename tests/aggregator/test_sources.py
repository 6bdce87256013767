"""Search sources as plug-ins: the registry the outbox and the rebuild
iterate, and a source's visibility following the page tree."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from aggregator import outbox
from aggregator.models import SearchRecord
from aggregator.sources.base import Source
from aggregator.sources.models import ExternalItem, item_key
from aggregator.sources.registry import all_sources, get_source, register

pytestmark = pytest.mark.django_db


def test_pages_then_feeds_are_registered_under_their_stored_names():
    assert [source.name for source in all_sources()] == ["page", "feed"]
    assert all(isinstance(source, Source) for source in all_sources())


def test_an_unknown_source_or_key_has_no_record():
    assert outbox.current_record("opensid", "1") is None
    assert get_source("page").record_for("not-a-page-id") is None
    assert get_source("feed").record_for("33.04.15.2005:none") is None


def test_a_registered_source_is_applied_by_the_outbox(monkeypatch, live_desa, sync):
    class Announcements(Source):
        name = "test-announcements"

        def record_for(self, key):
            return None

        def all_records(self, batch_size=200):
            return iter(())

        def count(self):
            return 0

    monkeypatch.setattr("aggregator.sources.registry._sources", {})
    register(Announcements())
    SearchRecord.objects.create(
        source="test-announcements",
        key="1",
        kind="news",
        title="Pengumuman",
        published=datetime.date(2026, 11, 1),
        year=2026,
        url="https://portal.example/1/",
    )
    sync(outbox.enqueue_keys, "test-announcements", ["1"])
    assert not SearchRecord.objects.filter(source="test-announcements").exists()


def external_item(desa) -> ExternalItem:
    return ExternalItem.objects.create(
        desa=desa,
        guid="artikel-1",
        key=item_key(desa.kode_kemendagri, "artikel-1"),
        link="https://giritirta.example/artikel-1",
        title="Kerja bakti",
        published_at=timezone.now(),
    )


def test_moving_a_desa_under_a_private_page_takes_its_feed_items_out(live_desa, sync):
    """Fixed with the sources registry: a move used to re-check the desa's
    pages only, leaving its feed's items searchable."""
    desa_a, desa_b = live_desa
    sync(external_item, desa_a)
    assert SearchRecord.objects.filter(source="feed").count() == 1
    sync(
        PageViewRestriction.objects.create,
        page=desa_b,
        restriction_type=PageViewRestriction.PASSWORD,
        password="rahasia",
    )
    assert SearchRecord.objects.filter(source="feed").count() == 1

    sync(desa_a.move, desa_b, pos="last-child")

    assert SearchRecord.objects.filter(source="feed").count() == 0
