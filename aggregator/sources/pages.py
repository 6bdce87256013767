"""The CMS's own pages as a search source: one small function per page
type turns a page into a Record."""

import html
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from cms.core.public_urls import public_url
from cms.core.renditions import image_data
from cms.core.visibility import public_pages
from cms.core.vocabulary import DesaRef
from cms.development.models import DevelopmentProjectPage
from cms.news.models import NewsPage
from cms.tourism.models import TourismPage
from cms.wisdom.models import LocalWisdomPage

from ..documents import DesaInfo, Record
from .base import Source

SOURCE = "page"


def plain(rich_html: str) -> str:
    return " ".join(html.unescape(strip_tags(rich_html or "")).split())


def _texts(value) -> list[str]:
    """Every human-readable string inside a block value."""
    if isinstance(value, str):
        return [plain(value)]
    if isinstance(value, dict):
        return [
            text
            for key, inner in value.items()
            if key not in {"image", "document", "level", "id", "type"}
            for text in _texts(inner)
        ]
    if isinstance(value, list):
        return [text for inner in value for text in _texts(inner)]
    return []


def stream_text(stream) -> str:
    """Plain text of a StreamField: paragraphs, headings, quotes, captions,
    table cells."""
    if not stream:
        return ""
    parts = []
    for block in stream.raw_data:
        if block["type"] == "embed":
            continue
        parts.extend(_texts(block.get("value")))
    return " ".join(part for part in parts if part)


def body_text(page, *fields: str) -> str:
    """The page's body followed by the named plain-text fields."""
    return " ".join(
        filter(None, [stream_text(page.body), *(getattr(page, f) for f in fields)])
    )


def thumbnail(page) -> str:
    data = image_data(page.hero_image)
    return data["webp"][0]["url"] if data else ""


def published_on(page):
    moment = page.first_published_at or timezone.now()
    return timezone.localtime(moment).date()


def chosen_category(page) -> dict:
    """A category picked from the page type's fixed choices."""
    return {
        "category_slug": page.category,
        "category_name": str(page.get_category_display()),
    }


def location(page) -> dict:
    return {
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
    }


def common(page, **fields) -> Record:
    desa = DesaRef.of(page.desa)
    return Record(
        source=SOURCE,
        key=str(page.pk),
        kind=page.search_kind,
        title=page.title,
        url=public_url(type(page), page.slug, desa),
        desa=DesaInfo.of(desa) if desa else None,
        summary=page.summary,
        thumbnail_url=thumbnail(page),
        **fields,
    )


def news(page: NewsPage) -> Record:
    return common(
        page,
        published=page.date,
        body=stream_text(page.body),
        category_slug=page.category.slug,
        category_name=page.category.name,
        tags=tuple(sorted(tag.name for tag in page.tags.all())),
    )


def described(page, text_fields: tuple[str, ...], *parts) -> Record:
    """A page dated by its first publication, its body followed by
    `text_fields`, with the fields each of `parts` reads from it."""
    fields = {name: value for part in parts for name, value in part(page).items()}
    return common(
        page,
        published=published_on(page),
        body=body_text(page, *text_fields),
        **fields,
    )


def tourism(page: TourismPage) -> Record:
    text_fields = ("address", "opening_hours")
    return described(page, text_fields, chosen_category, location)


def wisdom(page: LocalWisdomPage) -> Record:
    text_fields = ("practitioners", "season_note")
    return described(page, text_fields, chosen_category)


def development(page: DevelopmentProjectPage) -> Record:
    # No category: a project's stage (rencana, kegiatan, hasil) says how far
    # it is, not what it is about, and would sit among the news categories
    # of the search's category facet.
    return described(page, ("location_name", "benefit"), location)


EXTRACTORS = {
    NewsPage: news,
    TourismPage: tourism,
    LocalWisdomPage: wisdom,
    DevelopmentProjectPage: development,
}
INDEXED_MODELS = tuple(EXTRACTORS)


def record_for(page_id: int | str) -> Record | None:
    """The record of a page, or None when it must not be in the index
    (not public, not an indexed type, gone)."""
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    if page is None or page.specific_class not in EXTRACTORS:
        return None
    page = page.specific
    return EXTRACTORS[type(page)](page)


def public_queryset(model):
    """The public pages of one indexed type, with what extracting reads."""
    queryset = (
        public_pages(model.objects.all())
        .select_related("desa", "hero_image")
        .order_by("pk")
    )
    if model is NewsPage:
        queryset = queryset.select_related("category").prefetch_related("tags")
    if model is DevelopmentProjectPage:
        queryset = queryset.prefetch_related("progress_reports")
    return queryset


class PageSource(Source):
    """News, tourism, local wisdom and development pages, keyed by page id."""

    name = SOURCE

    def record_for(self, key: str) -> Record | None:
        return record_for(int(key)) if key.isdigit() else None

    def all_records(self, batch_size: int = 200) -> Iterator[Record]:
        for model, extract in EXTRACTORS.items():
            for page in public_queryset(model).iterator(chunk_size=batch_size):
                yield extract(page)

    def count(self) -> int:
        return sum(public_pages(model.objects.all()).count() for model in EXTRACTORS)

    def keys_under(self, page) -> list[str]:
        return [str(pk) for pk in indexed_pages_under(page)]


def indexed_pages_under(page: Page) -> list[int]:
    """The page and its descendants that are of an indexed type."""
    types = ContentType.objects.get_for_models(*INDEXED_MODELS).values()
    return list(
        Page.objects.filter(
            path__startswith=page.path, content_type__in=types
        ).values_list("pk", flat=True)
    )
