"""Existing deployments kept originals under MEDIA_ROOT: the command moves
them into the private storage, safely and idempotently."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.conftest import logged_in

OLD_IMAGE = "original_images/foto-balai-desa.jpg"
OLD_DOCUMENT = "documents/laporan-apbdes.txt"
DOCUMENT_BYTES = b"Laporan realisasi, contoh."


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (20, 120, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def old_deployment(roots, desa_a):
    """An image with a rendition and a document, stored the old way."""
    media, _private = roots
    image_bytes = jpeg()
    for name, content in ((OLD_IMAGE, image_bytes), (OLD_DOCUMENT, DOCUMENT_BYTES)):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)
    collection = desa_a.roles.collection
    image = get_image_model().objects.create(
        title="Balai desa",
        file=OLD_IMAGE,
        width=40,
        height=30,
        collection=collection,
        file_hash=hashlib.sha1(image_bytes, usedforsecurity=False).hexdigest(),
    )
    old_rendition = "images/foto-balai-desa.width-20.jpg"
    (media / "images").mkdir(exist_ok=True)
    (media / old_rendition).write_bytes(image_bytes)
    image.renditions.create(
        filter_spec="width-20", file=old_rendition, width=20, height=15
    )
    document = get_document_model().objects.create(
        title="Laporan", file=OLD_DOCUMENT, collection=collection
    )
    return {"image": image, "document": document, "image_bytes": image_bytes}


def run() -> str:
    out = io.StringIO()
    call_command("move_originals_to_private", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_moves_originals_into_private_storage(roots, old_deployment, editor_a):
    media, private = roots
    assert "2 moved, 0 already private, 0 missing" in run()

    image = get_image_model().objects.get(pk=old_deployment["image"].pk)
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name)
    assert (private / image.file.name).read_bytes() == old_deployment["image_bytes"]
    assert not (media / OLD_IMAGE).exists()
    # Renditions named after the old name are gone; new ones follow the token.
    assert not image.renditions.exists()
    assert Path(image.file.name).stem in image.get_rendition("width-20").file.name

    document = get_document_model().objects.get(pk=old_deployment["document"].pk)
    assert document.file.name == OLD_DOCUMENT
    assert (private / OLD_DOCUMENT).read_bytes() == DOCUMENT_BYTES
    assert not (media / OLD_DOCUMENT).exists()

    client = logged_in(editor_a)
    assert client.get(image.file.url).status_code == 200
    assert b"".join(client.get(document.url).streaming_content) == DOCUMENT_BYTES
    assert Client().get(document.url).status_code == 404


def test_running_again_changes_nothing(roots, old_deployment):
    run()
    _media, private = roots
    before = sorted(p.relative_to(private) for p in private.rglob("*"))
    names = list(get_image_model().objects.values_list("file", flat=True))
    assert "0 moved, 2 already private, 0 missing" in run()
    assert sorted(p.relative_to(private) for p in private.rglob("*")) == before
    assert list(get_image_model().objects.values_list("file", flat=True)) == names


def test_a_missing_file_is_reported_and_its_record_kept(roots, old_deployment):
    media, _private = roots
    (media / OLD_DOCUMENT).unlink()
    assert "1 moved, 0 already private, 1 missing" in run()
    document = get_document_model().objects.get(pk=old_deployment["document"].pk)
    assert document.file.name == OLD_DOCUMENT


def test_leftovers_of_an_interrupted_run_are_removed_only_when_safe(
    roots, old_deployment
):
    """A copy left in MEDIA_ROOT after the record was updated is removed once
    its content is found in the private storage; a file no record has is
    kept and listed."""
    run()
    media, _private = roots
    leftover = media / OLD_IMAGE
    leftover.write_bytes(old_deployment["image_bytes"])
    stranger = media / "documents" / "tidak-dikenal.txt"
    stranger.write_bytes(b"tidak ada catatannya")
    output = run()
    assert "1 leftover copies removed" in output
    assert not leftover.exists()
    assert stranger.exists()
    assert str(stranger) in output
