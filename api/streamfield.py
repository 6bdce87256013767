"""StreamField bodies for the API, from the stored block data.

Block names and shapes are a contract with the frontends (see
cms/core/blocks.py). Images become rendition sets, rich text becomes public
HTML, documents get absolute URLs; all images of one body are fetched in one
query with their renditions.
"""

from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed

from cms.core.renditions import absolute, image_data, images_by_id
from cms.core.visibility import public_media

from .richtext import api_html


def _list_items(value) -> list:
    """ListBlock data is either plain values or [{"type": "item", "value": ...}]."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in value or []
    ]


def _collect_image_ids(blocks) -> set:
    ids = set()
    for block in blocks:
        value = block.get("value") or {}
        if block["type"] == "image":
            ids.add(value.get("image"))
        elif block["type"] == "gallery":
            ids.update(item.get("image") for item in _list_items(value.get("images")))
    return {pk for pk in ids if isinstance(pk, int)}


def _captioned(value: dict, images: dict) -> dict:
    return {
        "image": image_data(images.get(value.get("image"))),
        "caption": value.get("caption", ""),
        "attribution": value.get("attribution", ""),
    }


def _document(value: dict) -> dict | None:
    document = (
        public_media(get_document_model().objects.filter(pk=value.get("document")))
        .only("pk", "title", "file", "file_size")
        .first()
    )
    if document is None:
        return None
    return {
        "title": value.get("title") or document.title,
        "url": absolute(document.url),
        "file_size": document.file_size,
        "extension": document.file_extension,
    }


def _embed(url: str) -> dict:
    # Only what the CMS already fetched when the editor added it: the API
    # never calls out to an oEmbed provider.
    embed = Embed.objects.filter(url=url).only("html", "title", "thumbnail_url").first()
    return {
        "url": url,
        "html": embed.html if embed else None,
        "title": embed.title if embed else None,
        "thumbnail_url": embed.thumbnail_url if embed else None,
    }


def _value(block_type: str, value, images: dict):
    if block_type == "paragraph":
        return {"html": api_html(value)}
    if block_type == "image":
        return _captioned(value, images)
    if block_type == "gallery":
        return {
            "title": value.get("title", ""),
            "images": [
                _captioned(item, images) for item in _list_items(value.get("images"))
            ],
        }
    if block_type == "embed":
        return _embed(value)
    if block_type == "document":
        return _document(value)
    if block_type == "table":
        value = value or {}
        return {
            "data": value.get("data") or [],
            "first_row_is_table_header": bool(value.get("first_row_is_table_header")),
            "first_col_is_header": bool(value.get("first_col_is_header")),
            "table_caption": value.get("table_caption") or "",
        }
    return value  # heading, quote: plain structures


def stream_data(stream) -> list[dict]:
    """A StreamField value as a list of {"type", "id", "value"} blocks."""
    blocks = list(stream.raw_data) if stream else []
    images = images_by_id(_collect_image_ids(blocks))
    return [
        {
            "type": block["type"],
            "id": block.get("id"),
            "value": _value(block["type"], block.get("value"), images),
        }
        for block in blocks
    ]
