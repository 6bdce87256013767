"""Keeping the index true: publish, unpublish, move, delete and view
restrictions reach the index through the outbox, nothing private ever gets
in, and nothing is lost while an engine is down."""

import datetime
import json

from django.core.management import call_command
from wagtail.models import PageViewRestriction

from aggregator import outbox
from aggregator.backends import EngineUnavailable, get_database_backend
from aggregator.models import OutboxEntry, SearchRecord
from aggregator.sources.pages import record_for, stream_text
from cms.news.models import NewsIndexPage
from tests.factories import news_page, publish, section, wisdom_page


def keys():
    return sorted(SearchRecord.objects.values_list("title", flat=True))


def test_publishing_indexes_and_unpublishing_removes(live_desa, sync):
    desa_a, _desa_b = live_desa
    page = news_page(desa_a, title="Kerja bakti", live=False)
    assert keys() == []
    sync(publish, page)
    assert keys() == ["Kerja bakti"]
    assert OutboxEntry.objects.count() == 0
    sync(page.unpublish)
    assert keys() == []


def test_the_outbox_entry_is_written_in_the_same_transaction(live_desa):
    desa_a, _desa_b = live_desa
    page = news_page(desa_a, title="Tertunda", live=False)
    publish(page)  # no commit happens inside the test transaction
    assert list(OutboxEntry.objects.values_list("key", flat=True)) == [str(page.pk)]
    assert keys() == []


def test_drafts_moderation_and_private_pages_never_enter(live_desa, sync, editor_a):
    desa_a, _desa_b = live_desa
    news_page(desa_a, title="Draf", live=False).save_revision()
    moderated = news_page(desa_a, title="Moderasi", live=False)
    moderated.save_revision(user=editor_a)
    sync(moderated.get_workflow().start, moderated, editor_a)
    private = sync(publish, news_page(desa_a, title="Privat"))
    sync(
        PageViewRestriction.objects.create,
        page=private,
        restriction_type=PageViewRestriction.LOGIN,
    )
    sync(call_command, "rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert keys() == []


def test_a_restriction_on_a_section_removes_everything_under_it(live_desa, sync):
    desa_a, _desa_b = live_desa
    sync(publish, news_page(desa_a, title="Satu"))
    sync(publish, news_page(desa_a, title="Dua"))
    assert keys() == ["Dua", "Satu"]
    sync(
        PageViewRestriction.objects.create,
        page=section(desa_a, NewsIndexPage),
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert keys() == []


def test_moving_updates_the_desa_and_deleting_removes(live_desa, sync):
    desa_a, desa_b = live_desa
    page = sync(publish, news_page(desa_a, title="Pindah"))
    sync(page.move, section(desa_b, NewsIndexPage), pos="last-child")
    assert SearchRecord.objects.get().desa_slug == "ratamba"
    sync(page.delete)
    assert keys() == []


class BrokenEngine:
    name = "broken"

    def index(self, records):
        raise EngineUnavailable("connection refused")

    delete = index


def test_nothing_is_lost_while_an_engine_is_down(live_desa, sync, monkeypatch):
    desa_a, _desa_b = live_desa
    monkeypatch.setattr(
        outbox, "engines", lambda: [get_database_backend(), BrokenEngine()]
    )
    page = sync(publish, news_page(desa_a, title="Tahan banting"))
    entry = OutboxEntry.objects.get()
    assert entry.attempts == 1
    assert "connection refused" in entry.last_error
    assert entry.next_attempt_at > entry.created_at
    # Retries wait for their backoff; then the engine comes back.
    assert outbox.process().applied == 0
    OutboxEntry.objects.update(next_attempt_at=entry.created_at)
    monkeypatch.setattr(outbox, "engines", lambda: [get_database_backend()])
    report = outbox.process()
    assert (report.applied, report.failed, report.remaining) == (1, 0, 0)
    assert keys() == [page.title]


def test_backoff_grows_and_is_capped():
    assert [outbox.backoff(n).seconds for n in (1, 2, 3)] == [2, 4, 8]
    assert outbox.backoff(40) == datetime.timedelta(seconds=outbox.MAX_BACKOFF_SECONDS)


def test_rebuild_is_idempotent(live_desa, sync):
    desa_a, desa_b = live_desa
    sync(publish, news_page(desa_a, title="Berita"))
    sync(publish, wisdom_page(desa_b, title="Lengger"))
    SearchRecord.objects.all().delete()
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("rebuild_search_index", stdout=out)
    first = list(SearchRecord.objects.values_list("key", "title"))
    call_command("rebuild_search_index", stdout=out)
    assert sorted(SearchRecord.objects.values_list("key", "title")) == sorted(first)
    assert sorted(title for _key, title in first) == ["Berita", "Lengger"]


def test_record_extraction(live_desa, sync):
    desa_a, _desa_b = live_desa
    page = news_page(
        desa_a,
        title="Curug",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Air &amp; <b>batu</b></p>"},
                {"type": "quote", "value": {"text": "Indah", "attribution": "Warga"}},
            ]
        ),
    )
    page.tags.add("wisata")
    sync(publish, page)
    record = record_for(page.pk)
    assert record.id == f"page:{page.pk}"
    assert record.kind == "news"
    assert record.body == "Air & batu Indah Warga"
    assert record.desa.kode_kemendagri == "33.04.15.2005"
    assert record.tags == ("wisata",)
    assert (
        record.url == "https://portal.example/desa/giritirta/berita/" + page.slug + "/"
    )
    assert stream_text(None) == ""


def test_development_stages_stay_out_of_the_category_facet(live_desa, sync):
    from aggregator.query import SearchQuery
    from tests.factories import development_page

    desa_a, _desa_b = live_desa
    news = sync(publish, news_page(desa_a, title="Kerja bakti"))
    sync(publish, development_page(desa_a, title="Jalan usaha tani"))
    project = record_for(SearchRecord.objects.get(kind="development").key)
    assert (project.category_slug, project.category_name) == ("", "")
    results = get_database_backend().search(SearchQuery())
    assert results.total == 2
    categories = [bucket.key for bucket in results.facets["category"]]
    assert categories == [news.category.slug]


def test_search_thumbnails_are_the_live_pages_renditions(live_desa, sync):
    from wagtail_factories import ImageFactory

    from aggregator.query import SearchQuery

    desa_a, _desa_b = live_desa
    published = ImageFactory(title="Terbit", collection=desa_a.roles.collection)
    drafted = ImageFactory(title="Draf", collection=desa_a.roles.collection)
    page = sync(publish, news_page(desa_a, title="Bergambar", hero_image=published))
    page.hero_image = drafted
    sync(page.save_revision)  # a draft with another image: not public yet
    hit = get_database_backend().search(SearchQuery()).hits[0]
    rendition = published.get_rendition("width-400|format-webp")
    assert hit.thumbnail_url.endswith(rendition.url)
    assert hit.thumbnail_url.startswith("http")  # absolute: for the frontends
