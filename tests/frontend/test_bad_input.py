"""Whatever a visitor puts in the query string gets a page or a 404, never
a 500 or 503 (which is what an exception in a view becomes)."""

import httpx
import pytest

from frontend_templates.app import create_app

from .fake_api import FakeAPI

LISTINGS = [
    "/cari/?q=posyandu&page=",
    "/berita/?page=",
    "/desa/giritirta/berita/?page=",
    "/desa/giritirta/pembangunan/?page=",
]
NOT_PAGE_NUMBERS = [
    "%C2%B2",  # ² : "²".isdigit() is true, int("²") fails
    "%D9%A3",  # ٣ (Arabic-Indic three): int() would take it
    "%EF%BC%92",  # ２ (full-width two)
    "99999999999999999999",
    "1000000",  # offset past the API's limit
    "-1",
    "0",
    "01",
    "%2B1",
    "1.5",
    "%201",
    "%00",
    "1%00",
    "",
    "abc",
]


@pytest.fixture(scope="module")
def client():
    return create_app(
        "http://cms", transport=httpx.MockTransport(FakeAPI())
    ).test_client()


@pytest.mark.parametrize("value", NOT_PAGE_NUMBERS)
@pytest.mark.parametrize("listing", LISTINGS)
def test_anything_but_a_page_number_is_a_404(client, listing, value):
    response = client.get(listing + value)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


@pytest.mark.parametrize("listing", LISTINGS)
def test_the_first_page_with_or_without_a_number(client, listing):
    assert client.get(listing + "1").status_code == 200
    assert client.get(listing.removesuffix("page=")).status_code == 200


def test_a_page_past_the_last_is_a_404_on_listings(client):
    assert client.get("/desa/giritirta/berita/?page=2").status_code == 404
    assert client.get("/cari/?q=posyandu&page=2").status_code == 200  # no results


@pytest.mark.parametrize(
    "url",
    [
        "/cari/?q=%00",
        "/cari/?q=" + "a" * 5000,
        "/cari/?year=%00&desa=%00&kind=%FF",
        "/desa/giritirta/berita/?kategori=%00",
        "/desa/giritirta/berita/%00/",
        "/desa/%00/",
        "/preview/?token=%00",
        "/desa/giritirta/preview/?token=" + "x" * 5000,
    ],
)
def test_other_odd_input_is_answered(client, url):
    assert client.get(url).status_code in (200, 404)
