"""Page -> Record: one small function per page type."""

import html

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from cms.core.public_urls import DesaRef, public_url
from cms.core.renditions import image_data
from cms.core.visibility import public_pages
from cms.development.models import DevelopmentProjectPage
from cms.news.models import NewsPage
from cms.tourism.models import TourismPage
from cms.wisdom.models import LocalWisdomPage

from .aliases import names_for
from .documents import DesaInfo, Record

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


def desa_info(page) -> DesaInfo | None:
    return info_for(page.desa) if page.desa is not None else None


def info_for(desa) -> DesaInfo:
    return DesaInfo(
        kode_kemendagri=desa.kode_kemendagri,
        name=desa.name,
        slug=desa.slug,
        aliases=tuple(names_for(desa.kode_kemendagri, desa.name)[1:]),
    )


def thumbnail(page) -> str:
    data = image_data(page.hero_image)
    return data["webp"][0]["url"] if data else ""


def published_on(page):
    moment = page.first_published_at or timezone.now()
    return timezone.localtime(moment).date()


def common(page, kind: str, **fields) -> Record:
    desa = page.desa
    return Record(
        source=SOURCE,
        key=str(page.pk),
        kind=kind,
        title=page.title,
        url=public_url(type(page), page.slug, DesaRef.of(desa) if desa else None),
        desa=desa_info(page),
        summary=page.summary,
        thumbnail_url=thumbnail(page),
        **fields,
    )


def news(page: NewsPage) -> Record:
    return common(
        page,
        "news",
        published=page.date,
        body=stream_text(page.body),
        category_slug=page.category.slug,
        category_name=page.category.name,
        tags=tuple(sorted(tag.name for tag in page.tags.all())),
    )


def tourism(page: TourismPage) -> Record:
    return common(
        page,
        "tourism",
        published=published_on(page),
        body=" ".join(
            filter(None, [stream_text(page.body), page.address, page.opening_hours])
        ),
        category_slug=page.category,
        category_name=str(page.get_category_display()),
        latitude=float(page.latitude) if page.latitude is not None else None,
        longitude=float(page.longitude) if page.longitude is not None else None,
    )


def wisdom(page: LocalWisdomPage) -> Record:
    return common(
        page,
        "wisdom",
        published=published_on(page),
        body=" ".join(
            filter(None, [stream_text(page.body), page.practitioners, page.season_note])
        ),
        category_slug=page.category,
        category_name=str(page.get_category_display()),
    )


def development(page: DevelopmentProjectPage) -> Record:
    # No category: a project's stage (rencana, kegiatan, hasil) says how far
    # it is, not what it is about, and would sit among the news categories
    # of the search's category facet.
    return common(
        page,
        "development",
        published=published_on(page),
        body=" ".join(
            filter(None, [stream_text(page.body), page.location_name, page.benefit])
        ),
        latitude=float(page.latitude) if page.latitude is not None else None,
        longitude=float(page.longitude) if page.longitude is not None else None,
    )


EXTRACTORS = {
    NewsPage: news,
    TourismPage: tourism,
    LocalWisdomPage: wisdom,
    DevelopmentProjectPage: development,
}
INDEXED_MODELS = tuple(EXTRACTORS)


def is_indexed_type(page) -> bool:
    return page.specific_class in EXTRACTORS


def record_for(page_id: int) -> Record | None:
    """The record of a page, or None when it must not be in the index
    (not public, not an indexed type, gone)."""
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    if page is None or page.specific_class not in EXTRACTORS:
        return None
    page = page.specific
    return EXTRACTORS[type(page)](page)


def all_records(batch_size: int = 200):
    """Every public item and every external feed item of a public desa,
    for a rebuild."""
    for model, extract in EXTRACTORS.items():
        queryset = (
            public_pages(model.objects.all())
            .select_related("desa", "hero_image")
            .order_by("pk")
        )
        if model is NewsPage:
            queryset = queryset.select_related("category").prefetch_related("tags")
        if model is DevelopmentProjectPage:
            queryset = queryset.prefetch_related("progress_reports")
        for page in queryset.iterator(chunk_size=batch_size):
            yield extract(page)
    from .sources.records import all_external_records

    yield from all_external_records(batch_size)


def count_public() -> int:
    from .sources.records import count_external

    pages = sum(public_pages(model.objects.all()).count() for model in EXTRACTORS)
    return pages + count_external()
