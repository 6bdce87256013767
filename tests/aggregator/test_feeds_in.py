"""Reading the feeds of desa not yet migrated: over real HTTP on 127.0.0.1,
from fixture feeds (an OpenSID-shaped RSS 2.0 feed, Atom, hostile HTML) and
every failure a feed can have."""

import gzip
import re
import tracemalloc

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from aggregator.models import SearchRecord
from aggregator.sources.models import ExternalFeed, ExternalItem
from aggregator.sources.sync import sync_all
from tests.conftest import logged_in
from tests.factories import publish

from .feed_server import FEEDS, FeedServer


@pytest.fixture
def server():
    server = FeedServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def feed_settings(settings):
    settings.EXTERNAL_FEEDS = {
        "TIMEOUT": 1.0,
        "MAX_BYTES": 64 * 1024,
        "MAX_REDIRECTS": 3,
        "ALLOWED_HOSTS": ["127.0.0.1"],
    }
    return settings


def feed_for(desa, url) -> ExternalFeed:
    return ExternalFeed.objects.create(desa=desa, url=url)


def records():
    return {
        record.title: record for record in SearchRecord.objects.filter(source="feed")
    }


def english(action, *args):
    with translation.override("en"):
        return action(*args)


def test_an_opensid_feed_becomes_external_news_of_its_desa(
    server, live_desa, sync, client
):
    desa_a, _desa_b = live_desa
    server.feed("/index.php/feed", "opensid.xml")
    feed = feed_for(desa_a, server.url("/index.php/feed"))

    report = sync(sync_all)

    assert (report.failed, report.total("created")) == (0, 2)
    item = ExternalItem.objects.get(guid="artikel-512")
    assert item.desa == desa_a and item.feed == feed
    assert item.link.endswith("/2026/11/10/penyaluran-blt-dana-desa")
    assert item.author == "Admin Desa"
    assert item.categories == ["Pemerintahan"]
    assert item.published_at.isoformat() == "2026-11-10T03:00:00+00:00"
    first = ExternalItem.objects.get(title__startswith="Kerja Bakti")
    assert first.title == "Kerja Bakti Membersihkan Saluran Irigasi & Jalan Dusun"
    assert first.image_url == (
        "https://sidengok.example/desa/upload/artikel/kerja-bakti.jpg"
    )
    assert "<strong>saluran irigasi</strong>" in first.content

    record = records()["Penyaluran BLT Dana Desa Tahap I"]
    assert (record.kind, record.desa_kode, record.url) == (
        "news",
        desa_a.kode_kemendagri,
        item.link,
    )
    found = client.get("/api/v2/search/", {"q": "irigasi"}).json()
    (hit,) = found["items"]
    assert hit["external"] is True
    assert hit["url"] == first.link
    assert hit["desa"]["slug"] == desa_a.slug
    assert "SimpulDesa/" in server.requests[0]["User-Agent"]

    feed.refresh_from_db()
    assert feed.status == "ok" and feed.last_error == ""


def test_rereading_changes_nothing(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    # One feed with validators (conditional GET), one without.
    server.feed("/with-etag", "opensid.xml", etag='"v1"', last_modified="x")
    server.feed("/plain", "atom.xml")
    feed_for(desa_a, server.url("/with-etag"))
    feed_for(desa_a, server.url("/plain"))
    sync(sync_all)
    before = list(ExternalItem.objects.values_list("pk", "updated_at", "fingerprint"))
    indexed = list(SearchRecord.objects.values_list("key", "indexed_at"))

    report = sync(sync_all)

    statuses = sorted(feed.status for feed in report.feeds)
    assert statuses == ["not-modified", "read"]
    assert report.total("created") == report.total("updated") == 0
    (_first, again) = [r for r in server.requests if r["path"] == "/with-etag"]
    assert again["If-None-Match"] == '"v1"'
    assert (
        list(ExternalItem.objects.values_list("pk", "updated_at", "fingerprint"))
        == before
    )
    assert list(SearchRecord.objects.values_list("key", "indexed_at")) == indexed


def test_an_edited_item_is_updated_and_an_item_that_left_the_feed_is_kept(
    server, live_desa, sync
):
    desa_a, _desa_b = live_desa
    original = (FEEDS / "opensid.xml").read_text()
    server.feed("/feed", original.encode())
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)

    # The next window: the BLT article is edited, the other one is gone.
    start = original.index("<item>")
    end = original.index("</item>") + len("</item>")
    edited = (original[:start] + original[end:]).replace(
        "Penyaluran BLT Dana Desa Tahap I", "Penyaluran BLT Dana Desa Tahap I (ralat)"
    )
    server.feed("/feed", edited.encode())
    report = sync(sync_all)

    assert (report.total("created"), report.total("updated")) == (0, 1)
    assert ExternalItem.objects.count() == 2
    assert sorted(records()) == [
        "Kerja Bakti Membersihkan Saluran Irigasi & Jalan Dusun",
        "Penyaluran BLT Dana Desa Tahap I (ralat)",
    ]


def test_atom_feeds_are_read(server, live_desa, sync):
    _desa_a, desa_b = live_desa
    server.feed("/atom", "atom.xml", content_type="application/atom+xml")
    feed_for(desa_b, server.url("/atom"))
    sync(sync_all)
    item = ExternalItem.objects.get()
    assert (item.title, item.author, item.categories) == (
        "Festival Kentang Dataran Tinggi Dieng",
        "Pokdarwis Gembol",
        ["Wisata"],
    )
    assert records()[item.title].desa_kode == desa_b.kode_kemendagri


def test_html_from_feeds_is_sanitised(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/hostile", "hostile.xml")
    feed_for(desa_a, server.url("/hostile"))
    report = sync(sync_all)
    item = ExternalItem.objects.get()  # the entry without link or guid is skipped
    assert report.total("created") == 1
    stored = " ".join([item.title, item.summary, item.content]).lower()
    for forbidden in ("<script", "onclick", "onerror", "onmouseover", "javascript:"):
        assert forbidden not in stored
    assert "<iframe" not in stored and "<style" not in stored
    assert "data:text/html" not in stored
    assert '<a href="https://ok.example/"' in item.content
    body = records()[item.title].body
    assert "alert" not in body and "steal" not in body


def failing_routes(server):
    """Every way a feed can fail, with the message its feed records."""
    server.feed("/malformed", "malformed.xml")
    server.feed("/wrong-encoding", "wrong-encoding.xml")
    server.feed("/html", "page.html", content_type="text/html; charset=utf-8")
    server.routes["/error"] = (500, {}, b"Internal Server Error")
    server.slow("/slow", 3)
    huge = b"<rss>" + b" " * (65 * 1024)
    server.routes["/huge"] = (200, {"Content-Type": "application/rss+xml"}, huge)
    server.endless("/endless")
    server.redirect("/loop-a", "/loop-b")
    server.redirect("/loop-b", "/loop-a")
    for hop in range(5):
        server.redirect(f"/hop-{hop}", f"/hop-{hop + 1}")
    return {
        "/malformed": "not well-formed XML",
        "/wrong-encoding": "not in the encoding it declares",
        "/html": "returned an HTML page",
        "/missing": "not found (HTTP 404)",
        "/error": "answered HTTP 500",
        "/slow": "No answer within 1 seconds",
        "/huge": "larger than 64 KB",
        "/endless": "larger than 64 KB",
        "/loop-a": "redirects in a loop",
        "/hop-0": "Too many redirects",
    }


def test_each_failing_feed_records_its_error_and_never_stops_the_others(
    server, live_desa, sync
):
    desa_a, desa_b = live_desa
    expected = failing_routes(server)
    for path in expected:
        feed_for(desa_a, server.url(path))
    server.feed("/good", "opensid.xml")
    good = feed_for(desa_b, server.url("/good"))

    report = english(sync, sync_all)

    assert report.failed == len(expected)
    for path, message in expected.items():
        feed = ExternalFeed.objects.get(url=server.url(path))
        assert feed.status == "error", path
        assert message in feed.last_error, (path, feed.last_error)
        assert feed.last_success_at is None
    good.refresh_from_db()
    assert good.status == "ok"
    assert ExternalItem.objects.filter(desa=desa_b).count() == 2
    assert not ExternalItem.objects.filter(desa=desa_a).exists()


def test_a_failure_after_a_success_keeps_the_items(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed = feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    server.routes["/feed"] = (500, {}, b"")
    english(sync, sync_all)
    feed.refresh_from_db()
    assert feed.status == "error" and feed.last_success_at is not None
    assert len(records()) == 2


def test_redirects_are_followed_within_the_limit(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    server.redirect("/old-feed", "/feed", status=301)
    feed_for(desa_a, server.url("/old-feed"))
    assert sync(sync_all).failed == 0
    assert ExternalItem.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:{port}/feed", "loopback or private addresses"),
        ("http://localhost:{port}/feed", "loopback or private addresses"),
        ("http://10.1.2.3/feed", "loopback or private addresses"),
        ("http://169.254.169.254/latest/meta-data", "loopback or private addresses"),
        ("http://[::1]:{port}/feed", "loopback or private addresses"),
        ("ftp://desa.example/feed", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
    ],
)
def test_private_addresses_and_other_schemes_are_refused(
    server, live_desa, sync, feed_settings, url, message
):
    desa_a, _desa_b = live_desa
    feed_settings.EXTERNAL_FEEDS = {**feed_settings.EXTERNAL_FEEDS, "ALLOWED_HOSTS": []}
    server.feed("/feed", "opensid.xml")
    port = server.httpd.server_address[1]
    feed = feed_for(desa_a, url.format(port=port))
    english(sync, sync_all)
    feed.refresh_from_db()
    assert message in feed.last_error
    assert server.requests == []  # nothing was fetched


def test_a_redirect_to_a_private_address_is_refused(
    server, live_desa, sync, feed_settings
):
    desa_a, _desa_b = live_desa
    server.redirect("/feed", "http://10.0.0.1/internal")
    feed = feed_for(desa_a, server.url("/feed"))
    english(sync, sync_all)
    feed.refresh_from_db()
    assert "loopback or private addresses" in feed.last_error


def test_the_admin_form_refuses_private_and_non_http_urls(desa_a):
    from django.core.exceptions import ValidationError

    for url in ("http://10.0.0.1/feed", "ftp://desa.example/feed"):
        with pytest.raises(ValidationError):
            ExternalFeed(desa=desa_a, url=url).full_clean()


def test_an_unpublished_or_private_desa_takes_its_items_out_of_search(
    server, live_desa, sync
):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    assert len(records()) == 2

    sync(desa_a.unpublish)
    assert records() == {}
    sync(publish, desa_a)
    assert len(records()) == 2

    restriction = sync(
        PageViewRestriction.objects.create,
        page=desa_a,
        restriction_type=PageViewRestriction.PASSWORD,
        password="rahasia",
    )
    assert records() == {}
    sync(restriction.delete)
    assert len(records()) == 2


def test_integrating_a_desa_keeps_its_external_items_until_a_moderator_removes_them(
    server, live_desa, sync, moderator
):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)

    desa_a.integration_status = "terintegrasi"
    sync(publish, desa_a)
    assert len(records()) == 2

    item = ExternalItem.objects.get(guid="artikel-512")
    admin = logged_in(moderator)
    url = reverse("wagtailsnippets_sources_externalitem:delete", args=[item.pk])
    response = sync(admin.post, url)
    assert response.status_code == 302
    assert sorted(records()) == [
        "Kerja Bakti Membersihkan Saluran Irigasi & Jalan Dusun"
    ]


def test_a_rebuild_includes_external_items(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    SearchRecord.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(records()) == 2


def test_the_command_reports_each_feed_and_fails_when_one_did(
    server, live_desa, sync, capsys
):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    feed_for(desa_a, server.url("/missing"))
    with pytest.raises(SystemExit) as exit_code:
        english(sync, call_command, "sync_external_feeds")
    assert exit_code.value.code == 1
    output = capsys.readouterr().out
    assert "2 new, 0 updated, 0 unchanged" in output
    assert "not found (HTTP 404)" in output
    assert "2 feeds, 1 failed" in output


def test_the_task_reads_the_feeds(server, live_desa, sync):
    from aggregator.sources.tasks import sync_external_feeds

    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    result = sync(sync_external_feeds.enqueue)
    assert result.return_value == {"feeds": 1, "failed": 0, "created": 2, "updated": 0}


def test_the_admin_lists_each_feed_with_its_status(
    server, live_desa, sync, moderator, editor_a
):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    feed_for(desa_a, server.url("/missing"))
    english(sync, sync_all)
    url = reverse("wagtailsnippets_sources_externalfeed:list")
    with translation.override("en"):
        page = logged_in(moderator).get(url, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert server.url("/missing") in html
    assert "The feed was not found (HTTP 404)." in html
    assert re.search(r"<td >\s*2\s*</td>", html)  # items from the good feed
    assert logged_in(editor_a).get(url).status_code in (302, 403)


def test_a_compressed_bomb_is_stopped_at_the_size_limit(server, live_desa, sync):
    desa_a, desa_b = live_desa
    bomb = gzip.compress(b"<rss>" + b" " * (8 * 1024 * 1024))  # 8 MB in ~8 KB
    server.routes["/bomb"] = (
        200,
        {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        bomb,
    )
    ok = gzip.compress((FEEDS / "opensid.xml").read_bytes())
    server.routes["/gzipped"] = (
        200,
        {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        ok,
    )
    bad = feed_for(desa_a, server.url("/bomb"))
    good = feed_for(desa_b, server.url("/gzipped"))
    tracemalloc.start()
    english(sync, sync_all)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Never decompressed in full: memory stays far below the bomb's 8 MB.
    assert peak < 4 * 1024 * 1024, peak
    bad.refresh_from_db()
    good.refresh_from_db()
    assert len(bomb) < 64 * 1024 and "larger than 64 KB" in bad.last_error
    assert good.status == "ok"
    assert ExternalItem.objects.filter(desa=desa_b).count() == 2


def test_a_guid_twice_in_one_feed_does_not_flip_between_runs(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    text = (FEEDS / "opensid.xml").read_text()
    # Both items carry the BLT article's guid, with different titles.
    twice = re.sub(
        r'<guid isPermaLink="true">[^<]*</guid>',
        '<guid isPermaLink="false">artikel-512</guid>',
        text,
    )
    server.feed("/feed", twice.encode())
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    first = ExternalItem.objects.get().title
    for _run in range(2):
        report = sync(sync_all)
        assert report.total("updated") == 0
    assert ExternalItem.objects.get().title == first


def test_a_removed_item_does_not_come_back(server, live_desa, sync, moderator):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    item = ExternalItem.objects.get(guid="artikel-512")
    sync(item.delete)
    sync(sync_all)
    assert not ExternalItem.objects.filter(guid="artikel-512").exists()
    assert len(records()) == 1


def test_a_host_name_resolving_to_a_private_address_is_refused(
    server, live_desa, sync, feed_settings, monkeypatch
):
    import socket

    desa_a, _desa_b = live_desa
    feed_settings.EXTERNAL_FEEDS = {**feed_settings.EXTERNAL_FEEDS, "ALLOWED_HOSTS": []}
    server.feed("/feed", "opensid.xml")
    port = server.httpd.server_address[1]
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "feed.desa.example":  # a public-looking name, a private answer
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    feed = feed_for(desa_a, f"http://feed.desa.example:{port}/feed")
    english(sync, sync_all)
    feed.refresh_from_db()
    assert "loopback or private addresses" in feed.last_error
    assert server.requests == []


@pytest.mark.parametrize(
    "address",
    ["[::ffff:10.0.0.1]", "[64:ff9b::a00:1]", "[2002:7f00:1::]", "0.0.0.0"],  # noqa: S104
)
def test_ipv4_hidden_in_ipv6_and_unspecified_addresses_are_refused(
    live_desa, sync, feed_settings, address
):
    desa_a, _desa_b = live_desa
    feed_settings.EXTERNAL_FEEDS = {**feed_settings.EXTERNAL_FEEDS, "ALLOWED_HOSTS": []}
    feed = feed_for(desa_a, f"http://{address}/feed")
    english(sync, sync_all)
    feed.refresh_from_db()
    assert "loopback or private addresses" in feed.last_error


def test_utf8_served_as_text_xml_without_charset_is_read(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/feed", "opensid.xml", content_type="text/xml")
    feed = feed_for(desa_a, server.url("/feed"))
    sync(sync_all)
    feed.refresh_from_db()
    assert feed.status == "ok", feed.last_error
    assert ExternalItem.objects.count() == 2


def test_an_error_while_storing_is_recorded_and_the_others_go_on(
    server, live_desa, sync, monkeypatch
):
    from aggregator.sources import sync as sync_module

    desa_a, desa_b = live_desa
    server.feed("/feed", "opensid.xml")
    server.feed("/atom", "atom.xml")
    broken = feed_for(desa_a, server.url("/feed"))
    feed_for(desa_b, server.url("/atom"))
    real_store = sync_module.store

    def store(feed, entries, now):
        if feed.pk == broken.pk:
            raise RuntimeError("database said no")
        return real_store(feed, entries, now)

    monkeypatch.setattr(sync_module, "store", store)
    report = english(sync, sync_all)
    broken.refresh_from_db()
    assert report.failed == 1
    assert "Unexpected error while reading the feed: RuntimeError" in broken.last_error
    assert ExternalItem.objects.filter(desa=desa_b).count() == 1


def test_a_new_address_is_read_in_full(server, live_desa, sync):
    desa_a, _desa_b = live_desa
    server.feed("/old", "atom.xml", etag='"same"')
    server.feed("/new", "opensid.xml", etag='"same"')
    feed = feed_for(desa_a, server.url("/old"))
    sync(sync_all)
    feed.refresh_from_db()
    feed.url = server.url("/new")
    feed.save()
    sync(sync_all)
    assert ExternalItem.objects.count() == 3


def test_a_changing_dns_answer_cannot_redirect_the_connection(
    server, live_desa, sync, feed_settings, monkeypatch
):
    """Rebinding: the first answer is public, any later one is loopback.
    The connection must go to the address that was checked."""
    import socket

    desa_a, _desa_b = live_desa
    feed_settings.EXTERNAL_FEEDS = {**feed_settings.EXTERNAL_FEEDS, "ALLOWED_HOSTS": []}
    server.feed("/feed", "opensid.xml")
    port = server.httpd.server_address[1]
    real = socket.getaddrinfo
    answers = iter(["1.1.1.1"])  # public; unreachable from here

    def resolve(host, *args, **kwargs):
        if host == "rebind.desa.example":
            return real(next(answers, "127.0.0.1"), *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    feed = feed_for(desa_a, f"http://rebind.desa.example:{port}/feed")
    sync(sync_all)
    feed.refresh_from_db()
    assert feed.status == "error"
    assert server.requests == []  # never reached the loopback server
