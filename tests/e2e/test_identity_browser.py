"""The public home pages at phone (360 px) and desktop (1280 px) width in a
real browser: each site's identity (theme colour, logo, main image), the
kecamatan office's contact, no sideways scrolling, and a portal home that
is no long scroll on a phone. Full-page screenshots are kept in
test-artifacts/."""

import json
import urllib.request

import pytest

from .conftest import ARTEFACTS, CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
# Document height bounds (px): the portal home once was 6,500 px on a phone.
PORTAL_HEIGHT = {"phone": 3000, "desktop": 2500}
DESA_HEIGHT = {"phone": 4000, "desktop": 3000}
DEFAULT_BRAND = "#1d5e2a"


def api(stack, path: str):
    with urllib.request.urlopen(f"{stack['cms']}{path}") as response:  # noqa: S310
        return json.load(response)


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def document_size(page) -> dict:
    return page.evaluate(
        "({height: document.documentElement.scrollHeight,"
        " overflow: document.documentElement.scrollWidth"
        " > document.documentElement.clientWidth})"
    )


def loaded(page, selector: str) -> bool:
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()
    return page.evaluate(
        "img => img.complete && img.naturalWidth > 0", image.element_handle()
    )


def header_colour(page) -> str:
    return page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )


def keep(page, name: str, size: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}-{size}.png"), full_page=True)


def test_portal_home(stack, sized):
    size, page = sized
    kecamatan = api(stack, "/api/v2/kecamatan/")
    page.goto(f"{stack['front']}/")
    keep(page, "home-portal", size)
    measured = document_size(page)
    assert not measured["overflow"]
    assert measured["height"] < PORTAL_HEIGHT[size], measured
    assert loaded(page, ".masthead .logo img")
    assert loaded(page, "picture.hero img")
    office = page.locator("#kontak + dl").inner_text()
    assert kecamatan["contact"]["address"] in office
    assert kecamatan["office_hours"] in office
    assert header_colour(page) == rgb(kecamatan["theme_color"])
    # News come before the figures, and the figures per desa have a page.
    text = page.locator("main").inner_text()
    assert text.index("Berita terbaru") < text.index("Sekilas pembangunan")
    assert page.locator("main table").count() == 0
    assert page.get_by_role("link", name="Pembangunan dan IDM per desa").count()


def test_desa_home(stack, sized):
    size, page = sized
    directory = api(stack, "/api/v2/desa/")["items"]
    # A desa whose colour is not the default one: the theme must show.
    desa = next(d for d in directory if d["theme_color"] not in (None, DEFAULT_BRAND))
    page.goto(f"{stack['front']}/desa/{desa['slug']}/")
    keep(page, "home-desa", size)
    measured = document_size(page)
    assert not measured["overflow"]
    assert measured["height"] < DESA_HEIGHT[size], measured
    assert page.locator("h1").inner_text() == f"Desa {desa['name']}"
    assert loaded(page, ".masthead .logo img")
    assert loaded(page, "picture.hero img")
    assert "Alamat" in page.locator("#kontak ~ dl").inner_text()
    assert header_colour(page) == rgb(desa["theme_color"])
    # Links take the theme colour too (dark enough on white and on its tint).
    link = page.locator("main .card-title a").first
    assert link.evaluate("a => getComputedStyle(a).color") == rgb(desa["theme_color"])
