"""The benchmark corpus as real news pages (bulk-inserted, see dataset.py),
for Wagtail's built-in search to index."""

import json

from django.db import transaction
from django.utils import timezone

from bench.dataset import bulk_page_rows
from bench.search_corpus import records
from cms.demo.builder import build_kecamatan
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
    category = NewsCategory.objects.first()
    rows = list(records(count, desa_count))[index.numchild :]
    now = timezone.now()
    created = bulk_page_rows(
        index, NewsPage, [(r.title, f"b-{r.key}", now) for r in rows]
    )
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
