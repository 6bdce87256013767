"""End to end in a real browser: Debian's Chromium driven by Playwright
against the real CMS (demo data, its own SQLite file) and the real frontend,
both started on loopback (fixtures in conftest.py)."""

import urllib.request

import pytest

from .conftest import ARTEFACTS, CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_desa_home_shows_its_news(stack, page):
    page.goto(f"{stack['front']}/desa/pegundungan/")
    assert page.locator("h1").inner_text() == "Desa Pegundungan"
    assert page.get_by_role("link", name="Separator gas rawa Pegundungan").count() >= 1
    assert no_horizontal_scroll(page)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "desa-home-phone.png"), full_page=True)


def test_a_news_detail_renders_body_images(stack, page):
    page.goto(
        f"{stack['front']}/desa/pegundungan/berita/separator-gas-rawa-diresmikan/"
    )
    image = page.locator("article figure img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.get_attribute("alt")
    assert no_horizontal_scroll(page)


def test_portal_search_finds_the_desa_and_a_facet_narrows(stack, page):
    page.goto(f"{stack['front']}/cari/")
    page.get_by_label("Kata kunci").fill("kopi")
    page.get_by_role("button", name="Cari").click()
    results = page.locator("article.card")
    # Three desa write about kopi; the demo news may mention it too.
    assert results.count() >= 3
    assert "Pegundungan" in page.locator("main").inner_text()
    page.locator("summary", has_text="Desa").click()  # facets come folded
    page.get_by_role("navigation", name="Desa").get_by_role(
        "link", name="Pegundungan"
    ).click()
    assert results.count() == 1
    assert "Kopi Senggani" in results.first.inner_text()


def test_the_dashboard_shows_all_17_desa(stack, page):
    page.goto(f"{stack['front']}/pembangunan/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 17
    assert no_horizontal_scroll(page)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "development-phone.png"), full_page=True)


def test_the_directory_shows_each_desa_status_and_desa_serve_opensid_feeds(stack, page):
    import feedparser

    page.goto(f"{stack['front']}/desa/")
    statuses = page.locator("main .status")
    assert statuses.count() == 17
    assert "Terintegrasi" in statuses.first.inner_text()
    assert no_horizontal_scroll(page)
    for path in ("/desa/ratamba/index.php/feed", "/desa/ratamba/feed", "/feed"):
        with urllib.request.urlopen(f"{stack['front']}{path}") as response:  # noqa: S310
            feed = feedparser.parse(response.read())
        assert not feed.bozo and feed.version == "rss20", path
        assert feed.entries and feed.entries[0].content[0].value, path
