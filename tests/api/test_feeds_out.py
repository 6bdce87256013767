"""OpenSID-compatible feeds, read back with feedparser (an independent
parser): every field OpenSID emits, escaping, and nothing non-public."""

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import news_page, publish

from .conftest import body_with

TRICKY = 'Bersih Désa & <Sedekah> "Bumi" di Kaliajir'


@pytest.fixture
def feeds_world(world, desa_a, editor_a):
    tricky = news_page(
        desa_a,
        title=TRICKY,
        slug="bersih-desa",
        summary='Warga & perangkat: <tradisi> "nyadran" — ꦗꦮ',
        body=body_with(image=world["image"]),
        hero_image=world["image"],
    )
    publish(tricky)
    news_page(desa_a, title="Draf rahasia", slug="draf", live=False)
    private = publish(news_page(desa_a, title="Berita privat", slug="privat"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    moderated = news_page(desa_a, title="Dalam moderasi", slug="moderasi", live=False)
    moderated.save_revision(user=editor_a)
    moderated.get_workflow().start(moderated, editor_a)
    return {**world, "tricky": tricky}


def parsed(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == content_type
    document = feedparser.parse(response.content)
    assert not document.bozo, document.bozo_exception
    assert document.encoding.lower() == "utf-8"
    return document


def test_a_desa_feed_has_every_field_opensid_emits(client, feeds_world, desa_a):
    feed = parsed(
        client,
        f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/",
        "application/rss+xml; charset=utf-8",
    )
    assert feed.version == "rss20"
    assert feed.feed.title == "Berita Desa Giritirta"
    assert feed.feed.link == "https://giritirta.desa.id/"
    assert feed.feed.language == "id"
    # atom:link rel=self: the feed on the desa's own site.
    assert {"rel": "self", "href": "https://giritirta.desa.id/feed"}.items() <= next(
        link for link in feed.feed.links if link["rel"] == "self"
    ).items()
    titles = [entry.title for entry in feed.entries]
    assert sorted(titles) == sorted([TRICKY, "Posyandu Giritirta"])

    entry = next(entry for entry in feed.entries if entry.title == TRICKY)
    page = feeds_world["tricky"]
    assert entry.link == "https://giritirta.desa.id/berita/bersih-desa/"
    assert entry.id == f"tag:testserver,{page.first_published_at.year}:news/{page.pk}"
    assert entry.guidislink is False
    # The news date at midnight in Jakarta (published on another day).
    assert entry.published_parsed[:5] == (2026, 10, 31, 17, 0)
    assert "+0700" in entry.published
    assert [tag.term for tag in entry.tags] == [page.category.name]
    assert entry.author == "Desa Giritirta"  # dc:creator
    # description: the image and the excerpt, escaped once.
    assert 'src="http://testserver/media/images/' in entry.summary
    assert "Warga &amp; perangkat: &lt;tradisi&gt;" in entry.summary
    assert "ꦗꦮ" in entry.summary
    # content:encoded: the full body with absolute URLs.
    content = entry.content[0].value
    assert "<h2>Kabar</h2>" in content
    assert 'src="http://testserver/media/images/' in content
    assert "<figcaption>Foto</figcaption>" in content


def test_escaping_survives_a_raw_look_at_the_xml(client, feeds_world, desa_a):
    xml = client.get(f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/").content
    text = xml.decode("utf-8")
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert 'Bersih Désa &amp; &lt;Sedekah&gt; "Bumi"' in text
    assert 'xmlns:content="http://purl.org/rss/1.0/modules/content/"' in text
    assert 'xmlns:dc="http://purl.org/dc/elements/1.1/"' in text


def test_drafts_moderation_private_and_other_desa_never_appear(
    client, feeds_world, desa_a, desa_b
):
    for url in (
        f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/",
        "/api/v2/feed/",
        "/api/v2/feed/atom/",
    ):
        text = client.get(url).content.decode()
        for hidden in ("Draf rahasia", "Berita privat", "Dalam moderasi"):
            assert hidden not in text, (url, hidden)
    own = client.get(f"/api/v2/desa/{desa_b.kode_kemendagri}/feed/").content.decode()
    assert "Kerja bakti Ratamba" in own and "Posyandu" not in own


def test_the_aggregated_feed_covers_every_desa_and_the_kecamatan(client, feeds_world):
    feed = parsed(client, "/api/v2/feed/", "application/rss+xml; charset=utf-8")
    by_title = {entry.title: entry for entry in feed.entries}
    assert set(by_title) == {
        TRICKY,
        "Posyandu Giritirta",
        "Kerja bakti Ratamba",
        "Rapat koordinasi",
    }
    assert by_title["Kerja bakti Ratamba"].author == "Desa Ratamba"
    assert by_title["Rapat koordinasi"].author.startswith("Kecamatan ")
    assert by_title["Kerja bakti Ratamba"].link == (
        "https://portal.example/desa/ratamba/berita/kerja-bakti/"
    )


def test_atom_variants(client, feeds_world, desa_a):
    for url in (
        "/api/v2/feed/atom/",
        f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/atom/",
    ):
        feed = parsed(client, url, "application/atom+xml; charset=utf-8")
        assert feed.version == "atom10"
        entry = next(entry for entry in feed.entries if entry.title == TRICKY)
        assert entry.link == "https://giritirta.desa.id/berita/bersih-desa/"
        assert "<h2>Kabar</h2>" in entry.content[0].value


def test_at_most_fifty_items_newest_first(client, desa_a):
    import datetime

    publish(desa_a)
    for day in range(55):
        publish(
            news_page(
                desa_a,
                title=f"Hari {day}",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            )
        )
    feed = parsed(
        client,
        f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/",
        "application/rss+xml; charset=utf-8",
    )
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Hari 54" and feed.entries[-1].title == "Hari 5"


def test_bad_requests_get_json_errors(client, feeds_world, desa_a):
    missing = client.get("/api/v2/desa/33.04.15.2999/feed/")
    assert missing.status_code == 404 and "message" in missing.json()
    malformed = client.get("/api/v2/desa/not-a-code/feed/")
    assert malformed.status_code == 404 and "message" in malformed.json()
    posted = client.post(f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/")
    assert posted.status_code == 405 and "message" in posted.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/feed/?page=2",
        "/api/v2/feed/atom/?utm_source=x",
        "/api/v2/desa/33.04.15.2005/feed/?x=1",
        "/api/v2/desa/33.04.15.2005/feed/atom/?feed=rss&feed=atom",
    ],
)
def test_unknown_query_parameters_are_a_400_and_never_cached(client, desa_a, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "X-Cache" not in response
    assert url.split("?")[1].split("=")[0] in response.json()["message"]


def test_dashboard_rows_carry_the_integration_and_feed_status(client, world, desa_a):
    from django.utils import timezone

    from aggregator.sources.models import ExternalFeed

    now = timezone.now()
    ExternalFeed.objects.create(
        desa=desa_a, url="https://a.example/feed", last_success_at=now
    )
    ExternalFeed.objects.create(
        desa=desa_a, url="https://b.example/feed", last_error_at=now, last_error="x"
    )
    rows = {
        row["desa"]["slug"]: row["integration"]
        for row in client.get("/api/v2/dashboard/").json()["desa"]
    }
    assert rows["giritirta"]["status"] == {"slug": "feed", "name": "Melalui feed"}
    assert rows["giritirta"]["feeds"]["count"] == 2
    assert rows["giritirta"]["feeds"]["status"] == "error"
    assert rows["giritirta"]["feeds"]["last_success_at"] is not None
    assert rows["ratamba"]["feeds"] == {
        "count": 0,
        "status": "none",
        "last_success_at": None,
        "last_error_at": None,
        "items": 0,
    }


def test_feeds_are_indonesian_whatever_the_first_reader_asked(client, feeds_world):
    english = client.get("/api/v2/feed/", HTTP_ACCEPT_LANGUAGE="en")
    again = client.get("/api/v2/feed/", HTTP_ACCEPT_LANGUAGE="id")
    for response in (english, again):
        assert feedparser.parse(response.content).feed.title.startswith("Berita desa")


def test_control_characters_from_pasted_text_do_not_break_the_feed(client, desa_a):
    publish(desa_a)
    publish(news_page(desa_a, title="Rapat\x0bdesa", summary="Ringkas\x0c\x1f"))
    response = client.get(f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.entries[0].title == "Rapatdesa"


def test_posting_to_a_feed_is_a_json_405_even_with_csrf_checks(desa_a):
    from django.test import Client

    publish(desa_a)
    strict = Client(enforce_csrf_checks=True)
    for url in (f"/api/v2/desa/{desa_a.kode_kemendagri}/feed/", "/api/v2/feed/"):
        response = strict.post(url)
        assert response.status_code == 405 and "message" in response.json()
