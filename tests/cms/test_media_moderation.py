"""Nothing a desa editor does to an image or document reaches the public
without a moderator (cms/core/media_policy.py): while a live page (of any
desa) uses an item, only who may publish that page changes or deletes it,
and editors delete nothing. Every admin route that changes or deletes
media is tried over HTTP, for a live page of the editor's own desa and of
another desa, and moderators must still be able to."""

from dataclasses import dataclass
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from cms.core.admin_media_views import DOCUMENT_HELD, IMAGE_HELD
from tests.conftest import logged_in
from tests.factories import document_block, image_block, news_page, publish, stream


def png(colour: str) -> SimpleUploadedFile:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue(), "image/png")


@dataclass
class Kind:
    """What differs between images and documents in the admin."""

    name: str
    app: str
    model_name: str
    edit: str  # URL name of the edit view
    delete: str
    usage: str
    multiple_edit: str
    multiple_delete: str
    prefix: str  # form prefix of the multiple-upload edit
    held_message: str

    @property
    def model(self):
        return get_image_model() if self.name == "image" else get_document_model()

    def create(self, collection, title="Asli"):
        if self.name == "image":
            return ImageFactory(title=title, collection=collection)
        return self.model.objects.create(
            title=title,
            file=ContentFile(b"isi asli", name="asli.txt"),
            collection=collection,
        )

    def block(self, item) -> dict:
        return image_block(item) if self.name == "image" else document_block(item)

    def new_file(self):
        if self.name == "image":
            return png("red")
        return SimpleUploadedFile("palsu.txt", b"isi palsu", "text/plain")

    def form(self, item, **changes) -> dict:
        data = {"title": item.title, "collection": item.collection_id, "tags": ""}
        if self.name == "image":
            data.update(description=item.description)
        data.update(changes)
        return data

    def state(self, item) -> tuple:
        """What the public could see change."""
        item = self.model.objects.get(pk=item.pk)
        fields = [item.title, item.file.name, item.collection_id]
        fields.append(sorted(tag.name for tag in item.tags.all()))
        if self.name == "image":
            fields += [item.description, item.get_focal_point()]
        return tuple(fields)


IMAGE = Kind(
    "image",
    "wagtailimages",
    "image",
    "wagtailimages:edit",
    "wagtailimages:delete",
    "wagtailimages:image_usage",
    "wagtailimages:edit_multiple",
    "wagtailimages:delete_multiple",
    "image",
    IMAGE_HELD,
)
DOCUMENT = Kind(
    "document",
    "wagtaildocs",
    "document",
    "wagtaildocs:edit",
    "wagtaildocs:delete",
    "wagtaildocs:document_usage",
    "wagtaildocs:edit_multiple",
    "wagtaildocs:delete_multiple",
    "doc",
    DOCUMENT_HELD,
)
KINDS = [IMAGE, DOCUMENT]


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name)
def kind(request):
    return request.param


def used_by_live_page(kind, item, desa):
    """A moderator published a page of `desa` using `item` (allowed: they
    may use any collection)."""
    return publish(news_page(desa, body=stream(kind.block(item))))


@pytest.fixture(params=["own desa", "another desa"])
def held(request, kind, desa_a, desa_b):
    """An item of desa A's collection that a live page uses: a page of desa
    A, or (the cross-desa attack) one of desa B."""
    item = kind.create(desa_a.roles.collection)
    holder = desa_a if request.param == "own desa" else desa_b
    used_by_live_page(kind, item, holder)
    return item


@pytest.fixture
def free(kind, desa_a):
    """An item of desa A's collection that only a draft uses."""
    item = kind.create(desa_a.roles.collection)
    news_page(desa_a, live=False, body=stream(kind.block(item)))
    return item


EDITS = {
    "new file": lambda kind: {"file": kind.new_file()},
    "title": lambda kind: {"title": "Judul penyerang"},
    "tags": lambda kind: {"tags": "penyerang"},
}
IMAGE_EDITS = {
    "alt text": {"description": "Teks alt penyerang"},
    "focal point": {
        "focal_point_x": "5",
        "focal_point_y": "5",
        "focal_point_width": "10",
        "focal_point_height": "10",
    },
}


def edits(kind) -> dict:
    found = {name: make(kind) for name, make in EDITS.items()}
    if kind.name == "image":
        found.update(IMAGE_EDITS)
    return found


def post_edit(client, kind, item, changes):
    return client.post(reverse(kind.edit, args=[item.pk]), kind.form(item, **changes))


def post_multiple_edit(client, kind, item, changes):
    prefix = f"{kind.prefix}-{item.pk}-"
    data = {prefix + key: value for key, value in kind.form(item, **changes).items()}
    return client.post(reverse(kind.multiple_edit, args=[item.pk]), data)


def bulk(client, kind, action, items, data=None):
    query = "&".join(f"id={item.pk}" for item in items)
    url = f"/admin/bulk/{kind.app}/{kind.model_name}/{action}/?{query}"
    return client.post(url, data or {})


# Editors: an item a live page uses stays as the moderator published it.


@pytest.mark.parametrize("post", [post_edit, post_multiple_edit])
def test_editors_cannot_change_an_item_a_live_page_uses(kind, held, editor_a, post):
    client = logged_in(editor_a)
    before = kind.state(held)
    for name, changes in edits(kind).items():
        post(client, kind, held, changes)
        assert kind.state(held) == before, name


@pytest.mark.parametrize("post", [post_edit, post_multiple_edit])
def test_editors_change_an_item_no_live_page_uses(kind, free, editor_a, post):
    response = post(logged_in(editor_a), kind, free, {"title": "Judul baru"})
    assert response.status_code in (200, 302)
    assert kind.model.objects.get(pk=free.pk).title == "Judul baru"


def test_editors_replace_the_file_of_an_item_no_live_page_uses(kind, free, editor_a):
    before = kind.state(free)
    post_edit(logged_in(editor_a), kind, free, {"file": kind.new_file()})
    assert kind.state(free)[1] != before[1]


def test_editors_touch_nothing_of_another_desa_s_collection(kind, desa_b, editor_a):
    item = kind.create(desa_b.roles.collection)
    client = logged_in(editor_a)
    before = kind.state(item)
    post_edit(client, kind, item, {"title": "Judul penyerang"})
    post_multiple_edit(client, kind, item, {"title": "Judul penyerang"})
    bulk(client, kind, "add_tags", [item], {"tags": "penyerang"})
    client.post(reverse(kind.delete, args=[item.pk]))
    bulk(client, kind, "delete", [item])
    assert kind.state(item) == before


def test_the_edit_page_says_why_a_held_item_cannot_be_changed(kind, held, editor_a):
    client = logged_in(editor_a)
    response = client.get(reverse(kind.edit, args=[held.pk]), follow=True)
    usage = reverse(kind.usage, args=[held.pk])
    assert response.redirect_chain == [(usage, 302)]
    with translation.override("id"):
        message = str(kind.held_message)
    assert "moderator" in message and "halaman" in message  # Indonesian
    assert message in response.content.decode()


def test_editors_never_delete(kind, free, held, editor_a):
    client = logged_in(editor_a)
    for item in (free, held):
        client.post(reverse(kind.delete, args=[item.pk]))
        client.post(reverse(kind.multiple_delete, args=[item.pk]))
        bulk(client, kind, "delete", [item])
    assert kind.model.objects.filter(pk__in=[free.pk, held.pk]).count() == 2


def test_bulk_tags_and_collections_skip_held_items(kind, free, held, editor_a):
    client = logged_in(editor_a)
    held_before = kind.state(held)
    bulk(client, kind, "add_tags", [free, held], {"tags": "baru"})
    # A sub-collection of their own, where editors may add too.
    album = held.collection.add_child(name="Album")
    bulk(client, kind, "add_to_collection", [free, held], {"collection": album.pk})
    assert kind.state(held) == held_before
    assert kind.state(free)[2:4] == (album.pk, ["baru"])


def test_the_listing_shows_held_items_and_the_edit_links_explain(
    kind, held, free, editor_a
):
    index = "wagtailimages:index" if kind.name == "image" else "wagtaildocs:index"
    client = logged_in(editor_a)
    for query in ("", "?q=Asli", "?ordering=-usage_count&layout=list"):
        html = client.get(reverse(index) + query).content.decode()
        assert reverse(kind.edit, args=[held.pk]) in html, query
        assert reverse(kind.edit, args=[free.pk]) in html, query


# Moderators (and their grants) still can.


def test_moderators_change_and_delete_held_items(kind, held, moderator):
    client = logged_in(moderator)
    post_edit(client, kind, held, {"title": "Judul moderator"})
    assert kind.model.objects.get(pk=held.pk).title == "Judul moderator"
    client.post(reverse(kind.delete, args=[held.pk]))
    assert not kind.model.objects.filter(pk=held.pk).exists()


def test_moderators_bulk_delete_held_items(kind, held, moderator):
    bulk(logged_in(moderator), kind, "delete", [held])
    assert not kind.model.objects.filter(pk=held.pk).exists()


def test_editors_still_upload_through_the_chooser(kind, desa_a, editor_a):
    client = logged_in(editor_a)
    collection = desa_a.roles.collection
    if kind.name == "image":
        url = reverse("wagtailimages_chooser:create")
        data = {
            "image-chooser-upload-title": "Unggahan",
            "image-chooser-upload-file": png("blue"),
            "image-chooser-upload-collection": collection.pk,
        }
    else:
        url = reverse("wagtaildocs_chooser:create")
        data = {
            "document-chooser-upload-title": "Unggahan",
            "document-chooser-upload-file": kind.new_file(),
            "document-chooser-upload-collection": collection.pk,
        }
    assert client.post(url, data).status_code == 200
    assert kind.model.objects.get(title="Unggahan").collection == collection


def test_the_admin_api_changes_nothing(kind, held, editor_a):
    plural = f"{kind.name}s"
    url = f"/admin/api/main/{plural}/{held.pk}/"
    client = logged_in(editor_a)
    before = kind.state(held)
    for method in (client.put, client.patch, client.delete):
        assert (
            method(url, {"title": "x"}, content_type="application/json").status_code
            == 405
        )
    assert kind.state(held) == before


# The policy itself, for what the views above do not show.


def test_the_policy_is_registered_for_images_and_documents():
    from wagtail.permissions import policy_registry

    from cms.core.media_policy import ModeratedMediaPermissionPolicy

    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        assert isinstance(policy, ModeratedMediaPermissionPolicy)


def test_querysets_agree_with_instance_checks(kind, held, free, editor_a, moderator):
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(kind.model)
    for user in (editor_a, moderator):
        for actions in (["change"], ["delete"], ["choose"], ["change", "delete"]):
            listed = set(policy.instances_user_has_any_permission_for(user, actions))
            checked = {
                item
                for item in (held, free)
                if policy.user_has_any_permission_for_instance(user, actions, item)
            }
            assert listed & {held, free} == checked, (user, actions)
    assert not policy.user_has_permission(editor_a, "delete")
    assert policy.user_has_permission(moderator, "delete")
    root = Collection.get_first_root_node()
    assert not policy.collections_user_has_permission_for(editor_a, "delete")
    assert root in policy.collections_user_has_permission_for(moderator, "delete")
