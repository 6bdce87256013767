"""The frontend in Chromium, served with the fake API: under its strict
Content-Security-Policy nothing is blocked, and a news title that would end
or hide the JSON-LD script (`x <!--<script>`) leaves the page visible."""

import threading

import httpx
import pytest
from werkzeug.serving import make_server

from frontend_templates.app import create_app
from tests.frontend.test_security import HOSTILE_TITLE, HostileAPI

from .conftest import CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def frontend():
    """The frontend on a loopback port, its API answered in process."""
    app = create_app("http://cms", transport=httpx.MockTransport(HostileAPI()))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.mark.parametrize(
    "path",
    [
        "/desa/giritirta/berita/judul-jahat/",
        "/desa/giritirta/",
        "/desa/giritirta/pembangunan/",
        "/",
        "/cari/?q=posyandu",
    ],
)
def test_pages_show_their_content_and_break_no_rule(frontend, browser, path):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    # Images point at the fake CMS host: they cannot load, which is no rule.
    page.route("http://cms/**", lambda route: route.abort())
    page.goto(frontend + path)
    heading = page.locator("main h1")
    assert heading.is_visible()
    assert page.locator("footer.site-footer").is_visible()
    if "judul-jahat" in path:
        assert heading.inner_text() == HOSTILE_TITLE
        assert "Isi berita." in page.locator("main").inner_text()
    context.close()
    blocked = [text for text in problems if "Content Security Policy" in text]
    assert blocked == []
