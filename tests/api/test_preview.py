"""Headless preview: the admin's preview opens the desa's own frontend with
a short-lived signed token; the frontend reads the draft from the API."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from cms.news.models import NewsIndexPage
from tests.conftest import logged_in
from tests.factories import section

from ..cms.admin_forms import news_form
from .conftest import get_json


def preview(client, url: str, data: dict) -> str:
    """POST the editor's form to the preview view, then open the preview;
    returns where the admin sends the browser."""
    posted = client.post(url, data)
    assert posted.json()["is_valid"], posted.content
    opened = client.get(url)
    assert opened.status_code == 302
    return opened["Location"]


def token_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["token"][0]


def test_preview_of_a_draft_opens_the_desa_domain(client, world, editor_a):
    news = world["news"]
    location = preview(
        logged_in(editor_a),
        f"/admin/pages/{news.pk}/edit/preview/",
        news_form(news, title="Judul draf belum terbit", tags="posyandu"),
    )
    assert location.startswith("https://giritirta.desa.id/preview/?token=")
    draft = get_json(
        client, f"/api/v2/preview/?token={token_of(location)}&desa=giritirta"
    )
    assert draft["title"] == "Judul draf belum terbit"
    assert draft["desa"]["slug"] == "giritirta"
    assert draft["tags"] == ["posyandu"]
    # The live item is unchanged.
    assert get_json(client, f"/api/v2/news/{news.pk}/")["title"] == "Posyandu Giritirta"


def test_preview_of_a_new_page_in_a_desa_without_domain(
    client, world, editor_b, desa_b
):
    index = section(desa_b, NewsIndexPage)
    location = preview(
        logged_in(editor_b),
        f"/admin/pages/add/news/newspage/{index.pk}/preview/",
        news_form(title="Berita baru Ratamba", slug="baru", category=1),
    )
    assert location.startswith("https://portal.example/desa/ratamba/preview/?token=")
    draft = get_json(
        client, f"/api/v2/preview/?token={token_of(location)}&desa=33.04.15.2011"
    )
    assert draft["title"] == "Berita baru Ratamba"
    assert draft["url"] == "https://portal.example/desa/ratamba/berita/baru/"


def test_preview_responses_are_never_cached(client, world, editor_a):
    news = world["news"]
    location = preview(
        logged_in(editor_a), f"/admin/pages/{news.pk}/edit/preview/", news_form(news)
    )
    url = f"/api/v2/preview/?token={token_of(location)}&desa=giritirta"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "ETag" not in response
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "tamper", [lambda t: t[:-2] + "xx", lambda t: "1:" + t, str.upper]
)
def test_tampered_tokens_are_refused(client, world, editor_a, tamper):
    news = world["news"]
    location = preview(
        logged_in(editor_a), f"/admin/pages/{news.pk}/edit/preview/", news_form(news)
    )
    token = tamper(token_of(location))
    get_json(client, f"/api/v2/preview/?token={token}&desa=giritirta", 403)


def test_expired_tokens_are_refused(client, world, editor_a):
    news = world["news"]
    location = preview(
        logged_in(editor_a), f"/admin/pages/{news.pk}/edit/preview/", news_form(news)
    )
    with override_settings(PREVIEW_TOKEN_MAX_AGE=-1):
        data = get_json(
            client, f"/api/v2/preview/?token={token_of(location)}&desa=giritirta", 403
        )
    assert data["message"]


def test_a_token_renders_only_on_the_site_of_its_desa(client, world, editor_a):
    news = world["news"]
    location = preview(
        logged_in(editor_a), f"/admin/pages/{news.pk}/edit/preview/", news_form(news)
    )
    url = f"/api/v2/preview/?token={token_of(location)}&desa="
    for site in ("giritirta", "Giritirta", "33.04.15.2005"):
        assert get_json(client, url + site)["id"] == news.pk
    bad_token = get_json(client, "/api/v2/preview/?token=x&desa=giritirta", 403)
    # On another desa's site or the portal it is refused like a bad token.
    for site in ("ratamba", "33.04.15.2011", "kecamatan", "wakanda"):
        assert get_json(client, url + site, 403) == bad_token
    assert "desa" in get_json(client, url[: -len("&desa=")], 400)["message"]


def test_a_kecamatan_token_renders_only_on_the_portal(
    client, world, moderator, kecamatan
):
    news = world["kecamatan_news"]
    location = preview(
        logged_in(moderator), f"/admin/pages/{news.pk}/edit/preview/", news_form(news)
    )
    assert location.startswith("https://portal.example/preview/?token=")
    url = f"/api/v2/preview/?token={token_of(location)}&desa="
    assert get_json(client, url + "kecamatan")["desa"] is None
    get_json(client, url + "giritirta", 403)
