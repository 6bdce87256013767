"""Images as the API serves them: renditions at several widths in WebP
plus a JPEG fallback, with sizes and alt text. Never a bare image id."""

from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Prefetch
from wagtail.images import get_image_model

WIDTHS = (400, 800, 1200)
WEBP_SPECS = tuple(f"width-{width}|format-webp" for width in WIDTHS)
FALLBACK_SPEC = "width-800|format-jpeg"
RENDITION_SPECS = (*WEBP_SPECS, FALLBACK_SPEC)


def absolute(url: str) -> str:
    return urljoin(f"{settings.WAGTAILAPI_BASE_URL}/", url)


def images_with_renditions():
    """An image queryset that brings its renditions along in one query."""
    return get_image_model().objects.prefetch_renditions(*RENDITION_SPECS)


def prefetch_image(field: str) -> Prefetch:
    """Prefetch a ForeignKey to an image, with its renditions."""
    return Prefetch(field, queryset=images_with_renditions())


def _source(rendition) -> dict:
    return {
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def image_data(image) -> dict | None:
    """The API shape of one image (renditions made on first use)."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITION_SPECS)
    webp = [renditions[spec] for spec in WEBP_SPECS]
    fallback = renditions[FALLBACK_SPEC]
    return {
        "id": image.pk,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "webp": [_source(rendition) for rendition in webp],
        "fallback": {**_source(fallback), "format": "jpeg"},
        "srcset": ", ".join(
            f"{absolute(rendition.url)} {rendition.width}w" for rendition in webp
        ),
    }


def images_by_id(ids) -> dict:
    ids = {int(pk) for pk in ids if pk}
    if not ids:
        return {}
    return {image.pk: image for image in images_with_renditions().filter(pk__in=ids)}
