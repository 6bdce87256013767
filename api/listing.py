"""Everything a page of listing items needs besides the page rows, fetched
in bulk: rendition URLs (one query, no model instances), tags (one query),
and the desa and category references (kept for one content generation,
rebuilt only when it changes, i.e. after a publish)."""

from cms.core.generation import GenerationMemo
from cms.core.renditions import prime_renditions
from cms.core.vocabulary import DesaRef
from cms.desa.models import DesaHomePage
from cms.news.models import NewsCategory, NewsPage


def read_references() -> dict:
    desa = DesaHomePage.objects.only(*DesaRef.field_names())
    return {
        "desa": {row.pk: DesaRef.of(row) for row in desa},
        "categories": {
            row.pk: (row.slug, row.name) for row in NewsCategory.objects.all()
        },
    }


_references = GenerationMemo(read_references)


def references(generation: str | None) -> dict:
    """Desa references by id and news categories by id, for this content
    generation."""
    return _references.get(generation)


def prime(pages: list, generation: str | None) -> None:
    """Attach to each page what the item serializers read."""
    refs = references(generation)
    missing = {p.desa_id for p in pages if p.desa_id and p.desa_id not in refs["desa"]}
    if missing:  # a desa made live without a publish signal (e.g. in code)
        for row in DesaHomePage.objects.filter(pk__in=missing):
            refs["desa"][row.pk] = DesaRef.of(row)
    for page in pages:
        page._api_desa = refs["desa"].get(page.desa_id)
        category_id = getattr(page, "category_id", None)
        if category_id is not None:
            page._api_category = refs["categories"].get(category_id)
    prime_renditions(page.hero_image for page in pages)
    news = [page for page in pages if isinstance(page, NewsPage)]
    if news:
        tags: dict[int, list[str]] = {page.pk: [] for page in news}
        rows = NewsPage.tags.through.objects.filter(
            content_object_id__in=tags
        ).values_list("content_object_id", "tag__name")
        for page_id, name in rows:
            tags[page_id].append(name)
        for page in news:
            page._api_tags = sorted(tags[page.pk])
