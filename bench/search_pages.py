"""The benchmark corpus as real news pages (bulk-inserted, see dataset.py),
for Wagtail's built-in search to index."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from bench.search_corpus import records
from cms.core.demo.builder import build_kecamatan
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage


@transaction.atomic
def build(count: int, desa_count: int) -> None:
    kecamatan = build_kecamatan()
    index = NewsIndexPage.objects.child_of(kecamatan).first()
    if index is None:
        index = NewsIndexPage(title="Berita", slug="berita")
        kecamatan.add_child(instance=index)
    if index.numchild >= count:
        return
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    category = NewsCategory.objects.first()
    rows = list(records(count, desa_count))[index.numchild :]
    now = timezone.now()
    start = index.numchild
    pages = [
        Page(
            title=record.title,
            draft_title=record.title,
            slug=f"b-{record.key}",
            content_type=content_type,
            path=Page._get_path(index.path, index.depth + 1, start + n + 1),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}b-{record.key}/",
            live=True,
            first_published_at=now,
            last_published_at=now,
            locale=locale,
        )
        for n, record in enumerate(rows)
    ]
    Page.objects.bulk_create(pages, batch_size=1000)
    created = Page.objects.filter(path__in=[p.path for p in pages]).order_by("path")
    for page, record in zip(created, rows, strict=True):
        NewsPage(
            page_ptr_id=page.pk,
            summary=record.summary,
            body=json.dumps(
                [{"type": "paragraph", "value": f"<p>{record.body}</p>", "id": "p"}]
            ),
            date=record.published,
            category=category,
        ).save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=start + len(rows))
