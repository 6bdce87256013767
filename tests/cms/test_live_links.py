"""Every link to a page that the admin or an e-mail shows leads to the page
on its public frontend: the "live" link in the editor's header, "view live"
in the explorer, and the moderation e-mails (which linked the CMS host, or
http://localhost/... from the default Site). A page the public cannot read
has no such link at all. Admin links in e-mails use WAGTAILADMIN_BASE_URL."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import Resolver404, resolve
from wagtail.models import PageViewRestriction

from cms.news.models import NewsIndexPage
from tests.conftest import logged_in
from tests.factories import news_page, publish, section

from .admin_forms import news_form
from .test_review_flow import act, submitted  # noqa: F401 - a fixture

URL = re.compile(r"""https?://[^\s"'<>]+""")
HREF = re.compile(r'href="([^"]+)"')
PUBLIC = "https://giritirta.desa.id/berita/terbit/"


@pytest.fixture
def pages(desa_a):
    desa_a.public_domain = "giritirta.desa.id"
    publish(desa_a)
    public = publish(news_page(desa_a, title="Terbit", slug="terbit"))
    draft = news_page(desa_a, title="Draf", slug="draf", live=False)
    private = publish(news_page(desa_a, title="Privat", slug="privat"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {"public": public, "draft": draft, "private": private}


def page_links(html: str, page) -> list[str]:
    """Links in `html` that can only be to `page` on some site (its slug
    as the last path segment), whatever their host."""
    return [
        href
        for href in HREF.findall(html)
        if urlsplit(href).path.rstrip("/").endswith(f"/{page.slug}")
        and "/admin/" not in href
    ]


def test_a_public_page_links_to_its_frontend(pages):
    page = pages["public"]
    assert page.url == PUBLIC
    assert page.full_url == PUBLIC
    assert (
        page.get_site().root_page_id == page.get_parent().get_parent().get_parent().pk
    )


@pytest.mark.parametrize("kind", ["draft", "private"])
def test_a_hidden_page_has_no_url(pages, kind):
    page = pages[kind]
    assert page.url is None
    assert page.full_url is None
    assert page.get_site() is not None


def test_the_editor_header_links_the_live_page_on_its_frontend(pages, moderator):
    page = pages["public"]
    html = logged_in(moderator).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert page_links(html, page)
    assert set(page_links(html, page)) == {PUBLIC}


@pytest.mark.parametrize("kind", ["draft", "private"])
def test_the_editor_header_has_no_live_link_for_a_hidden_page(pages, moderator, kind):
    page = pages[kind]
    html = logged_in(moderator).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert page_links(html, page) == []


def test_the_explorer_view_live_links_lead_to_the_frontends(pages, desa_a, editor_a):
    index = section(desa_a, NewsIndexPage)
    html = logged_in(editor_a).get(f"/admin/pages/{index.pk}/").content.decode()
    assert set(page_links(html, pages["public"])) == {PUBLIC}
    assert page_links(html, pages["draft"]) == []
    assert page_links(html, pages["private"]) == []


def admin_or_public(url: str, public: set[str]) -> bool:
    if url in public:
        return True
    base = settings.WAGTAILADMIN_BASE_URL
    if not url.startswith(f"{base}/admin/"):
        return False
    try:
        resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return True


def test_moderation_emails_link_the_admin_and_the_public_page_only(
    submitted,  # noqa: F811 - the fixture
    moderator,
    editor_a,
):
    act(logged_in(moderator), submitted, "reject", "Tambahkan foto.")
    submitted.refresh_from_db()
    logged_in(editor_a).post(
        f"/admin/pages/{submitted.pk}/edit/",
        news_form(submitted, **{"action-submit": "action-submit"}),
    )
    act(logged_in(moderator), submitted, "approve", "Bagus.")
    submitted.refresh_from_db()
    assert submitted.live
    public = {"https://portal.example/desa/giritirta/berita/posyandu/"}
    texts = [
        text
        for message in mail.outbox
        for text in [message.body, *(body for body, _type in message.alternatives)]
    ]
    urls = [url.rstrip(".,") for text in texts for url in URL.findall(text)]
    assert public <= set(urls)  # the approval tells where to read the page
    assert any(
        url.startswith(f"{settings.WAGTAILADMIN_BASE_URL}/admin/") for url in urls
    )
    wrong = [url for url in urls if not admin_or_public(url, public)]
    assert wrong == []
    assert not any("localhost" in text for text in texts)
