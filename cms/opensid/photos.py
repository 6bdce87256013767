"""Photos that OpenSID sends inside its ZIPs, stored as Wagtail images of
the desa's collection.

- A photo is checked to be a real image (Pillow opens and verifies it, and
  its size in pixels is bounded) before anything is stored: a file that is
  not one is a row error.
- The same bytes become the same image (Wagtail's `file_hash`, per
  collection), so a project pushed again adds no copy.
- OpenSID's file names are unique only within one desa (docs/opensid-sync.md
  §9.11): the upload name carries the desa's code, and the storage then gives
  every original an unguessable name of its own (cms/core/storage.py), so
  two desa's "foto.jpg" never meet.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .archive import MAX_PHOTO_BYTES, PushArchive
from .protocol import wrote

FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PIXELS = 60_000_000


@dataclass
class Photo:
    """A checked photo from the ZIP, not stored yet."""

    name: str
    data: bytes


class NotAnImage(ValueError):
    pass


def check_image(data: bytes) -> None:
    """Raise NotAnImage unless `data` is a JPEG, PNG, GIF or WebP picture of
    a sane size (a decompression bomb is refused, not decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise NotAnImage(image.format)
                if image.width * image.height > MAX_PIXELS:
                    raise NotAnImage("too large")
                image.verify()
    except NotAnImage:
        raise
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds
        raise NotAnImage(type(error).__name__) from None


def read_photo(archive: PushArchive, name: str) -> Photo | None:
    """The photo `name` from the ZIP, checked; None when the row names no
    photo or the ZIP lacks it (OpenSID sends the name of a photo missing on
    its disk). Raises NotAnImage for a file that is not a picture."""
    if not name or not archive.has(name):
        return None
    data = archive.read(name, MAX_PHOTO_BYTES)
    check_image(data)
    return Photo(name, data)


def stored_name(desa, name: str) -> str:
    return f"opensid-{desa.kode_kemendagri.replace('.', '')}-{name}"


def store_photo(desa, photo: Photo, title: str):
    """The image holding `photo` in the desa's collection: an existing one
    with the same bytes, or a new one titled `title`."""
    Image = get_image_model()
    collection = desa.roles.collection
    file_hash = hash_filelike(io.BytesIO(photo.data))
    existing = Image.objects.filter(collection=collection, file_hash=file_hash)
    image = existing.order_by("pk").first()
    if image is not None:
        return image
    image = Image(
        title=title[:255],
        collection=collection,
        file=ImageFile(io.BytesIO(photo.data), name=stored_name(desa, photo.name)),
        file_size=len(photo.data),
        file_hash=file_hash,
    )
    image.save()
    wrote(image.file.storage, image.file.name)
    return image


def not_an_image_message() -> str:
    return _("the photo in the ZIP is not a JPEG, PNG, GIF or WebP image.")
