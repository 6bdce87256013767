"""The public pages in a real browser at phone (360 px) and desktop (1280 px)
width, on the demo data: search shows its results before its folded facets,
with thumbnails; a project's progress bar lies inside its card; a wide table
scrolls inside its own box, never the page. Screenshots land in
test-artifacts/ (gitignored, kept by CI as artefacts)."""

import json
import re
import urllib.request
from urllib.parse import quote

import pytest

from .conftest import ARTEFACTS, CHROMIUM

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"]
        and inner["y"] >= outer["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


def screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


@needs_chromium
def test_search_shows_results_first_with_thumbnails(stack, sized):
    width, page = sized
    page.goto(f"{stack['front']}/cari/?q=kopi")
    first_result = page.locator("article.result").first
    facets = page.locator("section.search-facets")
    # Results before the facets in the document, for screen readers too.
    assert page.evaluate(
        "([r, f]) => Boolean(r.compareDocumentPosition(f) & 4)",  # f follows r
        [first_result.element_handle(), facets.element_handle()],
    )
    result, aside = box(first_result), box(facets)
    if width == "phone":
        assert result["y"] + result["height"] <= aside["y"]  # above, not beside
        # Folded: a facet's links are hidden until its summary is opened.
        assert not page.get_by_role("navigation", name="Desa").is_visible()
    else:
        assert result["x"] + result["width"] <= aside["x"]  # beside, on the left
        assert result["y"] < aside["y"] + aside["height"]
    thumbnail = page.locator("article.result img.thumb").first
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    assert inside(box(thumbnail), box(page.locator("article.result").first))
    assert no_horizontal_scroll(page)
    screenshot(page, f"search-{width}")


@needs_chromium
def test_a_folded_facet_opens_and_narrows_without_javascript(stack, page):
    page.goto(f"{stack['front']}/cari/?q=kopi")
    results = page.locator("article.result")
    # Three desa write about kopi; the demo news may mention it too.
    assert results.count() >= 3
    page.locator("summary", has_text="Desa").click()
    page.get_by_role("navigation", name="Desa").get_by_role(
        "link", name="Pegundungan"
    ).click()
    assert results.count() == 1
    assert page.locator("details.facet[open] summary").first.inner_text() == (
        "Desa (Pegundungan)"
    )


@needs_chromium
def test_a_projects_progress_bar_lies_inside_its_card(stack, sized):
    width, page = sized
    page.goto(f"{stack['front']}/desa/pegundungan/pembangunan/")
    cards = page.locator("article.card")
    assert cards.count() >= 1
    for index in range(cards.count()):
        card = cards.nth(index)
        assert inside(box(card.locator("progress")), box(card))
    assert re.search(r"\d+,\d\u00a0%", cards.first.inner_text())
    assert no_horizontal_scroll(page)
    screenshot(page, f"development-list-{width}")
    cards.first.locator(".card-title a").click()
    assert inside(box(page.locator("main progress")), box(page.locator("main")))
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", page.locator(".facts").inner_text())
    assert no_horizontal_scroll(page)
    screenshot(page, f"development-detail-{width}")


@needs_chromium
def test_a_wide_table_scrolls_in_its_own_box(stack, sized):
    width, page = sized
    page.goto(f"{stack['front']}/pembangunan/")
    region = page.get_by_role("region", name="Pembangunan dan IDM per desa")
    assert region.locator("tbody tr").count() == 17
    assert region.get_attribute("tabindex") == "0"  # reachable by keyboard
    assert no_horizontal_scroll(page)
    main = box(page.locator("main"))
    assert box(region)["x"] + box(region)["width"] <= main["x"] + main["width"]
    screenshot(page, f"table-{width}")


@needs_chromium
def test_the_404_page_names_the_kecamatan(stack, page):
    response = page.goto(f"{stack['front']}/tidak-ada/")
    assert response.status == 404
    assert page.locator(".site-name").inner_text().startswith("Kecamatan ")
    assert no_horizontal_scroll(page)


def test_the_words_the_search_box_suggests_find_something(stack):
    """Every example word in a search box's placeholder finds items in the
    demo data (over HTTP: no browser needed)."""
    words = set()
    for path in ("/", "/cari/"):
        with urllib.request.urlopen(f"{stack['front']}{path}") as response:  # noqa: S310
            html = response.read().decode()
        for placeholder in re.findall(r'type="search"[^>]*placeholder="([^"]+)"', html):
            words |= set(re.findall(r"\w+", placeholder.removeprefix("mis.")))
    assert len(words) >= 3
    for word in sorted(words):
        url = f"{stack['cms']}/api/v2/search/?q={quote(word)}&limit=1"
        with urllib.request.urlopen(url) as response:  # noqa: S310
            found = json.load(response)["meta"]["total_count"]
        assert found > 0, word
