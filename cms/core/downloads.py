"""The only ways to the originals of images and documents: checked per
request (`cms.core.media_access.may_download`), so that unpublishing a page
makes its files private at once. Denied and missing are the same 404.

Every checked response says `Cache-Control: private, no-cache`: no shared
cache keeps a copy, and a browser asks again before reusing its own (a cheap
304 through the ETag, after the same check). In production nginx sends the
bytes after the check (SENDFILE_BACKEND, X-Accel-Redirect); otherwise Django
streams them, as Wagtail's document view does.
"""

import mimetypes

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from .media_access import may_download
from .storage import ORIGINAL_IMAGES

never_shared = cache_control(private=True, no_cache=True)
# Ids beyond a 64-bit column are missing, not a database error.
MAX_ID_DIGITS = 18


def check_document(document, request) -> None:
    """Wagtail's `before_serve_document` hook."""
    if not may_download(request.user, document):
        raise Http404


@never_shared
def serve_document(request, document_id, document_filename):
    """Wagtail's document view (checked by `check_document`). The check is
    made first, before Wagtail compares the file name: a hidden document
    then costs the same with a right or a wrong name, so the answer's timing
    cannot confirm a guessed name."""
    document = None
    if len(document_id) <= MAX_ID_DIGITS:
        document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not may_download(request.user, document):
        raise Http404
    response = wagtail_serve_document(request, document_id, document_filename)
    # Wagtail writes the guessed encoding even when there is none.
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response


@never_shared
def serve_original_image(request, name: str):
    """An original image at its storage URL, PRIVATE_MEDIA_URL + its name."""
    image = None
    if name.startswith(f"{ORIGINAL_IMAGES}/") and "\x00" not in name:
        image = get_image_model().objects.filter(file=name).first()
    if image is None or not may_download(request.user, image):
        raise Http404

    @etag(lambda request: image.file_hash or None)
    def send(request):
        response = sendfile(
            request,
            image.file.path,
            mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream",
            backend=_backend(),
        )
        del response["Content-Encoding"]
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return send(request)


def _backend():
    """SENDFILE_BACKEND when set (production: nginx), else Django streams,
    the same choice as Wagtail's document view makes."""
    if hasattr(settings, "SENDFILE_BACKEND"):
        return None
    return sendfile_streaming_backend.sendfile
