"""Page forms refuse images and documents the user may not choose and pages
they may not link to, wherever a page can refer to one (a desa editor
posting another desa's image id or a link to its draft), and never show
again what they refused."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import rich_text, streamfield
from wagtail_factories import ImageFactory

from cms.core.forms import HeadlessPageForm
from cms.core.references import can_refer
from cms.news.models import NewsIndexPage, NewsPage
from tests.conftest import logged_in
from tests.factories import (
    development_page,
    news_page,
    publish,
    section,
    tourism_page,
)

from .admin_forms import desa_form, development_form, news_form, tourism_form

# The field errors: a chosen image or document (foreign keys), or blocks and
# rich text whose refused references were taken out.
REFUSED = re.compile("yang tidak dapat Anda pilih|yang tidak boleh Anda pakai")


def media_of(desa):
    collection = desa.roles.collection
    image = ImageFactory(title=f"Foto {desa.name}", collection=collection)
    document = get_document_model().objects.create(
        title=f"Dokumen {desa.name}",
        file=ContentFile(b"isi", name="dokumen.txt"),
        collection=collection,
    )
    return image, document


@pytest.fixture
def own(desa_a):
    return media_of(desa_a)


@pytest.fixture
def foreign(desa_b):
    return media_of(desa_b)


def image_block(image):
    return ("image", {"image": image.pk, "caption": "", "attribution": ""})


def hero_image(desa, image, document):
    page = news_page(desa)
    return page, news_form(page, hero_image=image.pk)


def body_image(desa, image, document):
    page = news_page(desa)
    return page, news_form(page, body=streamfield([image_block(image)]))


def body_gallery(desa, image, document):
    page = news_page(desa)
    item = {"value": image_block(image)[1], "deleted": "", "order": 0, "id": ""}
    gallery = {"title": "", "images": {"count": 1, "0": item}}
    return page, news_form(page, body=streamfield([("gallery", gallery)]))


def body_document(desa, image, document):
    page = news_page(desa)
    block = ("document", {"document": document.pk, "title": ""})
    return page, news_form(page, body=streamfield([block]))


def body_document_link(desa, image, document):
    page = news_page(desa)
    link = f'<p><a linktype="document" id="{document.pk}">Unduh</a></p>'
    return page, news_form(page, body=streamfield([("paragraph", rich_text(link))]))


def tourism_gallery(desa, image, document):
    page = tourism_page(desa)
    return page, tourism_form(page, gallery=streamfield([image_block(image)]))


def progress_report_photo(desa, image, document):
    page = development_page(desa)
    report = {"date": "2026-06-01", "percent": 40, "photo": image.pk}
    return page, development_form(page, reports=[report])


def desa_hero_image(desa, image, document):
    return desa, desa_form(
        name=desa.name, kode_kemendagri=desa.kode_kemendagri, hero_image=image.pk
    )


KINDS = [
    hero_image,
    body_image,
    body_gallery,
    body_document,
    body_document_link,
    tourism_gallery,
    progress_report_photo,
    desa_hero_image,
]


def edit(client, page, data):
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_editor_cannot_use_another_desa_media(desa_a, editor_a, foreign, kind):
    page, data = kind(desa_a, *foreign)
    revisions = page.revisions.count()
    response = edit(logged_in(editor_a), page, data)
    assert response.status_code == 200
    assert REFUSED.search(response.content.decode())
    assert page.revisions.count() == revisions


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_preview_refuses_another_desa_media(desa_a, editor_a, foreign, kind):
    page, data = kind(desa_a, *foreign)
    client = logged_in(editor_a)
    response = client.post(f"/admin/pages/{page.pk}/edit/preview/", data)
    assert response.json()["is_valid"] is False


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_editor_uses_own_desa_media(desa_a, editor_a, own, kind):
    page, data = kind(desa_a, *own)
    response = edit(logged_in(editor_a), page, data)
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize("kind", [hero_image, body_gallery, progress_report_photo])
def test_moderator_uses_any_collection(desa_a, moderator, foreign, kind):
    page, data = kind(desa_a, *foreign)
    assert edit(logged_in(moderator), page, data).status_code == 302


def test_field_errors_point_at_the_field(desa_a, editor_a, foreign):
    page, data = hero_image(desa_a, *foreign)
    form = edit(logged_in(editor_a), page, data).context["form"]
    assert form.errors["hero_image"] == [
        "Anda tidak boleh memakai gambar ini: gambar ini ada di koleksi yang "
        "tidak dapat Anda pilih."
    ]
    page, data = body_document(desa_a, *foreign)
    form = edit(logged_in(editor_a), page, data).context["form"]
    assert form.errors["body"] == [
        "Blok 1 memakai gambar, dokumen, atau halaman yang tidak boleh Anda pakai; "
        "semuanya sudah dikeluarkan."
    ]
    page, data = progress_report_photo(desa_a, *foreign)
    form = edit(logged_in(editor_a), page, data).context["form"]
    assert "photo" in form.formsets["progress_reports"].forms[0].errors


def test_creating_a_page_is_checked_too(desa_a, editor_a, foreign):
    index = section(desa_a, NewsIndexPage)
    response = logged_in(editor_a).post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form(slug="baru", category=1, hero_image=foreign[0].pk),
    )
    assert response.status_code == 200
    assert REFUSED.search(response.content.decode())
    assert not NewsPage.objects.filter(slug="baru").exists()


def test_a_reference_already_in_the_page_may_stay(desa_a, editor_a, foreign, desa_b):
    """A moderator illustrated desa A's page from desa B's collection; A's
    editor may still edit the page, but not add another of B's images."""
    page = publish(news_page(desa_a, hero_image=foreign[0]))
    client = logged_in(editor_a)
    assert edit(
        client, page, news_form(page, hero_image=foreign[0].pk)
    ).status_code == (302)
    another, _document = media_of(desa_b)
    response = edit(client, page, news_form(page, hero_image=another.pk))
    assert response.status_code == 200
    assert REFUSED.search(response.content.decode())


def test_unknown_ids_are_refused_without_error(desa_a, editor_a):
    page = news_page(desa_a)
    link = '<p><a linktype="document" id="999999">Unduh</a></p>'
    data = news_form(page, body=streamfield([("paragraph", rich_text(link))]))
    response = edit(logged_in(editor_a), page, data)
    assert response.status_code == 200
    assert REFUSED.search(response.content.decode())


def test_a_deleted_progress_report_is_not_checked(desa_a, editor_a, foreign):
    page = development_page(desa_a, reports=[(datetime.date(2026, 6, 1), 40)])
    report = {"date": "2026-06-01", "percent": 40, "photo": foreign[0].pk}
    data = development_form(page, reports=[{**report, "DELETE": "1"}])
    assert edit(logged_in(editor_a), page, data).status_code == 302


# Generic: every page model, and every field of it or of its inline children
# that can hold an image or a document, is covered by the check.


def _blocks_choose_media(block) -> bool:
    media = (get_image_model(), get_document_model())
    if isinstance(block, blocks.ChooserBlock):
        return issubclass(block.target_model, media)
    if isinstance(block, blocks.RichTextBlock):
        return True  # may link documents
    children = list((getattr(block, "child_blocks", None) or {}).values())
    if isinstance(block, blocks.ListBlock):
        children.append(block.child_block)
    return any(map(_blocks_choose_media, children))


def _holds_media(field) -> bool:
    media = (get_image_model(), get_document_model())
    if field.many_to_one and field.related_model is not None:
        return issubclass(field.related_model, media)
    if isinstance(field, StreamField):
        return _blocks_choose_media(field.stream_block)
    return isinstance(field, RichTextField)


def _models_with_children(model):
    yield model
    for relation in get_all_child_relations(model):
        yield from _models_with_children(relation.related_model)


PAGE_MODELS = [model for model in get_page_models() if model is not Page]


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m._meta.label)
def test_every_page_form_checks_media(model):
    form_class = model.get_edit_handler().get_form_class()
    assert issubclass(form_class, HeadlessPageForm)


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m._meta.label)
def test_every_field_that_can_hold_media_is_read(model):
    fields = [
        field
        for each in _models_with_children(model)
        for field in each._meta.concrete_fields
        if _holds_media(field)
    ]
    assert all(can_refer(field) for field in fields)
    assert fields or model._meta.label in {
        "news.NewsIndexPage",
        "tourism.TourismIndexPage",
        "wisdom.LocalWisdomIndexPage",
        "development.DevelopmentIndexPage",
    }


# A refused form is shown again: without what it refused. (Before, the
# choosers of the re-shown form named another desa's images and documents and
# gave the unguessable names of their renditions.)


def traces_of(image, document) -> list[str]:
    token = image.file.name.rsplit("/", 1)[-1].split(".")[0]
    return [image.title, token, document.title, document.file.name, document.url]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_a_refused_form_does_not_show_what_it_refused(desa_a, editor_a, foreign, kind):
    page, data = kind(desa_a, *foreign)
    html = edit(logged_in(editor_a), page, data).content.decode()
    assert REFUSED.search(html)
    assert [trace for trace in traces_of(*foreign) if trace in html] == []


def test_rich_text_fields_are_checked_and_shown_without_the_link(
    desa_a, editor_a, foreign
):
    image, document = foreign
    link = f'<p><a linktype="document" id="{document.pk}">Unduh</a> ini</p>'
    data = desa_form(
        name=desa_a.name, kode_kemendagri=desa_a.kode_kemendagri, visi=rich_text(link)
    )
    response = edit(logged_in(editor_a), desa_a, data)
    html = response.content.decode()
    assert response.context["form"].errors["visi"]
    assert "Unduh" in html  # the text stays, without its link
    assert [trace for trace in traces_of(image, document) if trace in html] == []


# Links to pages: any public page, and the user's own drafts; never another
# desa's hidden page (the editor would show its address).


def body_linking(page):
    link = f'<p><a linktype="page" id="{page.pk}">Baca</a></p>'
    return streamfield([("paragraph", rich_text(link))])


def test_a_link_to_another_desa_draft_is_refused_and_taken_out(
    desa_a, desa_b, editor_a
):
    draft = news_page(desa_b, title="Draf Rahasia", slug="draf-rahasia", live=False)
    page = news_page(desa_a)
    response = edit(
        logged_in(editor_a), page, news_form(page, body=body_linking(draft))
    )
    html = response.content.decode()
    assert response.context["form"].errors["body"]
    assert "draf-rahasia" not in html
    assert "Draf Rahasia" not in html
    assert page.revisions.count() == 0


def test_links_to_public_pages_and_own_drafts_are_kept(desa_a, desa_b, editor_a):
    public = publish(news_page(desa_b, slug="kabar-ratamba"))
    own_draft = news_page(desa_a, slug="draf-sendiri", live=False)
    page = news_page(desa_a)
    client = logged_in(editor_a)
    for target in (public, own_draft):
        data = news_form(page, body=body_linking(target))
        assert edit(client, page, data).status_code == 302
