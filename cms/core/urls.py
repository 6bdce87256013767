"""Checked downloads: documents (Wagtail's view behind the check) and
original images (cms.core.downloads)."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail.documents import urls as wagtaildocs_urls

from .downloads import serve_document, serve_original_image

urlpatterns = [
    # Wagtail's own pattern and name, wrapped for the cache headers.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path(
        f"{settings.PRIVATE_MEDIA_URL.strip('/')}/<path:name>",
        serve_original_image,
        name="original_image",
    ),
]
