"""What both sites share: the API client per app, pagination, SEO data
(title, description, canonical, OpenGraph, JSON-LD) and error pages."""

import json
import math
import re
from dataclasses import dataclass, field

from flask import Response, abort, current_app, g, render_template, request
from markupsafe import Markup

from .client import APIClient, NotFound, Unavailable
from .i18n import gettext as _

PAGE_SIZE = 10
# ASCII digits only ("²".isdigit() is true, int("²") fails), and few enough
# that the API's offset limit (10,000,000) is never passed.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
RETRY_AFTER_SECONDS = 60
# Inside <script> the HTML parser looks for "</script" and "<!--"; JSON may
# spell these characters as escapes instead (as Django's json_script does).
SCRIPT_DATA_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def api() -> APIClient:
    return current_app.extensions["cms_api"]


def portal_url(path: str = "") -> str:
    """An absolute URL on the portal, from PORTAL_URL (never the Host)."""
    return current_app.config["PORTAL_URL"] + "/" + path


@dataclass
class Seo:
    title: str
    description: str = ""
    canonical: str = ""
    image: str = ""
    kind: str = "website"
    json_ld: list = field(default_factory=list)
    noindex: bool = False

    def json_ld_html(self) -> Markup:
        blocks = [
            '<script type="application/ld+json">'
            + json.dumps(item, ensure_ascii=False).translate(SCRIPT_DATA_ESCAPES)
            + "</script>"
            for item in self.json_ld
        ]
        return Markup("\n".join(blocks))  # noqa: S704 - JSON, < > & escaped


@dataclass
class Pagination:
    page: int
    pages: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def page_number() -> int:
    """?page=, 1 without it; any other value than a page number is a 404:
    no link of the site makes one, and a page that does not exist is not
    shown as another."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    if not PAGE_NUMBER.fullmatch(raw):
        abort(404)
    return int(raw)


def paginate(total: int, page: int) -> Pagination:
    return Pagination(page, max(1, math.ceil(total / PAGE_SIZE)), total)


def image_of(item) -> dict | None:
    return (item or {}).get("hero_image")


def og_image(item) -> str:
    image = image_of(item)
    return image["fallback"]["url"] if image else ""


def news_article(item: dict, publisher: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item["title"][:110],
        "datePublished": item.get("published_at"),
        "dateModified": item.get("updated_at"),
        "description": item.get("summary", ""),
        "mainEntityOfPage": item["url"],
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
    }
    if og_image(item):
        data["image"] = [og_image(item)]
    return data


def tourist_attraction(item: dict) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "TouristAttraction",
        "name": item["title"],
        "description": item.get("summary", ""),
        "url": item["url"],
    }
    location = item.get("location") or {}
    if location.get("latitude") is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location["latitude"],
            "longitude": location["longitude"],
        }
    if og_image(item):
        data["image"] = og_image(item)
    return data


def organization(name: str, url: str, **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": name,
        "url": url,
        **{key: value for key, value in extra.items() if value},
    }


def kecamatan_site() -> dict | None:
    """The portal's site for an error page outside both sites' routes (an
    unknown address or desa), so that its header names the kecamatan; None
    when the API cannot say (it is away, or refusing this visitor)."""
    try:
        kecamatan = api().kecamatan()
    except (NotFound, Unavailable):
        return None
    if not kecamatan:
        return None
    return {"kind": "portal", "name": kecamatan.get("title") or kecamatan["name"]}


def error_page(status: int, retry_after: int = RETRY_AFTER_SECONDS):
    template = {404: "404.html", 429: "429.html"}.get(status, "503.html")
    if g.get("site") is None:
        # A 429 or 503 means the API is refusing or away: not asked again.
        g.site = kecamatan_site() if status == 404 else None
    title = _("Page not found") if status == 404 else str(status)
    if g.site:
        title = f"{title} | {g.site['name']}"
    body = render_template(
        template, seo=Seo(title=title, noindex=True), retry_after=retry_after
    )
    headers = {}
    if status in (429, 503):
        # The API refusing this visitor for a while (429, its Retry-After
        # passed on) or away for a moment (503): tell clients when to retry.
        headers["Retry-After"] = str(retry_after)
    if status == 429:
        headers["Cache-Control"] = "no-store"  # one visitor's answer
    return body, status, headers


def feed_response(fetched: tuple[str, bytes]) -> Response:
    """A feed from the API, passed through as it is."""
    content_type, body = fetched
    response = Response(body, content_type=content_type)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
