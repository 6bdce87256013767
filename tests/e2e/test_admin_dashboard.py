"""The kecamatan's dashboard panel in Chromium, as the demo moderator: the
year selector reloads the panel for the chosen year; the IDM and budget
totals sit side by side above the per-desa table on a desktop (which keeps
its full width) and one under the other on a phone. Screenshots are kept in
test-artifacts/."""

import pytest

from .conftest import ARTEFACTS, CHROMIUM, PHONE
from .test_admin_csp import Session

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
DESKTOP = {"width": 1280, "height": 900}


def boxes(page):
    blocks = page.locator("#dashboard-totals > div")
    return blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()


def table_fits(page) -> bool:
    return page.locator("#dashboard-per-desa").evaluate(
        "element => element.scrollWidth <= element.clientWidth"
    )


def test_dashboard_year_selector_and_totals_layout(stack, browser):
    moderator = Session(browser, stack["cms"], "moderator")
    page = moderator.page
    try:
        page.set_viewport_size(DESKTOP)
        moderator.open("/admin/")
        panel = page.locator("#desa-dashboard-content")
        assert "menurut sumber dana" in panel.inner_text()
        assert "sasaran" in panel.inner_text()
        idm, budget = boxes(page)
        assert budget["x"] >= idm["x"] + idm["width"]  # side by side
        assert budget["y"] == idm["y"]
        assert table_fits(page)
        ARTEFACTS.mkdir(exist_ok=True)
        panel.screenshot(path=str(ARTEFACTS / "admin-dashboard-desktop.png"))

        options = panel.locator("select[name=year] option")
        years = [options.nth(i).get_attribute("value") for i in range(options.count())]
        if len(years) > 1:
            panel.locator("select[name=year]").select_option(years[1])
            panel.locator("form.dashboard-year button").click()
            page.wait_for_url(f"**/admin/?year={years[1]}")
            assert (
                f"IDM {years[1]}"
                in page.locator("#desa-dashboard-content").inner_text()
            )

        page.set_viewport_size(PHONE)
        moderator.open("/admin/?year=tahun-lalu")
        panel = page.locator("#desa-dashboard-content")
        assert "Tahun ditulis dengan angka" in panel.inner_text()
        idm, budget = boxes(page)
        assert budget["y"] >= idm["y"] + idm["height"]  # one under the other
        assert budget["x"] + budget["width"] <= PHONE["width"]
        panel.screenshot(path=str(ARTEFACTS / "admin-dashboard-phone.png"))
    finally:
        problems = moderator.close()
    assert problems == []
