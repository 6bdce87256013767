"""Public pages people are proud of: numbers written as Indonesians write
them, search results before their (folded) facets with thumbnails, example
words that find something, a 404 that names the kecamatan, a project's
progress bar inside its card and wide tables that scroll on their own."""

import re

import httpx
import pytest

from frontend_templates.app import create_app
from frontend_templates.common.i18n import angka, persen, rupiah, ukuran
from frontend_templates.portal.views import SEARCH_EXAMPLES

from .fake_api import NEWS, FakeAPI, envelope, search_results

NBSP = "\u00a0"
PROJECT = {
    **NEWS,
    "id": 12,
    "type": "development",
    "title": "Jalan usaha tani",
    "slug": "jalan-usaha-tani",
    "url": "https://giritirta.desa.id/pembangunan/jalan-usaha-tani/",
    "progress": 73,
    "stage": {"slug": "kegiatan", "name": "Kegiatan"},
    "fiscal_year": 2026,
    "funding_source": {"slug": "dana_desa", "name": "Dana Desa"},
    "budget": {
        "total": 1250000,
        "pemerintah": 1000000,
        "provinsi": None,
        "kabupaten": None,
        "swadaya": 250000,
    },
    "location": {"latitude": None, "longitude": None, "address": "RT 01"},
    "origin": {"slug": "opensid", "name": "Dari OpenSID desa"},
}
PROJECT_DETAIL = {
    **PROJECT,
    "body": [],
    "volume": 190.0,
    "unit": "m",
    "executor": "TPK",
    "benefit": "",
    "duration_days": 30,
    "project_type": {"slug": "baru", "name": "Baru"},
    "progress_reports": [
        {"date": "2026-10-01", "percent": 73, "note": "Pengecoran", "photo": None}
    ],
}
THUMBNAIL = "http://cms/media/images/curug.width-400.webp"


class PublicAPI(FakeAPI):
    """The fake API with a development project and search results with
    thumbnails: one rendition on the CMS, one image of a desa's own site."""

    def route(self, path, params):
        if path == "/api/v2/development/":
            return envelope([PROJECT])
        if path == "/api/v2/find/" and params.get("section") == "pembangunan":
            return PROJECT_DETAIL
        if path == "/api/v2/search/":
            results = search_results(params)
            first = results["items"][0]
            results["items"] = [
                {**first, "thumbnail_url": THUMBNAIL},
                {
                    **first,
                    "id": "feed:1:a",
                    "title": "Dari situs desa",
                    "thumbnail_url": "https://giritirta.example/foto.jpg",
                    "external": True,
                },
            ]
            results["meta"]["total_count"] = 1250
            return results
        return super().route(path, params)


@pytest.fixture
def client():
    app = create_app("http://cms", transport=httpx.MockTransport(PublicAPI()))
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


# Numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [(73, f"73,0{NBSP}%"), (73.04, f"73,0{NBSP}%"), (100, f"100,0{NBSP}%")],
)
def test_percentages_have_a_decimal_comma(value, expected):
    assert persen(value) == expected


def test_numbers_measures_and_money_are_written_the_indonesian_way():
    assert angka(1250) == "1.250"
    assert angka("190.50", 1) == "190,5"
    assert ukuran(190, "m") == f"190,0{NBSP}m"
    assert ukuran("190.00", "m") == f"190,0{NBSP}m"
    assert rupiah(1250000) == "Rp 1.250.000"
    assert rupiah("1250000.00") == "Rp 1.250.000"
    # Missing figures stay empty rather than "None" or "Rp 0".
    assert angka(None) == persen(None) == ukuran(None, "m") == rupiah(None) == ""
    assert persen("tidak") == ""


def test_a_project_page_shows_indonesian_numbers(client):
    html = page(client, "/desa/giritirta/pembangunan/jalan-usaha-tani/")
    assert f"73,0{NBSP}%" in html
    assert f"190,0{NBSP}m" in html
    assert "Rp 1.250.000" in html and "Rp 250.000" in html
    assert not re.search(r"\d%", html)  # no "73%" left anywhere


# The development list


def test_a_projects_progress_bar_is_inside_its_card(client):
    html = page(client, "/desa/giritirta/pembangunan/")
    cards = re.findall(r'<article class="card">(.*?)</article>', html, re.S)
    assert len(cards) == 1
    assert '<progress class="progress" max="100" value="73"' in cards[0]
    assert html.count("<progress") == 1
    assert "Kegiatan" in cards[0]


# Search


PROJECT_PAGES = (
    "/desa/giritirta/",
    "/desa/giritirta/pembangunan/",
    "/desa/giritirta/pembangunan/jalan-usaha-tani/",
)


@pytest.mark.parametrize("url", PROJECT_PAGES)
def test_a_project_pushed_by_opensid_says_so(client, url):
    assert "dari OpenSID desa" in page(client, url)


@pytest.mark.parametrize("url", PROJECT_PAGES)
def test_a_project_written_here_says_nothing_of_opensid(client, url, monkeypatch):
    here = {"slug": "sini", "name": "Ditulis di sini"}
    monkeypatch.setitem(PROJECT, "origin", here)
    monkeypatch.setitem(PROJECT_DETAIL, "origin", here)
    assert "OpenSID" not in page(client, url)


def test_search_shows_results_before_folded_facets(client):
    html = page(client, "/cari/?q=posyandu")
    assert html.index('class="card result') < html.index('<section id="saring"')
    assert html.count('<details class="facet">') == 4  # none chosen: all folded
    assert "<script" not in html
    assert "1.250 hasil" in html
    narrowed = page(client, "/cari/?q=posyandu&desa=33.04.15.2005")
    assert '<details class="facet" open>' in narrowed  # the chosen one stays open
    assert "<summary>Desa (Giritirta)</summary>" in narrowed


def test_search_results_have_thumbnails_the_pages_may_load(client):
    html = page(client, "/cari/?q=posyandu")
    assert f'<img class="thumb" src="{THUMBNAIL}" alt=""' in html
    # The desa site's own image would be blocked by img-src: left out.
    assert "giritirta.example/foto.jpg" not in html
    assert html.count('<img class="thumb"') == 1


def test_the_search_box_suggests_the_example_words(client):
    for url in ("/cari/", "/"):
        html = page(client, url)
        assert f'placeholder="mis. {", ".join(SEARCH_EXAMPLES)}"' in html


# 404 and tables


@pytest.mark.parametrize("url", ["/tidak-ada/", "/desa/wakanda/"])
def test_the_404_page_names_the_kecamatan(client, url):
    html = page(client, url, status=404)
    assert re.search(r'class="site-name"><a href="/">Kecamatan Pejawaran<', html)
    assert "<title>Halaman tidak ditemukan | Kecamatan Pejawaran</title>" in html
    assert "Portal kecamatan" not in html


def test_the_404_page_keeps_its_desa_header(client):
    html = page(client, "/desa/giritirta/berita/tidak-ada/", status=404)
    assert "Desa Giritirta</a></p>" in html


def test_wide_tables_scroll_in_a_labelled_focusable_region(client):
    # The per-desa table is on the portal's development page.
    html = page(client, "/pembangunan/")
    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" '
        r'aria-label(ledby)?="[^"]+">',
        html,
    )
