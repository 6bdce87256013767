"""The public API's endpoints, compared as whole JSON documents where the
shape is the point."""

from django.utils import timezone

from cms.core.renditions import FALLBACK_SPEC, WEBP_SPECS

from .conftest import get_json

BASE = "http://testserver"


def rendition_set(image):
    webp = [image.get_rendition(spec) for spec in WEBP_SPECS]
    fallback = image.get_rendition(FALLBACK_SPEC)
    return {
        "id": image.pk,
        "alt": image.title,
        "width": image.width,
        "height": image.height,
        "webp": [
            {"url": BASE + r.url, "width": r.width, "height": r.height} for r in webp
        ],
        "fallback": {
            "url": BASE + fallback.url,
            "width": fallback.width,
            "height": fallback.height,
            "format": "jpeg",
        },
        "srcset": ", ".join(f"{BASE}{r.url} {r.width}w" for r in webp),
    }


def stamp(moment):
    return timezone.localtime(moment).isoformat()


def test_news_detail_is_complete_and_public(client, world):
    news, image, tourism = world["news"], world["image"], world["tourism"]
    data = get_json(client, f"/api/v2/news/{news.pk}/")
    assert data == {
        "id": news.pk,
        "type": "news",
        "title": "Posyandu Giritirta",
        "slug": "posyandu",
        "desa": {
            "kode_kemendagri": "33.04.15.2005",
            "name": "Giritirta",
            "slug": "giritirta",
        },
        "url": "https://giritirta.desa.id/berita/posyandu/",
        "published_at": stamp(news.first_published_at),
        "updated_at": stamp(news.last_published_at),
        "summary": "Ringkasan berita.",
        "hero_image": rendition_set(image),
        "date": "2026-11-01",
        "category": {"slug": "pemerintahan", "name": "Pemerintahan"},
        "tags": ["kesehatan ibu", "posyandu"],
        "body": [
            {"type": "heading", "id": "h1", "value": {"text": "Kabar", "level": "h2"}},
            {
                "type": "paragraph",
                "id": "p1",
                "value": {
                    "html": '<p>Lihat <a href="https://giritirta.desa.id/wisata/'
                    f'{tourism.slug}/">ini</a>.</p>'
                },
            },
            {
                "type": "image",
                "id": "i1",
                "value": {
                    "image": rendition_set(image),
                    "caption": "Foto",
                    "attribution": "",
                },
            },
        ],
    }


def test_listing_envelope_and_item_shape(client, world):
    data = get_json(client, "/api/v2/news/?order=title")
    assert data["meta"] == {"total_count": 3}
    assert [item["title"] for item in data["items"]] == [
        "Kerja bakti Ratamba",
        "Posyandu Giritirta",
        "Rapat koordinasi",
    ]
    ratamba, _giritirta, kecamatan = data["items"]
    assert ratamba["url"] == "https://portal.example/desa/ratamba/berita/kerja-bakti/"
    assert kecamatan["desa"] is None
    assert kecamatan["url"] == "https://portal.example/berita/rakor/"
    assert "body" not in ratamba


def test_filters(client, world):
    def titles(query):
        return sorted(
            i["title"] for i in get_json(client, f"/api/v2/news/?{query}")["items"]
        )

    assert titles("desa=giritirta") == ["Posyandu Giritirta"]
    assert titles("desa=33.04.15.2011,kecamatan") == [
        "Kerja bakti Ratamba",
        "Rapat koordinasi",
    ]
    assert titles("desa=giritirta&desa=ratamba") == [
        "Kerja bakti Ratamba",
        "Posyandu Giritirta",
    ]
    assert titles("tag=posyandu") == ["Posyandu Giritirta"]
    assert titles("tag=tidak-ada") == []
    assert titles("category=pemerintahan&desa=kecamatan") == ["Rapat koordinasi"]
    today = timezone.localdate().isoformat()
    assert len(titles(f"published_after={today}&published_before={today}")) == 3
    assert titles("published_before=2000-01-01") == []


def test_pagination(client, world):
    first = get_json(client, "/api/v2/news/?order=title&limit=2")
    second = get_json(client, "/api/v2/news/?order=title&limit=2&offset=2")
    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 3
    assert [i["title"] for i in first["items"] + second["items"]] == [
        "Kerja bakti Ratamba",
        "Posyandu Giritirta",
        "Rapat koordinasi",
    ]


def test_development_item_has_budget_progress_and_timeline(client, world):
    project = world["project"]
    listing = get_json(client, "/api/v2/development/?stage=hasil&fiscal_year=2026")
    assert [i["id"] for i in listing["items"]] == [project.pk]
    detail = get_json(client, f"/api/v2/development/{project.pk}/")
    assert detail["stage"] == {"slug": "hasil", "name": "Hasil"}
    assert detail["progress"] == 100
    assert detail["budget"] == {
        "total": 100_000_000,
        "pemerintah": 0,
        "provinsi": 0,
        "kabupaten": 0,
        "swadaya": 0,
    }
    assert [(r["date"], r["percent"]) for r in detail["progress_reports"]] == [
        ("2026-03-01", 40),
        ("2026-06-01", 100),
    ]
    assert get_json(client, "/api/v2/development/?stage=rencana")["items"] == []


def test_tourism_and_wisdom(client, world):
    tourism = get_json(client, f"/api/v2/tourism/{world['tourism'].pk}/")
    assert tourism["ticket_price"] == 5000
    assert tourism["location"] == {
        "latitude": -7.239513,
        "longitude": 109.786245,
        "address": "",
    }
    assert tourism["category"] == {"slug": "alam", "name": "Alam"}
    wisdom = get_json(client, "/api/v2/wisdom/?category=tradisi")
    assert [i["slug"] for i in wisdom["items"]] == ["lengger"]


def test_desa_directory(client, world):
    data = get_json(client, "/api/v2/desa/")
    assert data["meta"] == {"total_count": 2}
    giritirta = next(d for d in data["items"] if d["slug"] == "giritirta")
    assert giritirta["counts"] == {
        "news": 1,
        "tourism": 1,
        "wisdom": 0,
        "development": 0,
    }
    assert giritirta["url"] == "https://giritirta.desa.id/"
    # The directory says where each desa's content lives.
    assert giritirta["integration_status"] == {"slug": "feed", "name": "Melalui feed"}
    assert giritirta["last_published_at"] == stamp(world["news"].last_published_at)


def test_desa_by_code_and_by_domain(client, world):
    by_code = get_json(client, "/api/v2/desa/33.04.15.2005/")
    by_domain = get_json(client, "/api/v2/desa/?domain=GIRITIRTA.desa.id")
    assert by_code == by_domain
    assert by_code["integration_status"] == {"slug": "feed", "name": "Melalui feed"}
    assert {"visi", "misi", "sejarah", "contact", "kepala_desa"} <= set(by_code)


def test_find_resolves_a_frontend_path(client, world):
    data = get_json(
        client, "/api/v2/find/?desa=giritirta&section=wisata&slug=curug-mrawu"
    )
    assert data["id"] == world["tourism"].pk
    assert data["type"] == "tourism"
    kecamatan = get_json(
        client, "/api/v2/find/?desa=kecamatan&section=berita&slug=rakor"
    )
    assert kecamatan["id"] == world["kecamatan_news"].pk
    get_json(client, "/api/v2/find/?desa=ratamba&section=wisata&slug=curug-mrawu", 404)


def test_wagtail_endpoints_serve_json_with_html_rich_text(client, world):
    pages = get_json(client, "/api/v2/pages/?type=news.NewsPage&fields=summary,tags")
    assert pages["meta"]["total_count"] == 3
    images = get_json(client, "/api/v2/images/")
    assert [i["id"] for i in images["items"]] == [world["image"].pk]
    desa = get_json(client, f"/api/v2/pages/{world['news'].desa_id}/?fields=visi")
    assert desa["meta"]["detail_url"].startswith("http://testserver/api/v2/pages/")
