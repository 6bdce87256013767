"""The frontend against the real CMS API (no browser): whatever a visitor
sends is a page or a 404, and the API's per-visitor search limit counts the
visitor's own searches only, answered with the frontend's 429 page."""

import re

import httpx
import pytest

from frontend_templates.app import create_app

from .conftest import FRONTEND_KEY

VISITOR = "198.51.100.9"  # an office behind one address, not the tests' own


@pytest.fixture
def frontend(stack, monkeypatch):
    """The frontend in process, with the key the CMS knows, for one visitor."""
    monkeypatch.setenv("CMS_API_KEY", FRONTEND_KEY)
    monkeypatch.setenv("PORTAL_URL", stack["front"])
    app = create_app(stack["cms"])
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = VISITOR
    return app, client


@pytest.mark.parametrize(
    "path",
    [
        "/cari/?q=kopi&page=%C2%B2",
        "/cari/?q=kopi&page=%D9%A3",
        "/cari/?q=kopi&page=99999999999999999999",
        "/cari/?q=kopi&page=-1",
        "/cari/?q=kopi&page=%00",
        "/cari/?q=%00",
        "/cari/?q=" + "kopi" * 100,
        "/cari/?year=%C2%B2&desa=%00&kind=x&category=%FF",
        "/cari/?year=99999999999999999999",
        "/berita/?page=%C2%B2",
        "/desa/pegundungan/berita/?page=%C2%B2",
        "/desa/pegundungan/pembangunan/?page=%D9%A3",
        "/desa/pegundungan/berita/?kategori=%00",
        "/desa/pegundungan/berita/%00/",
        "/desa/pegundungan/preview/?token=%00",
        "/preview/?token=x",
    ],
)
def test_odd_input_is_a_page_or_a_404(stack, path):
    response = httpx.get(stack["front"] + path, timeout=30)
    assert response.status_code in (200, 404), response.status_code


def test_listing_pages_do_not_use_up_the_visitors_search_limit(frontend):
    """More listing views than the API's 120 requests a minute: each asks
    the search endpoint for its category facets, as the frontend."""
    app, client = frontend
    api = app.extensions["cms_api"]
    for _view in range(125):
        api.cache.clear()  # every view goes to the API
        assert client.get("/desa/pegundungan/berita/").status_code == 200


def test_over_the_search_limit_the_visitor_gets_the_429_page(frontend):
    _app, client = frontend
    statuses = [client.get(f"/cari/?q=banjir{n}").status_code for n in range(125)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    response = client.get("/cari/?q=Musyawarah")
    assert response.status_code == 429
    assert re.fullmatch(r"[1-9][0-9]*", response.headers["Retry-After"])
    assert "Terlalu banyak permintaan" in response.get_data(as_text=True)
