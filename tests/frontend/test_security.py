"""The frontend's security headers and its escaping of data in scripts (the
Chromium check of both is tests/e2e/test_frontend_csp.py)."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from frontend_templates.app import create_app

from .fake_api import NEWS, NEWS_DETAIL, FakeAPI, envelope

TEMPLATES = Path(__file__).resolve().parents[2] / "frontend_templates"
# A title that, unescaped inside <script>, swallows the rest of the page.
HOSTILE_TITLE = "x <!--<script> & </script> y"
POLICY = (
    "default-src 'self'; script-src 'none'; style-src 'self'; "
    "img-src 'self' http://cms; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


PROJECT = {
    **NEWS,
    "id": 12,
    "type": "development",
    "title": "Jalan desa",
    "slug": "jalan-desa",
    "progress": 40,
    "stage": {"slug": "kegiatan", "name": "Kegiatan"},
    "fiscal_year": 2026,
    "budget": {"total": 100000000},
}


class HostileAPI(FakeAPI):
    """The fake API, with one news item whose title attacks script data and
    a development project (its progress bar once needed a style attribute)."""

    def route(self, path, params):
        if path == "/api/v2/find/" and params.get("slug") == "judul-jahat":
            return {**NEWS_DETAIL, "title": HOSTILE_TITLE, "summary": HOSTILE_TITLE}
        if path == "/api/v2/development/":
            return envelope([PROJECT])
        return super().route(path, params)


def make_client(fake=None):
    return create_app(
        "http://cms", transport=httpx.MockTransport(fake or HostileAPI())
    ).test_client()


@pytest.fixture
def client(monkeypatch):
    monkeypatch.delenv("CMS_PUBLIC_URL", raising=False)
    monkeypatch.delenv("FRONTEND_HSTS_SECONDS", raising=False)
    return make_client()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cari/?q=posyandu",
        "/desa/giritirta/",
        "/desa/giritirta/berita/posyandu/",
        "/desa/giritirta/pembangunan/",
        "/tidak-ada/",
        "/static/site.css",
        "/desa/giritirta/feed",
    ],
)
def test_every_response_has_the_security_headers(client, url):
    response = client.get(url)
    assert response.headers["Content-Security-Policy"] == POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_images_come_from_the_cms_public_address(monkeypatch):
    monkeypatch.setenv("CMS_PUBLIC_URL", "https://cms.pejawaran.example/x/")
    response = make_client().get("/")
    assert (
        "img-src 'self' https://cms.pejawaran.example;"
        in (response.headers["Content-Security-Policy"])
    )


def test_hsts_when_configured(monkeypatch):
    monkeypatch.setenv("FRONTEND_HSTS_SECONDS", "31536000")
    response = make_client().get("/")
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("/desa/giritirta/preview/?token=ok", "localhost"),
        ("/preview/?token=ok", "giritirta.desa.id"),
    ],
)
def test_only_the_cms_admin_may_frame_a_preview(client, url, host):
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors http://cms")
    assert "X-Frame-Options" not in response.headers


def test_the_503_page_says_when_to_retry(client):
    down = FakeAPI()
    down.down = True
    response = make_client(down).get("/cari/?q=apa")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert response.headers["Content-Security-Policy"] == POLICY


def test_progress_bars_need_no_style_attribute(client):
    page = client.get("/desa/giritirta/pembangunan/").get_data(as_text=True)
    assert '<progress class="progress" max="100" value="40"' in page


def test_templates_carry_no_inline_style_or_script():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"\sstyle=|<style|\son[a-z]+=", text), path
        assert not re.search(r"<script(?![^>]*application/ld\+json)", text), path


class Document(HTMLParser):
    """What a browser's parser sees: the data of each script element and
    the text outside scripts."""

    def __init__(self):
        super().__init__()
        self.scripts, self.text, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_json_ld_escapes_what_would_end_or_hide_the_script(client):
    response = client.get("/berita/judul-jahat/", headers={"Host": "giritirta.desa.id"})
    page = response.get_data(as_text=True)
    document = Document()
    document.feed(page)
    [json_ld] = document.scripts
    assert not re.search(r"[<>&]", json_ld)
    assert json.loads(json_ld)["headline"] == HOSTILE_TITLE
    # The page goes on after the script: its heading and body are text.
    text = " ".join(document.text)
    assert HOSTILE_TITLE in text
    assert "Isi" in text


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("/desa/giritirta/preview/?token=ok", "localhost"),
        ("/preview/?token=ok", "giritirta.desa.id"),
        ("/preview/?token=kec", "localhost"),
    ],
)
def test_previews_are_private_and_never_stored(client, url, host):
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("url", "host"),
    [("/feed", "giritirta.desa.id"), ("/feed/", "localhost")],
)
def test_feeds_may_be_kept_by_shared_caches_for_five_minutes(client, url, host):
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
