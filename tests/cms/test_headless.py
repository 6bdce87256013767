"""The CMS host serves no page: a public page's URL redirects to its
frontend, and every other path, hidden page or missing one, is the same 404
(Wagtail's serve view answered 500 for lack of templates, and 404 for
missing pages: the difference told that a hidden page exists)."""

import pytest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site

from tests.factories import DesaHomePageFactory, news_page, publish

IGNORED_HEADERS = {"Date"}


@pytest.fixture
def pages(kecamatan, desa_a, desa_b, editor_b):
    """A public page and one of every kind that must stay hidden."""
    desa_a.public_domain = "giritirta.desa.id"
    publish(desa_a)
    publish(desa_b)
    public = publish(news_page(desa_a, title="Terbit", slug="terbit"))
    draft = news_page(desa_b, title="Draf", slug="draf", live=False)
    moderated = news_page(desa_b, title="Moderasi", slug="moderasi", live=False)
    moderated.save_revision(user=editor_b)
    moderated.get_workflow().start(moderated, editor_b)
    private = publish(news_page(desa_b, title="Privat", slug="privat"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden_desa = DesaHomePageFactory(
        parent=kecamatan, name="Biting", kode_kemendagri="33.04.15.2006", live=False
    )
    under_hidden_desa = publish(news_page(hidden_desa, title="Di desa", slug="di"))
    return {
        "public": public,
        "hidden": [draft, moderated, private, hidden_desa, under_hidden_desa],
    }


def path_of(page) -> str:
    """The page's path on the CMS host (the default site): /giritirta/..."""
    root = Site.objects.get(is_default_site=True).root_page
    return page.url_path[len(root.url_path) - 1 :]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/", "https://portal.example/"),
        ("/giritirta/", "https://giritirta.desa.id/"),
        ("/giritirta/berita/", "https://giritirta.desa.id/berita/"),
        ("/giritirta/berita/terbit/", "https://giritirta.desa.id/berita/terbit/"),
        ("/ratamba/", "https://portal.example/desa/ratamba/"),
        ("/berita/", "https://portal.example/berita/"),
    ],
)
def test_a_public_page_redirects_to_its_frontend(pages, path, target):
    for method in ("get", "head"):
        response = getattr(Client(), method)(path)
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"] == target


def test_the_admins_view_live_link_leads_to_the_frontend(pages):
    """Directly now (tests/cms/test_live_links.py); the CMS host's path,
    bookmarked from before, still redirects."""
    assert pages["public"].url == "https://giritirta.desa.id/berita/terbit/"
    response = Client().get(path_of(pages["public"]))
    assert response["Location"] == "https://giritirta.desa.id/berita/terbit/"


def answer(path: str, method: str = "get") -> tuple:
    response = getattr(Client(), method)(path)
    headers = {k: v for k, v in response.items() if k not in IGNORED_HEADERS}
    return response.status_code, headers, response.content


def test_hidden_pages_answer_exactly_like_missing_ones(pages):
    hidden_paths = [path_of(page) for page in pages["hidden"]]
    assert "/biting/berita/di/" in hidden_paths
    for method in ("get", "head"):
        missing = answer("/ratamba/berita/tidak-ada/", method)
        assert missing[0] == 404
        for path in hidden_paths:
            assert answer(path, method) == missing, path


def test_an_old_address_of_a_hidden_page_answers_like_a_missing_one(pages):
    """Wagtail keeps a redirect when a page's slug changes; following it
    told a hidden page's new address (its redirect middleware)."""
    page = pages["public"]
    old_path = "/giritirta/berita/judul-lama/"
    Redirect.add_redirect(old_path, redirect_to=page)
    page.unpublish()
    assert answer(old_path) == answer("/giritirta/berita/tidak-ada/")


@pytest.mark.parametrize(
    "path",
    [
        "/_util/login/",
        "/_util/authenticate_with_password/1/1/",
        "/giritirta/berita/terbit/edit/",
        "/%E2%98%83/",
        "/giri%00tirta/",
        f"/{'x' * 5000}/",
    ],
)
def test_nothing_else_is_served(pages, path):
    assert Client().get(path).status_code == 404


def test_other_methods_are_refused_alike(pages):
    for method in ("post", "options", "delete"):
        answers = {
            (r.status_code, r["Allow"])
            for r in (
                getattr(Client(), method)(path)
                for path in ("/giritirta/berita/terbit/", "/ratamba/berita/draf/")
            )
        }
        assert answers == {(405, "GET, HEAD")}
