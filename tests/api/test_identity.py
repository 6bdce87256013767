"""The sites' identity in the API: the kecamatan's profile, office and camat
at /api/v2/kecamatan/, and each desa's theme colour and logo in its detail;
only what is published."""

from wagtail_factories import ImageFactory

from tests.factories import publish

from .conftest import get_json
from .test_endpoints import rendition_set


def test_the_kecamatan_with_office_camat_and_identity(client, kecamatan):
    logo = ImageFactory(title="Logo Pejawaran")
    hero = ImageFactory(title="Alun-alun Pejawaran")
    kecamatan.camat = "Drs. Suyatno"
    kecamatan.profile = "<p>Kecamatan di lereng Dieng.</p>"
    kecamatan.address = "Jl. Raya Pejawaran 1"
    kecamatan.phone = "0286 123456"
    kecamatan.email = "kec.pejawaran@example.id"
    kecamatan.office_hours = "Senin-Kamis 07.30-15.30, Jumat 07.30-11.00"
    kecamatan.theme_color = "#0B5394"
    kecamatan.logo, kecamatan.hero_image = logo, hero
    publish(kecamatan)
    assert get_json(client, "/api/v2/kecamatan/") == {
        "name": "Pejawaran",
        "title": "Kecamatan Pejawaran",
        "kode_kemendagri": "33.04.15",
        "url": "https://portal.example/",
        "camat": "Drs. Suyatno",
        "profile": "<p>Kecamatan di lereng Dieng.</p>",
        "contact": {
            "address": "Jl. Raya Pejawaran 1",
            "phone": "0286 123456",
            "email": "kec.pejawaran@example.id",
        },
        "office_hours": "Senin-Kamis 07.30-15.30, Jumat 07.30-11.00",
        "hero_image": rendition_set(hero),
        "theme_color": "#0b5394",
        "logo": rendition_set(logo),
    }


def test_only_the_published_identity_is_served(client, kecamatan, desa_a):
    desa_a.theme_color = "#1d5e2a"
    publish(desa_a)
    desa_a.theme_color = "#8b0000"
    desa_a.save_revision()
    kecamatan.camat = "Camat baru"
    kecamatan.save_revision()
    data = get_json(client, "/api/v2/desa/33.04.15.2005/")
    assert (data["theme_color"], data["logo"]) == ("#1d5e2a", None)
    directory = get_json(client, "/api/v2/desa/")["items"][0]
    assert directory["theme_color"] == "#1d5e2a"
    assert get_json(client, "/api/v2/kecamatan/")["camat"] == ""


def test_a_desa_logo_and_no_colour(client, desa_a):
    logo = ImageFactory(title="Logo Giritirta", collection=desa_a.roles.collection)
    desa_a.logo = logo
    publish(desa_a)
    data = get_json(client, "/api/v2/desa/33.04.15.2005/")
    assert (data["theme_color"], data["logo"]) == (None, rendition_set(logo))
    directory = get_json(client, "/api/v2/desa/")["items"][0]
    assert directory["theme_color"] is None and "logo" not in directory


def test_no_published_kecamatan_is_a_404(client, kecamatan):
    kecamatan.unpublish()
    assert get_json(client, "/api/v2/kecamatan/", 404) == {
        "message": "Tidak ditemukan."
    }
