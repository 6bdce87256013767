"""Files follow the visibility rules of pages: a document or original image
is downloadable anonymously only while a public page uses it; otherwise only
users who may choose it in the admin get it, and everyone else gets the same
404 as for a file that does not exist."""

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.utils.sendfile import _get_sendfile
from wagtail_factories import ImageFactory

from tests.conftest import logged_in
from tests.factories import document_block, image_block, news_page, publish, stream

CONTENT = b"Laporan realisasi APBDes, contoh."


def body_using(document=None, image=None) -> str:
    blocks = []
    if document is not None:
        blocks.append(document_block(document))
    if image is not None:
        blocks.append(image_block(image))
    return stream(*blocks)


@pytest.fixture
def document(desa_a):
    return get_document_model().objects.create(
        title="Laporan APBDes",
        file=ContentFile(CONTENT, name="laporan-apbdes.txt"),
        collection=desa_a.roles.collection,
    )


@pytest.fixture
def image(desa_a):
    return ImageFactory(title="Foto balai desa", collection=desa_a.roles.collection)


@pytest.fixture
def live_desa(desa_a):
    return publish(desa_a)


def using_page(desa, document, image, **kwargs):
    return news_page(desa, body=body_using(document, image), **kwargs)


def draft(desa, document, image, editor):
    return using_page(desa, document, image, live=False)


def in_moderation(desa, document, image, editor):
    page = using_page(desa, document, image, live=False)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def password_protected(desa, document, image, editor):
    page = publish(using_page(desa, document, image))
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    return page


def under_unpublished_desa(desa, document, image, editor):
    page = publish(using_page(desa, document, image))
    desa.unpublish()
    return page


HIDDEN_USES = [draft, in_moderation, password_protected, under_unpublished_desa]


def image_url(image) -> str:
    return image.file.url


def download(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else None
    return response, body


@pytest.mark.parametrize("use", HIDDEN_USES, ids=lambda use: use.__name__)
def test_anonymous_gets_404_for_a_document_only_hidden_pages_use(
    live_desa, document, image, editor_a, use
):
    use(live_desa, document, image, editor_a)
    missing = Client().get(f"/documents/{document.pk + 1000}/laporan-apbdes.txt")
    response = Client().get(document.url)
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content


@pytest.mark.parametrize("use", HIDDEN_USES, ids=lambda use: use.__name__)
def test_anonymous_gets_404_for_an_original_only_hidden_pages_use(
    live_desa, document, image, editor_a, use
):
    use(live_desa, document, image, editor_a)
    url = image_url(image)
    missing = Client().get(re.sub(r"[0-9a-f]{32}", "0" * 32, url))
    response = Client().get(url)
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content


def test_a_live_public_page_makes_its_files_public_until_unpublished(
    live_desa, document, image
):
    page = publish(using_page(live_desa, document, image))
    response, body = download(Client(), document.url)
    assert response.status_code == 200
    assert body == CONTENT
    response, body = download(Client(), image_url(image))
    assert response.status_code == 200
    assert body == Path(image.file.path).read_bytes()
    assert response["Content-Type"] == "image/jpeg"

    page.unpublish()
    assert Client().get(document.url).status_code == 404
    assert Client().get(image_url(image)).status_code == 404


def test_checked_files_are_never_kept_by_shared_caches(live_desa, document, image):
    publish(using_page(live_desa, document, image))
    for url in (document.url, image_url(image)):
        response = Client().get(url)
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-cache"} <= directives
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "who, status",
    [("editor_a", 200), ("moderator", 200), ("superuser", 200), ("editor_b", 404)],
)
def test_users_who_may_choose_a_hidden_file_get_it(
    request, live_desa, document, image, editor_a, who, status
):
    draft(live_desa, document, image, editor_a)
    client = logged_in(request.getfixturevalue(who))
    assert client.get(document.url).status_code == status
    assert client.get(image_url(image)).status_code == status


def test_a_wrong_file_name_is_404_even_for_a_public_document(live_desa, document):
    publish(using_page(live_desa, document, None))
    assert Client().get(f"/documents/{document.pk}/other.txt").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/files/original_images/x.jpg%00",
        "/files/original_images/%00",
        "/documents/99999999999999999999/x.txt",
        "/documents/1%00/x.txt",
        "/documents/1/x%00.txt",
    ],
)
def test_hostile_file_urls_are_404(image, document, path):
    assert Client().get(path).status_code == 404


def test_originals_are_stored_privately_under_an_unguessable_name(image, document):
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for stored in (image.file.path, document.file.path):
        assert Path(stored).resolve().is_relative_to(private_root)
        assert (
            not Path(stored)
            .resolve()
            .is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        )
    # Renditions stay public, named after the token and not the upload name.
    rendition = image.get_rendition("width-400|format-webp")
    assert rendition.url.startswith("/media/images/")
    assert Path(image.file.name).stem in rendition.url
    assert (
        Path(rendition.file.path)
        .resolve()
        .is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    )


def test_api_download_url_of_a_public_image_is_the_checked_url(live_desa, image):
    publish(using_page(live_desa, None, image))
    data = Client().get(f"/api/v2/images/{image.pk}/").json()
    download_url = data["meta"]["download_url"]
    assert download_url == image_url(image)
    assert Client().get(image_url(image)).status_code == 200


@pytest.fixture
def nginx_sendfile():
    """Production: nginx sends the bytes after the app's check."""
    with override_settings(
        SENDFILE_BACKEND="django_sendfile.backends.nginx",
        SENDFILE_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        SENDFILE_URL="/_private-media",
    ):
        _get_sendfile.clear()
        yield
    _get_sendfile.clear()


def test_production_hands_the_bytes_to_nginx(
    live_desa, document, image, nginx_sendfile
):
    publish(using_page(live_desa, document, image))
    for url, name in (
        (document.url, document.file.name),
        (image_url(image), image.file.name),
    ):
        response = Client().get(url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/_private-media/{name}"
        assert response.content == b""
        assert "private" in response["Cache-Control"]


def test_production_checks_before_handing_over(
    live_desa, document, image, nginx_sendfile
):
    draft(live_desa, document, image, None)
    for url in (document.url, image_url(image)):
        response = Client().get(url)
        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response


@pytest.fixture
def debug_urls():
    """The URLs of `make demo` (DEBUG serves media through Django)."""
    import cms.urls

    with override_settings(DEBUG=True):
        importlib.reload(cms.urls)
        clear_url_caches()
        yield
    importlib.reload(cms.urls)
    clear_url_caches()


def test_dev_media_serves_renditions_but_never_originals(debug_urls, image):
    media_root = Path(settings.MEDIA_ROOT)
    for folder in ("original_images", "documents"):
        (media_root / folder).mkdir(parents=True, exist_ok=True)
        (media_root / folder / "lama.txt").write_bytes(b"berkas lama")
        assert Client().get(f"/media/{folder}/lama.txt").status_code == 404
    rendition = image.get_rendition("width-400|format-webp")
    response = Client().get(rendition.url)
    assert response.status_code == 200
