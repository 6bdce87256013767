"""Each site's identity (theme colour, logo, main image) and the portal home
that leads with news, services and the kecamatan office; empty figures say
so instead of drawing an empty chart."""

import copy
import re

import httpx
import pytest

from frontend_templates.app import create_app
from frontend_templates.common import theme

from . import fake_api
from .fake_api import FakeAPI


@pytest.fixture
def fake():
    return FakeAPI()


@pytest.fixture
def client(fake):
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    return app.test_client()


@pytest.fixture
def answers(monkeypatch):
    """The fake API's documents, to change for one test."""
    documents = {
        name: copy.deepcopy(getattr(fake_api, name))
        for name in ("KECAMATAN", "DASHBOARD", "GIRITIRTA", "DESA_DETAIL")
    }
    for name, value in documents.items():
        monkeypatch.setattr(fake_api, name, value)
    return documents


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def stylesheets(page: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)


def test_portal_home_leads_with_news_services_and_the_office(client):
    page = html(client.get("/"))
    order = [
        page.index("<h1>Kecamatan Pejawaran</h1>"),
        page.index("Posyandu balita"),
        page.index('id="layanan"'),
        page.index('id="kontak"'),
        page.index('id="glance"'),
    ]
    assert order == sorted(order)
    assert 'alt="Logo Kecamatan Pejawaran"' in page
    assert 'class="hero"' in page and 'alt="Curug Mrawu"' in page
    for text in (
        "Drs. Suyatno",
        "Senin-Jumat 07.30-15.30",
        "Jl. Raya Pejawaran 1",
        'href="tel:0286 123456"',
        'href="mailto:kecamatan@example.id"',
        'href="/pembangunan/"',
    ):
        assert text in page
    # The per-desa table and the profile have their own pages.
    assert "<table" not in page and "<p>Profil</p>" not in page
    assert "Giritirta" in html(client.get("/pembangunan/"))
    profile = html(client.get("/profil/"))
    assert "<p>Profil</p>" in profile and "Drs. Suyatno" in profile
    assert '<meta name="description" content="Profil, camat' in profile


def test_the_portal_and_each_desa_get_their_own_colours(client):
    portal = html(client.get("/"))
    assert stylesheets(portal) == ["/static/site.css", "/theme.css?v=0b5394"]
    css = client.get("/theme.css?v=0b5394")
    assert css.content_type == "text/css; charset=utf-8"
    assert css.headers["Cache-Control"] == "public, max-age=300"
    assert "--brand:#0b5394" in css.get_data(as_text=True)
    on_portal = html(client.get("/desa/giritirta/"))
    assert stylesheets(on_portal)[1] == "/desa/giritirta/theme.css?v=8b0000"
    own = client.get("/theme.css", headers={"Host": "giritirta.desa.id"})
    assert "--brand:#8b0000" in own.get_data(as_text=True)
    desa_css = client.get("/desa/giritirta/theme.css").get_data(as_text=True)
    assert desa_css == own.get_data(as_text=True)
    page = html(client.get("/", headers={"Host": "giritirta.desa.id"}))
    assert stylesheets(page)[1] == "/theme.css?v=8b0000"


@pytest.mark.parametrize("colour", [None, "#ffff00", "red", "#FFF", "</style>"])
def test_no_or_unreadable_colours_give_the_default_theme(client, answers, colour):
    answers["KECAMATAN"]["theme_color"] = colour
    page = html(client.get("/"))
    assert stylesheets(page)[1] == "/theme.css?v=default"
    css = client.get("/theme.css").get_data(as_text=True)
    assert "--brand" not in css and "<" not in css


def test_theme_links_stay_readable_on_the_soft_background():
    css = theme.stylesheet("#767676")
    values = dict(re.findall(r"--(\w+):(#[0-9a-f]{6})", css))
    assert values["brand"] == "#767676"
    assert theme.contrast(values["accent"], values["soft"]) >= 4.5
    assert theme.contrast(values["brand"], "#ffffff") >= 4.5


def test_desa_home_shows_its_logo_and_main_image(client):
    page = html(client.get("/desa/giritirta/"))
    assert 'alt="Logo Desa Giritirta"' in page
    assert 'class="hero"' in page and 'fetchpriority="high"' in page


def test_empty_figures_say_there_is_no_data(client, answers):
    dashboard = answers["DASHBOARD"]
    dashboard["kecamatan"]["idm_status_counts"] = {}
    dashboard["kecamatan"]["development"]["projects"] = 0
    dashboard["desa"][0]["idm"]["status"] = None
    dashboard["desa"][0]["development"]["average_progress"] = None
    page = html(client.get("/pembangunan/"))
    assert page.count("Belum ada data") == 4
    assert 'class="chart"' not in page
    assert "Belum ada data" in html(client.get("/"))


def test_figures_are_drawn_when_there_are_some(client):
    page = html(client.get("/pembangunan/"))
    assert 'class="chart"' in page and "Belum ada data" not in page
    assert "Sumber skor IDM" not in page  # no sources named, none shown


def test_sample_idm_scores_are_named_as_samples_beside_the_chart(client, answers):
    sample = "Data contoh untuk demo, bukan data resmi Kemendesa"
    answers["DASHBOARD"]["kecamatan"]["idm_sources"] = [sample]
    page = html(client.get("/pembangunan/"))
    assert f"Sumber skor IDM: {sample}" in page


def test_an_office_without_contact_says_so(client, answers):
    kecamatan = answers["KECAMATAN"]
    kecamatan.update(camat="", office_hours="")
    kecamatan["contact"] = {"address": "", "phone": "", "email": ""}
    page = html(client.get("/"))
    office = page[page.index('id="kontak"') : page.index('id="glance"')]
    assert "Belum ada data" in office


@pytest.mark.parametrize(
    "url",
    ["/", "/pembangunan/", "/profil/", "/desa/giritirta/", "/desa/giritirta/profil/"],
)
def test_pages_carry_no_inline_style(client, url):
    page = html(client.get(url))
    assert " style=" not in page and "<style" not in page
