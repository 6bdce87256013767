"""Where the originals of images and documents are stored: outside
MEDIA_ROOT, so that nothing serves them without the check in
cms/core/downloads.py."""

import posixpath
import re
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

# Wagtail's folder for original images. Rendition names start with the
# original's name, so an unguessable original makes unguessable renditions.
ORIGINAL_IMAGES = "original_images"
TOKEN_NAME = re.compile(r"[0-9a-f]{32}(\.[a-z0-9]+)?")


def token_name(name: str) -> str:
    """`original_images/<random token>.<extension>` for an upload name."""
    extension = posixpath.splitext(name)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", extension):
        extension = ""
    return posixpath.join(ORIGINAL_IMAGES, secrets.token_hex(16) + extension)


def has_token_name(name: str) -> bool:
    folder, basename = posixpath.split(name)
    return folder == ORIGINAL_IMAGES and bool(TOKEN_NAME.fullmatch(basename))


class PrivateMediaStorage(FileSystemStorage):
    """The default storage: PRIVATE_MEDIA_ROOT, URLs under PRIVATE_MEDIA_URL
    (served by the checked view). Original images get a random name, keeping
    only the extension; documents keep their name, which is what a download
    is called."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return self._value_or_setting(self._base_url, settings.PRIVATE_MEDIA_URL)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        elif setting == "PRIVATE_MEDIA_URL":
            self.__dict__.pop("base_url", None)

    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        if posixpath.dirname(filename) == ORIGINAL_IMAGES:
            return token_name(filename)
        return filename
