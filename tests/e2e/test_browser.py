"""End to end in a real browser: Debian's Chromium driven by Playwright
against the real CMS (demo data, its own SQLite file) and the real frontend,
both started on loopback by this module."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """The CMS with the demo data and the frontend, as separate processes."""
    folder = tmp_path_factory.mktemp("e2e")
    cms_port, front_port = free_port(), free_port()
    cms, front = f"http://127.0.0.1:{cms_port}", f"http://127.0.0.1:{front_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'cms.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "PUBLIC_PORTAL_URL": front,
        "API_BASE_URL": cms,
        "WAGTAILADMIN_BASE_URL": cms,
        "CMS_API_URL": cms,
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
    }
    python = sys.executable
    for command in (["migrate", "--noinput"], ["load_initial_data"]):
        subprocess.run(  # noqa: S603
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    processes = [
        subprocess.Popen(  # noqa: S603
            [python, "manage.py", "runserver", f"127.0.0.1:{cms_port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(  # noqa: S603
            [
                python,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{front_port}",
                "--workers",
                "1",
                "frontend_templates.app:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        wait_for(f"{cms}/api/v2/desa/")
        wait_for(f"{front}/robots.txt")
        yield {"cms": cms, "front": front}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


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
    assert results.count() == 3
    assert "Pegundungan" in page.locator("main").inner_text()
    page.get_by_role("navigation", name="Desa").get_by_role(
        "link", name="Pegundungan"
    ).click()
    assert results.count() == 1
    assert "Kopi Senggani" in results.first.inner_text()


def test_the_dashboard_shows_all_17_desa(stack, page):
    page.goto(f"{stack['front']}/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 17
    assert no_horizontal_scroll(page)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "portal-home-phone.png"), full_page=True)


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
