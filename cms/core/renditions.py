"""Images as the API serves them: renditions at several widths in WebP
plus a JPEG fallback, with sizes and alt text. Never a bare image id."""

from urllib.parse import urljoin

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.models import Filter

WIDTHS = (400, 800, 1200)
WEBP_SPECS = tuple(f"width-{width}|format-webp" for width in WIDTHS)
FALLBACK_SPEC = "width-800|format-jpeg"
RENDITION_SPECS = (*WEBP_SPECS, FALLBACK_SPEC)
# Parsed once: Wagtail parses a spec string on every call otherwise.
FILTERS = tuple(Filter(spec=spec) for spec in RENDITION_SPECS)


def absolute(url: str) -> str:
    """Media URLs are site-relative unless the storage gives full ones."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.WAGTAILAPI_BASE_URL + url
    return urljoin(f"{settings.WAGTAILAPI_BASE_URL}/", url)


def images_with_renditions():
    """An image queryset that brings its renditions along in one query."""
    return get_image_model().objects.prefetch_renditions(*RENDITION_SPECS)


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
    # The same image often illustrates many items of one listing.
    memo = getattr(image, "_api_image_data", None)
    if memo is not None:
        return memo
    renditions = image.get_renditions(*FILTERS)
    image._api_image_data = _payload(
        image, {spec: _source(renditions[spec]) for spec in RENDITION_SPECS}
    )
    return image._api_image_data


def prime_renditions(images) -> None:
    """Prepare the API shape of many images with one query on the rendition
    table (no model instances); images missing a rendition are left to
    `image_data`, which makes it."""
    images = {image.pk: image for image in images if image is not None}
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    storage = rendition_model._meta.get_field("file").storage
    found: dict[int, dict] = {pk: {} for pk in images}
    rows = rendition_model.objects.filter(
        image_id__in=images, filter_spec__in=RENDITION_SPECS
    ).values_list("image_id", "filter_spec", "file", "width", "height")
    for image_id, spec, name, width, height in rows:
        found[image_id][spec] = {
            "url": absolute(storage.url(name)),
            "width": width,
            "height": height,
        }
    for pk, sources in found.items():
        if len(sources) == len(RENDITION_SPECS):
            images[pk]._api_image_data = _payload(images[pk], sources)


def _payload(image, sources: dict) -> dict:
    webp = [sources[spec] for spec in WEBP_SPECS]
    return {
        "id": image.pk,
        "alt": image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "webp": webp,
        "fallback": {**sources[FALLBACK_SPEC], "format": "jpeg"},
        "srcset": ", ".join(f"{s['url']} {s['width']}w" for s in webp),
    }


def images_by_id(ids) -> dict:
    ids = {int(pk) for pk in ids if pk}
    if not ids:
        return {}
    return {image.pk: image for image in images_with_renditions().filter(pk__in=ids)}
