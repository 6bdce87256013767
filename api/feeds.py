"""OpenSID-compatible news feeds: RSS 2.0 of a desa's latest 50 published
news (what OpenSID serves at /feed and what OpenDK reads), the same across
all desa, and Atom variants.

Items carry what OpenSID emits: title, link, guid, pubDate, category,
description (an excerpt with the image), content:encoded (the full HTML with
absolute URLs) and dc:creator. The guid is a tag: URI on the page id, so it
survives a slug change; dc:creator names the desa (or kecamatan), never the
editor's account.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import feedgenerator, timezone, translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.core.public_urls import portal_url, public_url
from cms.core.renditions import image_data, prime_renditions
from cms.core.visibility import public_pages
from cms.core.vocabulary import DesaRef
from cms.desa.models import DesaHomePage
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsPage

from .base import unknown_parameters
from .errors import json_error
from .streamfield import stream_data

FEED_SIZE = 50
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


class OpenSIDRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with content:encoded and dc:creator, as OpenSID writes it."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT, "xmlns:dc": DC}

    def add_item_elements(self, handler, item):
        # Django writes an author name alone as <dc:creator>.
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])


class AtomFeed(feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement(
                "content", item["content_encoded"], {"type": "html"}
            )


def _image_tag(data: dict | None, alt: str = "") -> str:
    if not data:
        return ""
    fallback = data["fallback"]
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}">',
        fallback["url"],
        data.get("alt") or alt,
        fallback["width"],
        fallback["height"],
    )


def _figure(value: dict) -> str:
    image = _image_tag(value.get("image"))
    if not image:
        return ""
    caption = " — ".join(filter(None, [value.get("caption"), value.get("attribution")]))
    if caption:
        return f"<figure>{image}<figcaption>{escape(caption)}</figcaption></figure>"
    return f"<figure>{image}</figure>"


def _table(value: dict) -> str:
    rows = []
    for number, row in enumerate(value["data"]):
        cells = []
        for column, cell in enumerate(row):
            header = (number == 0 and value["first_row_is_table_header"]) or (
                column == 0 and value["first_col_is_header"]
            )
            tag = "th" if header else "td"
            cells.append(f"<{tag}>{escape(cell or '')}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = value["table_caption"]
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{caption}{''.join(rows)}</table>"


def block_html(block: dict) -> str:
    kind, value = block["type"], block["value"]
    if value is None:
        return ""
    if kind == "paragraph":
        return value["html"]
    if kind == "heading":
        level = value.get("level") or "h2"
        level = level if level in ("h2", "h3", "h4") else "h2"
        return f"<{level}>{escape(value.get('text', ''))}</{level}>"
    if kind == "image":
        return _figure(value)
    if kind == "gallery":
        return "".join(_figure(item) for item in value["images"])
    if kind == "quote":
        source = value.get("attribution")
        footer = f"<footer>{escape(source)}</footer>" if source else ""
        return (
            f"<blockquote><p>{escape(value.get('text', ''))}</p>{footer}</blockquote>"
        )
    if kind == "embed":
        return format_html(
            '<p><a href="{}">{}</a></p>', value["url"], value["title"] or value["url"]
        )
    if kind == "document":
        return format_html('<p><a href="{}">{}</a></p>', value["url"], value["title"])
    if kind == "table":
        return _table(value)
    return ""


def body_html(page: NewsPage) -> str:
    return "\n".join(filter(None, map(block_html, stream_data(page.body))))


def published_at(page: NewsPage) -> datetime.datetime:
    """The news date, at the time of first publication when that was the
    same day (a date alone would put every item at midnight)."""
    first = page.first_published_at
    if first and timezone.localtime(first).date() == page.date:
        return first
    midnight = datetime.datetime.combine(page.date, datetime.time())
    return timezone.make_aware(midnight)


def tag_uri(page: NewsPage) -> str:
    host = urlsplit(settings.WAGTAILAPI_BASE_URL).hostname or "localhost"
    year = (page.first_published_at or timezone.now()).year
    return f"tag:{host},{year}:news/{page.pk}"


def news_for(desa: DesaHomePage | None, aggregated: bool):
    pages = public_pages(NewsPage.objects.all()).select_related(
        "desa", "category", "hero_image"
    )
    if not aggregated:
        pages = pages.filter(desa=desa)
    return pages.order_by("-date", "-first_published_at", "-pk")[:FEED_SIZE]


def publisher(page: NewsPage, kecamatan_name: str) -> str:
    if page.desa is None:
        return _("Kecamatan %(name)s") % {"name": kecamatan_name}
    return _("Desa %(name)s") % {"name": page.desa.name}


def build(feed_class, request, desa: DesaHomePage | None, aggregated: bool):
    kecamatan = public_pages(KecamatanHomePage.objects.all()).first()
    kecamatan_name = kecamatan.name if kecamatan else ""
    if desa is not None:
        title = _("News of Desa %(name)s") % {"name": desa.name}
        link = public_url(DesaHomePage, desa.slug, DesaRef.of(desa))
        description = _("The latest news published by Desa %(name)s.") % {
            "name": desa.name
        }
    else:
        title = _("News of the desa of Kecamatan %(name)s") % {"name": kecamatan_name}
        link = f"{portal_url()}/"
        description = _("The latest news of every desa in Kecamatan %(name)s.") % {
            "name": kecamatan_name
        }
    feed = feed_class(
        title=xml_safe(title),
        link=link,
        description=description,
        language="id",
        # The public address of this feed: the site's own /feed, which is
        # where feed readers (and OpenDK) find it.
        feed_url=f"{link}feed{'/atom/' if feed_class is AtomFeed else ''}",
    )
    pages = list(news_for(desa, aggregated))
    prime_renditions([page.hero_image for page in pages if page.hero_image])
    for page in pages:
        ref = DesaRef.of(page.desa) if page.desa else None
        image = image_data(page.hero_image)
        excerpt = escape(page.summary)
        feed.add_item(
            title=xml_safe(page.title),
            link=public_url(NewsPage, page.slug, ref),
            unique_id=tag_uri(page),
            unique_id_is_permalink=False,
            pubdate=published_at(page),
            updateddate=page.last_published_at,
            categories=[xml_safe(page.category.name)],
            description=xml_safe(f"{_image_tag(image, page.title)} {excerpt}".strip()),
            author_name=xml_safe(publisher(page, kecamatan_name)),
            content_encoded=xml_safe(body_html(page)),
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


def _desa(kode_kemendagri: str):
    return public_pages(
        DesaHomePage.objects.filter(kode_kemendagri=kode_kemendagri)
    ).first()


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """XML 1.0 has no place for most control characters (they arrive with
    text pasted from word processors); drop them rather than fail."""
    return CONTROL.sub("", text or "")


def _refused(request):
    """Anything but GET/HEAD is a 405; a feed takes no query parameter, so
    any is a 400, as on the rest of the API (and no cache entry per value)."""
    if request.method not in ("GET", "HEAD"):
        return json_error(
            _("Method %(method)s is not allowed.") % {"method": request.method},
            405,
            Allow="GET, HEAD",
        )
    unknown = unknown_parameters(request, ())
    if unknown:
        return json_error(unknown, 400)
    return None


@csrf_exempt  # read-only: anything but GET/HEAD gets a JSON 405
def desa_feed(request, kode_kemendagri: str, atom: bool = False):
    refused = _refused(request)
    if refused:
        return refused
    desa = _desa(kode_kemendagri)
    if desa is None:
        return json_error(_("No desa with this code."), 404)
    # The response cache is keyed by path: always Indonesian, whatever the
    # first reader's Accept-Language.
    with translation.override(settings.LANGUAGE_CODE):
        return build(AtomFeed if atom else OpenSIDRssFeed, request, desa, False)


@csrf_exempt
def all_feed(request, atom: bool = False):
    refused = _refused(request)
    if refused:
        return refused
    with translation.override(settings.LANGUAGE_CODE):
        return build(AtomFeed if atom else OpenSIDRssFeed, request, None, True)
