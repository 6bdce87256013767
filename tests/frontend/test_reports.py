"""A desa site's reports page (laporan APBDes and penduduk pushed from
OpenSID), against the fake API."""

import re

import httpx
import pytest

from frontend_templates.app import create_app

from . import fake_api
from .fake_api import FakeAPI

GIRITIRTA = {"Host": "giritirta.desa.id"}


def report(kind, name, year, period, title, size=2_100):
    return {
        "title": title,
        "kind": {"slug": kind, "name": name},
        "year": year,
        "period": period,
        "url": f"http://cms/documents/{year}{period}/{kind}.pdf",
        "size": size,
        "received_at": "2026-12-01T08:00:00+07:00",
    }


REPORTS = [
    report("apbdes", "Laporan APBDes", 2025, 1, "APBDes 2025 semester 1"),
    report("apbdes", "Laporan APBDes", 2024, 2, "APBDes 2024 semester 2"),
    report("apbdes", "Laporan APBDes", 2024, 1, "APBDes 2024 semester 1", 3 * 2**20),
    report("penduduk", "Laporan penduduk", 2024, 8, "Penduduk Agustus 2024"),
]


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setitem(fake_api.DESA_DETAIL, "reports", REPORTS)
    app = create_app("http://cms", transport=httpx.MockTransport(FakeAPI()))
    return app.test_client()


def page(client, url: str) -> str:
    response = client.get(url, headers=GIRITIRTA)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_reports_are_grouped_by_year_then_kind_and_period(client):
    html = page(client, "/laporan/")

    headings = re.findall(r"<h[23]>([^<]+)</h[23]>", html)
    assert headings == [
        "2025",
        "Laporan APBDes",
        "2024",
        "Laporan APBDes",
        "Laporan kependudukan",
    ]
    titles = re.findall(r'type="application/pdf">([^<]+)</a>', html)
    assert titles == [
        "APBDes 2025 semester 1",
        "APBDes 2024 semester 1",
        "APBDes 2024 semester 2",
        "Penduduk Agustus 2024",
    ]
    assert 'href="http://cms/documents/20248/penduduk.pdf"' in html
    assert "Agustus · PDF, 2\xa0KB" in html
    assert "Semester 1 · PDF, 3,0\xa0MB" in html
    assert "<script" not in html


def test_the_profile_links_the_reports_and_the_sitemap_lists_them(client):
    assert 'href="/laporan/"' in page(client, "/profil/")
    assert "https://giritirta.desa.id/laporan/" in page(client, "/sitemap.xml")


def test_a_desa_without_reports_says_so_and_is_not_linked(monkeypatch):
    monkeypatch.setitem(fake_api.DESA_DETAIL, "reports", [])
    client = create_app(
        "http://cms", transport=httpx.MockTransport(FakeAPI())
    ).test_client()

    assert "Desa belum mengirim laporan" in page(client, "/laporan/")
    assert "/laporan/" not in page(client, "/profil/")
    assert "/laporan/" not in page(client, "/sitemap.xml")
