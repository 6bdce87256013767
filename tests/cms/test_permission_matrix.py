"""The permission matrix of desa editors, driven through the admin over HTTP.

For the editor of desa A and the editor of desa B, every cell of
{add, edit, publish, delete, move, copy into} x {own desa, other desa,
kecamatan} and {choose, add, edit} x {own media, other desa's media} is
asserted by what the admin actually did, not only by the status code.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.news.models import NewsIndexPage, NewsPage
from tests.conftest import logged_in
from tests.factories import news_page, publish, section

from .admin_forms import news_form

ALLOWED, DENIED = True, False


def png_file(name="foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def world(kecamatan, desa_a, desa_b, editor_a, editor_b):
    """Published news in A, B and the kecamatan; one image and document per
    desa collection; and which of A/B is "own" for each editor."""
    image_model, document_model = get_image_model(), get_document_model()
    places = {"A": desa_a, "B": desa_b, "K": kecamatan}
    news = {
        key: publish(news_page(place, title=f"Berita {key}"))
        for key, place in places.items()
    }
    images, documents = {}, {}
    for key, desa in (("A", desa_a), ("B", desa_b)):
        collection = desa.roles.collection
        images[key] = image_model.objects.create(
            title=f"Foto {key}", file=png_file(), collection=collection
        )
        documents[key] = document_model.objects.create(
            title=f"Dokumen {key}",
            file=SimpleUploadedFile("d.txt", b"isi"),
            collection=collection,
        )
    return {
        "places": places,
        "news": news,
        "images": images,
        "documents": documents,
        "editors": {"A": editor_a, "B": editor_b},
    }


def resolve(world, editor_key, target):
    """'own' / 'other' / 'kecamatan' -> key into the world for this editor."""
    other = "B" if editor_key == "A" else "A"
    return {"own": editor_key, "other": other, "kecamatan": "K"}[target]


EDITORS = ["A", "B"]
TARGETS = ["own", "other", "kecamatan"]


def expect(table, target):
    return table[target]


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(
    ("target", "allowed"), [("own", ALLOWED), ("other", DENIED), ("kecamatan", DENIED)]
)
def test_add(world, editor, target, allowed):
    key = resolve(world, editor, target)
    index = section(world["places"][key], NewsIndexPage)
    client = logged_in(world["editors"][editor])
    category = world["news"][key].category_id
    response = client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form(title="Baru", slug="baru", category=category),
    )
    created = NewsPage.objects.child_of(index).filter(slug="baru")
    assert created.exists() is allowed
    if allowed:
        assert response.status_code == 302
        assert not created.get().live


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(
    ("target", "allowed"), [("own", ALLOWED), ("other", DENIED), ("kecamatan", DENIED)]
)
def test_edit(world, editor, target, allowed):
    page = world["news"][resolve(world, editor, target)]
    client = logged_in(world["editors"][editor])
    get = client.get(f"/admin/pages/{page.pk}/edit/")
    client.post(f"/admin/pages/{page.pk}/edit/", news_form(page, title="Diubah"))
    draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert (get.status_code == 200) is allowed
    assert (draft.title == "Diubah") is allowed


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize("target", TARGETS)
def test_publish_is_always_denied(world, editor, target):
    page = world["news"][resolve(world, editor, target)]
    client = logged_in(world["editors"][editor])
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        news_form(page, title="Terbit", **{"action-publish": "action-publish"}),
    )
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    live = NewsPage.objects.get(pk=page.pk)
    assert live.title == page.title
    assert live.live


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize("target", TARGETS)
def test_delete_of_published_pages_is_denied(world, editor, target):
    page = world["news"][resolve(world, editor, target)]
    client = logged_in(world["editors"][editor])
    client.post(f"/admin/pages/{page.pk}/delete/")
    assert NewsPage.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(
    ("target", "allowed"), [("own", ALLOWED), ("other", DENIED), ("kecamatan", DENIED)]
)
def test_delete_of_unpublished_drafts(world, editor, target, allowed):
    place = world["places"][resolve(world, editor, target)]
    draft = news_page(place, title="Draf", live=False)
    client = logged_in(world["editors"][editor])
    client.post(f"/admin/pages/{draft.pk}/delete/")
    assert NewsPage.objects.filter(pk=draft.pk).exists() is not allowed


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(
    ("source", "destination"),
    [
        ("own", "other"),
        ("own", "kecamatan"),
        ("other", "own"),
        ("other", "kecamatan"),
        ("kecamatan", "own"),
    ],
)
@pytest.mark.parametrize("live", [True, False])
def test_move_is_denied(world, editor, source, destination, live):
    place = world["places"][resolve(world, editor, source)]
    page = news_page(place, title="Pindah", live=live)
    target = section(
        world["places"][resolve(world, editor, destination)], NewsIndexPage
    )
    client = logged_in(world["editors"][editor])
    client.post(f"/admin/pages/{page.pk}/move/{target.pk}/confirm/")
    assert Page.objects.get(pk=page.pk).get_parent().pk == page.get_parent().pk


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(
    ("source", "destination", "allowed"),
    [
        ("own", "own", ALLOWED),
        ("own", "other", DENIED),
        ("own", "kecamatan", DENIED),
        ("other", "own", DENIED),
        ("other", "other", DENIED),
        ("kecamatan", "own", DENIED),
        ("kecamatan", "kecamatan", DENIED),
    ],
)
def test_copy_into(world, editor, source, destination, allowed):
    page = world["news"][resolve(world, editor, source)]
    target = section(
        world["places"][resolve(world, editor, destination)], NewsIndexPage
    )
    client = logged_in(world["editors"][editor])
    client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": target.pk},
    )
    copies = NewsPage.objects.child_of(target).filter(slug="salinan")
    assert copies.exists() is allowed
    if allowed:
        assert not copies.get().live


MEDIA = [
    ("images", "/admin/images/chooser/", "/admin/images/add/", "/admin/images/{}/"),
    (
        "documents",
        "/admin/documents/chooser/",
        "/admin/documents/add/",
        "/admin/documents/edit/{}/",
    ),
]


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(("kind", "chooser", "_add", "_edit"), MEDIA)
def test_choose_lists_own_media_only(world, editor, kind, chooser, _add, _edit):
    client = logged_in(world["editors"][editor])
    own = world[kind][resolve(world, editor, "own")]
    other = world[kind][resolve(world, editor, "other")]
    html = client.get(chooser).content.decode()
    assert own.title in html
    assert other.title not in html
    chosen = client.get(f"{chooser}{other.pk}/")
    assert chosen.status_code in (302, 403, 404)


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(("kind", "_chooser", "add", "_edit"), MEDIA)
@pytest.mark.parametrize(("target", "allowed"), [("own", ALLOWED), ("other", DENIED)])
def test_add_media(world, editor, kind, _chooser, add, _edit, target, allowed):
    model = get_image_model() if kind == "images" else get_document_model()
    collection = world["places"][resolve(world, editor, target)].roles.collection
    client = logged_in(world["editors"][editor])
    upload = png_file() if kind == "images" else SimpleUploadedFile("a.txt", b"x")
    client.post(add, {"title": "Unggahan", "file": upload, "collection": collection.pk})
    uploaded = model.objects.filter(title="Unggahan")
    assert uploaded.filter(collection=collection).exists() is allowed
    # With one permitted collection the admin files every upload there.
    own = world["places"][resolve(world, editor, "own")].roles.collection
    assert set(uploaded.values_list("collection", flat=True)) == {own.pk}


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize(("kind", "_chooser", "_add", "edit"), MEDIA)
@pytest.mark.parametrize(("target", "allowed"), [("own", ALLOWED), ("other", DENIED)])
def test_edit_media(world, editor, kind, _chooser, _add, edit, target, allowed):
    item = world[kind][resolve(world, editor, target)]
    client = logged_in(world["editors"][editor])
    client.post(
        edit.format(item.pk),
        {"title": "Diubah", "collection": item.collection_id, "tags": ""},
    )
    item.refresh_from_db()
    assert (item.title == "Diubah") is allowed
