"""The frontends against a fake API: routing by Host, pages, SEO, weight,
resilience (stale cache, 503, 404), and the isolation from the CMS code."""

import ast
import json
import re
from pathlib import Path

import httpx
import pytest

from frontend_templates.app import create_app
from frontend_templates.common.client import (
    APIClient,
    NotFound,
    TTLCache,
    Unavailable,
)

from .fake_api import FakeAPI

ROOT = Path(__file__).resolve().parents[2] / "frontend_templates"


@pytest.fixture
def fake():
    return FakeAPI()


@pytest.fixture
def client(fake):
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    return app.test_client()


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


# The client


def test_client_caches_and_serves_stale_when_the_api_fails(fake):
    api = APIClient("http://cms", ttl=0, transport=httpx.MockTransport(fake))
    first = api.listing("news")
    fake.down = True
    assert api.listing("news") == first  # stale, but served
    with pytest.raises(Unavailable):
        api.listing("tourism")
    fake.down = False
    with pytest.raises(NotFound):
        api.find("giritirta", "berita", "tidak-ada")


def test_client_reuses_fresh_answers(fake):
    api = APIClient("http://cms", ttl=60, transport=httpx.MockTransport(fake))
    api.listing("news", limit=3)
    api.listing("news", limit=3)
    assert len(fake.calls) == 1


def test_the_cache_is_bounded_and_searches_cannot_flush_the_pages(fake):
    api = APIClient("http://cms", ttl=60, transport=httpx.MockTransport(fake))
    api.cache = TTLCache(size=10, visitor_size=3)
    api.listing("news", limit=3)
    for n in range(20):  # a visitor's flood of distinct searches
        api.search(q=f"kata{n}")
    assert len(api.cache) == 1 + 3
    calls = len(fake.calls)
    api.listing("news", limit=3)
    assert len(fake.calls) == calls  # still served from the cache
    for offset in range(20):
        api.listing("news", offset=offset)
    assert len(api.cache) == 10 + 3


def test_previews_are_never_cached(fake):
    api = APIClient("http://cms", ttl=60, transport=httpx.MockTransport(fake))
    api.preview("ok", "33.04.15.2005")
    api.preview("ok", "33.04.15.2005")
    assert len(fake.calls) == 2


def test_server_errors_and_timeouts_are_unavailable():
    def broken(request):
        raise httpx.ReadTimeout("slow", request=request)

    api = APIClient("http://cms", transport=httpx.MockTransport(broken))
    with pytest.raises(Unavailable):
        api.dashboard()
    api = APIClient(
        "http://cms", transport=httpx.MockTransport(lambda r: httpx.Response(502))
    )
    with pytest.raises(Unavailable):
        api.dashboard()


# Pages


def test_portal_home(client):
    page = html(client.get("/"))
    assert "<h1>Kecamatan Pejawaran</h1>" in page
    assert "Giritirta" in page and "Posyandu balita" in page
    development = html(client.get("/pembangunan/"))
    assert "<svg" in development  # the inline charts


def test_desa_site_on_its_own_domain_and_on_the_portal(client):
    own = html(client.get("/", headers={"Host": "giritirta.desa.id"}))
    assert "<h1>Desa Giritirta</h1>" in own
    assert 'href="/berita/"' in own  # links without the /desa/ prefix
    portal = html(client.get("/desa/giritirta/"))
    assert 'href="/desa/giritirta/berita/"' in portal


@pytest.mark.parametrize(
    ("url", "host", "title"),
    [
        ("/feed", "giritirta.desa.id", b"Berita Desa Giritirta"),
        ("/index.php/feed", "giritirta.desa.id", b"Berita Desa Giritirta"),
        ("/desa/giritirta/index.php/feed", "localhost", b"Berita Desa Giritirta"),
        ("/desa/giritirta/feed/", "localhost", b"Berita Desa Giritirta"),
        ("/feed", "localhost", b"Semua desa"),
        ("/feed/atom/", "localhost", b"Semua desa"),
    ],
)
def test_feeds_are_passed_through_from_the_api(client, url, host, title):
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 200
    assert title in response.data
    kind = "atom" if "atom" in url else "rss"
    assert response.content_type == f"application/{kind}+xml; charset=utf-8"


def test_pages_point_feed_readers_to_the_feed(client):
    own = html(client.get("/", headers={"Host": "giritirta.desa.id"}))
    assert 'type="application/rss+xml"' in own and 'href="/feed"' in own
    portal = html(client.get("/"))
    assert 'href="/feed"' in portal


def test_news_detail_with_images_and_json_ld(client):
    page = html(client.get("/berita/posyandu/", headers={"Host": "giritirta.desa.id"}))
    assert "<b>berita</b>" in page
    assert 'srcset="http://cms/media/a.400.webp 400w' in page
    assert 'width="800" height="450"' in page
    assert 'loading="lazy"' in page
    assert 'alt="Curug Mrawu"' in page
    assert (
        '<link rel="canonical" href="https://giritirta.desa.id/berita/posyandu/">'
        in page
    )
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert [json.loads(b)["@type"] for b in blocks] == ["NewsArticle"]


def test_tourism_detail(client):
    page = html(client.get("/desa/giritirta/wisata/curug-mrawu/"))
    assert "Rp 5.000" in page
    assert "07.00-17.00" in page and "Parkir" in page
    assert "geo:-7.2,109.7" in page
    assert '"TouristAttraction"' in page


def test_search_with_facets_that_work_without_javascript(client):
    page = html(client.get("/cari/?q=posyandu"))
    assert "<mark>Posyandu</mark> &lt;b&gt;" in page
    assert 'href="?q=posyandu&amp;desa=33.04.15.2005"' in page
    narrowed = html(client.get("/cari/?q=posyandu&desa=33.04.15.2005"))
    assert 'aria-current="true"' in narrowed


def test_interface_is_indonesian_with_indonesian_dates(client):
    page = html(client.get("/desa/giritirta/berita/"))
    assert '<html lang="id">' in page
    assert "Langsung ke isi" in page
    assert "20 November 2026" in page


def test_sitemaps_and_robots(client):
    portal = client.get("/sitemap.xml")
    assert portal.mimetype == "application/xml"
    assert b"http://portal/desa/ratamba/" in portal.data
    desa = client.get("/sitemap.xml", headers={"Host": "giritirta.desa.id"}).data
    assert b"https://giritirta.desa.id/berita/posyandu/" in desa
    assert b"Sitemap:" in client.get("/robots.txt").data


def test_preview_renders_the_draft_not_indexed(client):
    page = html(client.get("/preview/?token=ok", headers={"Host": "giritirta.desa.id"}))
    assert "Draf rahasia" in page
    assert '<meta name="robots" content="noindex">' in page
    assert client.get("/desa/giritirta/preview/?token=bad").status_code == 404


def test_preview_tells_the_api_which_site_renders_it(client, fake):
    assert "Draf rahasia" in html(client.get("/desa/giritirta/preview/?token=ok"))
    assert "desa=33.04.15.2005" in fake.calls[-1]
    # Giritirta's draft on Ratamba's site or on the portal: not found.
    assert client.get("/desa/ratamba/preview/?token=ok").status_code == 404
    assert "desa=33.04.15.2011" in fake.calls[-1]
    assert client.get("/preview/?token=ok").status_code == 404
    assert "desa=kecamatan" in fake.calls[-1]
    # The kecamatan's own draft renders on the portal only.
    assert "Draf kecamatan" in html(client.get("/preview/?token=kec"))
    assert client.get("/desa/giritirta/preview/?token=kec").status_code == 404


def test_unknown_pages_are_404(client):
    assert client.get("/desa/wakanda/").status_code == 404
    assert client.get("/desa/giritirta/berita/tidak-ada/").status_code == 404
    missing = client.get("/tidak-ada/")
    assert missing.status_code == 404
    assert "Halaman tidak ditemukan" in missing.get_data(as_text=True)


def test_api_down_gives_a_friendly_503_or_the_stale_page(client, fake):
    html(client.get("/desa/giritirta/"))
    fake.down = True
    app_cache = client.application.extensions["cms_api"]
    app_cache.ttl = 0
    assert client.get("/desa/giritirta/").status_code == 200  # stale copy
    down = client.get("/cari/?q=belum-pernah")
    assert down.status_code == 503
    text = down.get_data(as_text=True)
    assert "Layanan informasi sedang sibuk" in text
    assert "Traceback" not in text


@pytest.mark.parametrize(
    "url",
    ["/", "/cari/?q=posyandu", "/desa/giritirta/", "/desa/giritirta/berita/posyandu/"],
)
def test_pages_are_light_and_need_no_javascript(client, url):
    page = html(client.get(url))
    css = client.get("/static/site.css").data
    assert len(page.encode()) + len(css) <= 100_000
    scripts = re.findall(r"<script(?![^>]*application/ld\+json)", page)
    assert scripts == []
    assert "fonts.googleapis" not in page


def test_the_frontend_never_imports_the_cms():
    forbidden = {"cms", "api", "aggregator", "django", "wagtail"}
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path}: {name}"


def test_the_indonesian_catalogue_is_complete_and_current():
    from babel.messages.extract import extract_from_dir
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    in_code = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "N_": None}
    ):
        in_code.add(message if isinstance(message, str) else message[0])
    folder = ROOT / "locale" / "id" / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    with open(folder / "messages.mo", "rb") as handle:
        compiled = read_mo(handle)
    translated = {m.id for m in catalogue if m.id and m.string}
    assert in_code <= translated
    assert {m.id for m in compiled if m.id} == translated
