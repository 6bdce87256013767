"""Feed bytes -> clean entries. feedparser reads RSS 2.0 and Atom (and their
encodings); nh3 (ammonia) sanitises every piece of HTML before it is stored."""

import calendar
import datetime
import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit
from xml.sax import SAXException

import feedparser
import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .fetch import FeedError

MAX_ENTRIES = 200
MAX_URL = 500  # the search index keeps URLs up to 500 characters
SUMMARY_WORDS = 60
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}
IMG_SRC = re.compile(r"<img[^>]+src=\"(https?://[^\"]+)\"", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    content: str
    author: str = ""
    categories: tuple[str, ...] = ()
    image_url: str = ""
    published_at: datetime.datetime | None = None

    @property
    def fingerprint(self) -> str:
        data = asdict(self)
        data["published_at"] = str(self.published_at)
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()


def sanitise(fragment: str) -> str:
    """Only harmless markup: no scripts, styles, event handlers, frames,
    forms, or URLs other than http(s)/mailto."""
    return nh3.clean(
        fragment or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    ).strip()


def text(fragment: str) -> str:
    """Plain text of a (possibly HTML) fragment, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(sanitise(fragment))).split())


def web_url(value: str) -> str:
    """An http(s) URL short enough to keep, else ""."""
    value = (value or "").strip()
    if len(value) > MAX_URL:
        return ""
    try:
        scheme = urlsplit(value).scheme
    except ValueError:
        return ""
    return value if scheme in ("http", "https") else ""


def published(entry) -> datetime.datetime | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(moment), tz=datetime.UTC)


def image(entry, content: str) -> str:
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("type", "").startswith("image/"):
            url = web_url(enclosure.get("href", ""))
            if url:
                return url
    for thumbnail in entry.get("media_thumbnail", []):
        url = web_url(thumbnail.get("url", ""))
        if url:
            return url
    found = IMG_SRC.search(content)
    return html.unescape(found.group(1)) if found else ""


def problem(parsed, body: bytes) -> str | None:
    """Why these bytes are not a usable feed, or None."""
    error = parsed.get("bozo_exception")
    if not parsed.get("version"):
        head = body[:2048].lower()
        if b"<html" in head or b"<!doctype html" in head:
            return _("The address returned an HTML page, not an RSS or Atom feed.")
        if isinstance(error, SAXException):
            return _("The feed is not well-formed XML: %(error)s.") % {"error": error}
        return _("This is not an RSS or Atom feed.")
    if isinstance(error, feedparser.CharacterEncodingOverride) and (
        (parsed.get("encoding") or "").lower().replace("_", "-") == "utf-8"
    ):
        # text/xml without a charset: RFC 3023 says us-ascii, yet the bytes
        # are valid UTF-8 and were read as such. Nothing is wrong.
        error = None
    if isinstance(
        error,
        feedparser.CharacterEncodingOverride | feedparser.CharacterEncodingUnknown,
    ):
        return _("The feed's text is not in the encoding it declares (%(error)s).") % {
            "error": error
        }
    if isinstance(error, SAXException):
        return _("The feed is not well-formed XML: %(error)s.") % {"error": error}
    return None


def parse(body: bytes, content_type: str = "", url: str = "") -> list[Entry]:
    """The feed's entries, newest first as given; raises FeedError."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    reason = problem(parsed, body)
    if reason:
        raise FeedError(reason)
    entries = []
    for raw in parsed.entries[:MAX_ENTRIES]:
        link = web_url(raw.get("link", ""))
        guid = (raw.get("id") or link).strip()[:1000]
        title = text(raw.get("title", ""))[:255]
        if not guid or not link or not title:
            continue  # nothing to key on, link to or show
        contents = raw.get("content") or []
        content = sanitise(contents[0].get("value", "") if contents else "")
        description = raw.get("summary", "")
        if not content:
            content = sanitise(description)
        summary = Truncator(text(description or content)).words(SUMMARY_WORDS)
        entries.append(
            Entry(
                guid=guid,
                link=link,
                title=title,
                summary=summary,
                content=content,
                author=text(raw.get("author", ""))[:200],
                categories=tuple(
                    text(tag.get("term", ""))[:100]
                    for tag in raw.get("tags", [])
                    if text(tag.get("term", ""))
                )[:10],
                image_url=web_url(image(raw, content)),
                published_at=published(raw),
            )
        )
    return entries
