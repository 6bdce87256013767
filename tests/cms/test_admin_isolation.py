"""Nothing of another desa that is not public shows anywhere in the admin
of a desa editor: explorer, search, page chooser, reports, media."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from tests.conftest import logged_in
from tests.factories import news_page, publish

SECRET = "Rahasia Ratamba"


@pytest.fixture
def b_private_things(kecamatan, desa_b, editor_b):
    """In desa B: a draft never published, a live page with unpublished
    changes, a page in moderation, a private page and a document."""
    news_page(desa_b, title=f"{SECRET} draf", live=False)
    publish(news_page(desa_b, title="Berita umum Ratamba"))
    changed = publish(news_page(desa_b, title="Berita terbit Ratamba"))
    changed.title = f"{SECRET} perubahan"
    changed.save_revision()
    moderated = news_page(desa_b, title=f"{SECRET} moderasi", live=False)
    moderated.save_revision(user=editor_b)
    moderated.get_workflow().start(moderated, editor_b)
    private = publish(news_page(desa_b, title=f"{SECRET} privat"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    get_document_model().objects.create(
        title=f"{SECRET} dokumen",
        file=SimpleUploadedFile("r.txt", b"x"),
        collection=desa_b.roles.collection,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/search/?q=Rahasia",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=Rahasia",
        "/admin/choose-page/{desa_b}/",
        "/admin/choose-page/{b_news}/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/documents/chooser/?q=Rahasia",
    ],
)
def test_editor_a_never_sees_b_unpublished_or_private(
    b_private_things, desa_a, desa_b, editor_a, url
):
    from cms.news.models import NewsIndexPage

    b_news = NewsIndexPage.objects.child_of(desa_b).get()
    response = logged_in(editor_a).get(url.format(desa_b=desa_b.pk, b_news=b_news.pk))
    assert response.status_code in (200, 302)
    assert SECRET not in response.content.decode()


def test_chooser_still_offers_public_pages_of_other_desa(
    b_private_things, desa_b, editor_a
):
    from cms.news.models import NewsIndexPage

    b_news = NewsIndexPage.objects.child_of(desa_b).get()
    html = logged_in(editor_a).get(f"/admin/choose-page/{b_news.pk}/").content.decode()
    assert "Berita umum Ratamba" in html


def test_moderator_sees_what_is_waiting(b_private_things, moderator):
    html = logged_in(moderator).get("/admin/").content.decode()
    assert f"{SECRET} moderasi" in html


def test_editor_b_sees_own_drafts_in_the_chooser(b_private_things, desa_b, editor_b):
    from cms.news.models import NewsIndexPage

    b_news = NewsIndexPage.objects.child_of(desa_b).get()
    html = logged_in(editor_b).get(f"/admin/choose-page/{b_news.pk}/").content.decode()
    assert f"{SECRET} draf" in html
