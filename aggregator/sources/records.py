"""ExternalItem -> Record: news of its desa, marked external, linking to
the original article."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.core.visibility import public_pages
from cms.desa.models import DesaHomePage

from ..documents import Record
from ..extract import info_for
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
        desa=info_for(item.desa),
        summary=item.summary,
        body=text(item.content),
        category_slug=slugify(category)[:60] or "lainnya",
        category_name=category or other,
        tags=tuple(item.categories),
        thumbnail_url=item.image_url,
        extra={"external": True},
    )


def record_for_key(key: str) -> Record | None:
    """The record of an item, or None when it must not be searchable (gone,
    or its desa is not public)."""
    item = ExternalItem.objects.select_related("desa").filter(key=key).first()
    if item is None or not is_public(item.desa_id):
        return None
    return record(item)


def all_external_records(batch_size: int = 200):
    items = ExternalItem.objects.filter(desa__in=public_desa_ids()).select_related(
        "desa"
    )
    for item in items.order_by("pk").iterator(chunk_size=batch_size):
        yield record(item)


def count_external() -> int:
    return ExternalItem.objects.filter(desa__in=public_desa_ids()).count()
