"""The desa's own website feeds as a search source: an ExternalItem is news
of its desa, marked external, linking to the original article."""

from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.core.visibility import public_pages
from cms.core.vocabulary import DesaRef
from cms.desa.models import DesaHomePage

from ..documents import DesaInfo, Record
from .base import Source
from .models import ExternalItem
from .parse import text

SOURCE = "feed"


def is_public(desa_id: int) -> bool:
    return public_pages(DesaHomePage.objects.filter(pk=desa_id)).exists()


def public_desa_ids() -> set[int]:
    return set(public_pages(DesaHomePage.objects.all()).values_list("pk", flat=True))


def record(item: ExternalItem) -> Record:
    category = item.categories[0] if item.categories else ""
    with translation.override(settings.LANGUAGE_CODE):
        other = _("Other")  # stored in the index: never in the reader's language
    return Record(
        source=SOURCE,
        key=item.key,
        kind="news",
        title=item.title,
        url=item.link,
        published=timezone.localtime(item.published_at).date(),
        desa=DesaInfo.of(DesaRef.of(item.desa)),
        summary=item.summary,
        body=text(item.content),
        category_slug=slugify(category)[:60] or "lainnya",
        category_name=category or other,
        tags=tuple(item.categories),
        thumbnail_url=item.image_url,
        extra={"external": True},
    )


def public_items():
    return ExternalItem.objects.filter(desa__in=public_desa_ids())


class FeedSource(Source):
    """Items read from the desa's feeds, keyed by ExternalItem.key; only
    those of a public desa are searchable."""

    name = SOURCE
    external = True

    def record_for(self, key: str) -> Record | None:
        item = ExternalItem.objects.select_related("desa").filter(key=key).first()
        if item is None or not is_public(item.desa_id):
            return None
        return record(item)

    def all_records(self, batch_size: int = 200) -> Iterator[Record]:
        items = public_items().select_related("desa").order_by("pk")
        for item in items.iterator(chunk_size=batch_size):
            yield record(item)

    def count(self) -> int:
        return public_items().count()

    def keys_under(self, page) -> list[str]:
        """The items of every desa at or below `page`."""
        desa_ids = DesaHomePage.objects.filter(path__startswith=page.path)
        return list(
            ExternalItem.objects.filter(desa__in=desa_ids).values_list("key", flat=True)
        )
