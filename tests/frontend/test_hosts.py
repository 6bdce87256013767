"""The Host header only chooses a site: absolute URLs come from PORTAL_URL
and each desa's public URL from the API, and hosts that are neither the
portal's, a desa's domain nor listed in FRONTEND_ALLOWED_HOSTS get a 400."""

import json
import re

import httpx
import pytest

from frontend_templates.app import create_app
from frontend_templates.common.hosts import host_name

from .fake_api import FakeAPI

PORTAL = "https://portal.pejawaran.example"
EVIL = "evil.example"


def make_client(monkeypatch, allowed=None, fake=None):
    monkeypatch.setenv("PORTAL_URL", PORTAL + "/")
    if allowed is None:
        monkeypatch.delenv("FRONTEND_ALLOWED_HOSTS", raising=False)
    else:
        monkeypatch.setenv("FRONTEND_ALLOWED_HOSTS", allowed)
    app = create_app("http://cms", transport=httpx.MockTransport(fake or FakeAPI()))
    return app.test_client()


@pytest.fixture
def any_host(monkeypatch):
    """Every host served (the check off), to see what the pages write."""
    return make_client(monkeypatch, allowed="*")


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "sitemap"),
    [
        ("/robots.txt", f"{PORTAL}/sitemap.xml"),
        ("/desa/giritirta/robots.txt", "https://giritirta.desa.id/sitemap.xml"),
        ("/desa/ratamba/robots.txt", "http://portal/desa/ratamba/sitemap.xml"),
    ],
)
def test_robots_txt_names_the_configured_sitemap(any_host, url, sitemap):
    robots = text(any_host.get(url, headers={"Host": EVIL}))
    assert f"Sitemap: {sitemap}\n" in robots
    assert EVIL not in robots


def test_the_portal_writes_its_own_address_whatever_the_host(any_host):
    for path in ("/", "/cari/?q=posyandu", "/desa/", "/berita/", "/sitemap.xml"):
        page = text(any_host.get(path, headers={"Host": EVIL}))
        assert EVIL not in page, path
    home = text(any_host.get("/", headers={"Host": EVIL}))
    assert f'<link rel="canonical" href="{PORTAL}/">' in home
    assert f'<meta property="og:url" content="{PORTAL}/">' in home
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', home)
    assert json.loads(json_ld)["url"] == f"{PORTAL}/"
    sitemap = text(any_host.get("/sitemap.xml", headers={"Host": EVIL}))
    assert f"<loc>{PORTAL}/berita/</loc>" in sitemap


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/desa/giritirta/", "https://giritirta.desa.id/"),
        ("/desa/giritirta/berita/", "https://giritirta.desa.id/berita/"),
        ("/desa/giritirta/profil/", "https://giritirta.desa.id/profil/"),
        ("/desa/ratamba/wisata/", "http://portal/desa/ratamba/wisata/"),
    ],
)
def test_desa_pages_are_canonical_under_the_desas_public_url(any_host, path, canonical):
    page = text(any_host.get(path, headers={"Host": EVIL}))
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert EVIL not in page


@pytest.mark.parametrize(
    ("host", "path", "location"),
    [
        (EVIL, "/cari?q=a", "/cari/?q=a"),
        (EVIL, "/desa/giritirta/berita", "/desa/giritirta/berita/"),
        # On a desa's domain, the path the visitor sees, not the routed one.
        ("giritirta.desa.id", "/berita", "/berita/"),
        ("giritirta.desa.id", "/berita?kategori=alam", "/berita/?kategori=alam"),
    ],
)
def test_redirects_are_relative(any_host, host, path, location):
    response = any_host.get(path, headers={"Host": host})
    assert response.status_code == 308
    assert response.headers["Location"] == location


def test_a_redirect_never_starts_with_two_slashes(any_host):
    """ "//cari" is redirected with its slashes merged; a Location of
    "//name/..." would send the browser to another host."""
    response = any_host.get(
        "/", environ_overrides={"PATH_INFO": "//cari"}, headers={"Host": EVIL}
    )
    assert response.status_code == 308
    assert response.headers["Location"] == "/cari/"


# Allowed hosts


@pytest.mark.parametrize(
    "host",
    [
        "portal.pejawaran.example",
        "PORTAL.pejawaran.example.:443",
        "giritirta.desa.id",
        "localhost",
        "127.0.0.1:8080",
        "[::1]:8080",
    ],
)
def test_the_portal_desa_domains_and_loopback_are_served(monkeypatch, host):
    client = make_client(monkeypatch)
    assert client.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/robots.txt", "/desa/giritirta/", "/cari"])
def test_other_hosts_get_a_400_without_asking_the_api(monkeypatch, path):
    fake = FakeAPI()
    client = make_client(monkeypatch, fake=fake)
    client.get("/", headers={"Host": "localhost"})  # the directory is known
    calls = len(fake.calls)
    response = client.get(path, headers={"Host": EVIL})
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "Alamat ini tidak dilayani di sini.\n"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert len(fake.calls) == calls


def test_further_hosts_can_be_allowed(monkeypatch):
    client = make_client(monkeypatch, allowed="www.pejawaran.example, frontend")
    for host in ("www.pejawaran.example", "frontend:8080"):
        assert client.get("/", headers={"Host": host}).status_code == 200
    assert client.get("/", headers={"Host": EVIL}).status_code == 400


def test_before_the_directory_was_ever_read_no_host_is_refused(monkeypatch):
    """The CMS away at start: a desa's domain cannot be told from another,
    so the answer is the busy page, not a 400."""
    fake = FakeAPI()
    fake.down = True
    client = make_client(monkeypatch, fake=fake)
    response = client.get("/", headers={"Host": "giritirta.desa.id"})
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Portal.Example", "portal.example"),
        ("portal.example.:8080", "portal.example"),
        ("[::1]:8080", "::1"),
        ("[::1", ""),
        ("", ""),
    ],
)
def test_host_name(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize(
    "value", ["portal.pejawaran.example", "ftp://portal", "https://"]
)
def test_a_portal_url_without_scheme_or_host_is_refused_at_start(monkeypatch, value):
    monkeypatch.setenv("PORTAL_URL", value)
    with pytest.raises(ValueError, match="PORTAL_URL"):
        create_app("http://cms", transport=httpx.MockTransport(FakeAPI()))
