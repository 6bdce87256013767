"""A realistic benchmark dataset, built fast.

The kecamatan, the desa and one tourism page per desa go through the normal
path (provisioning, revisions, publish). The news pages, about 170 ms each
through the normal publish path, are bulk-inserted instead: their
wagtailcore_page rows with `bulk_create` (tree paths computed with
treebeard's own path arithmetic), their news_newspage rows with
`save_base(raw=True)` (which writes only the child table), then tags in
bulk. Every news item has a hero image, three tags, and a body with a
rich-text link to a page and an image block, like real content.
"""

import datetime
import json
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page

from cms.demo.builder import build_desa, build_kecamatan, publish, read_desa_rows
from cms.demo.images import demo_image
from cms.desa.models import DesaHomePage
from cms.desa.roles import provision_desa
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from cms.tourism.models import TourismIndexPage, TourismPage

TAGS = [f"topik-{n}" for n in range(30)]
IMAGES_PER_DESA = 3


def make_desa(kecamatan, count: int) -> list[DesaHomePage]:
    """The 17 real desa first, then synthetic ones (codes 33.04.15.5xxx)."""
    for index, row in enumerate(read_desa_rows()[:count]):
        build_desa(kecamatan, row, index)
    existing = list(DesaHomePage.objects.order_by("kode_kemendagri"))
    for number in range(len(existing), count):
        desa = DesaHomePage(
            name=f"Desa Uji {number + 1:03d}",
            kode_kemendagri=f"33.04.15.{5001 + number}",
            latitude="-7.25",
            longitude="109.8",
        )
        kecamatan.add_child(instance=desa)
        provision_desa(desa)
        desa = DesaHomePage.objects.get(pk=desa.pk)
        publish(desa)
        existing.append(desa)
    return existing[:count]


def body(link_target: Page, image) -> str:
    return json.dumps(
        [
            {
                "type": "paragraph",
                "id": "p1",
                "value": (
                    "<p>Kegiatan warga. Lihat juga "
                    f'<a linktype="page" id="{link_target.pk}">wisata desa</a>.</p>'
                ),
            },
            {
                "type": "image",
                "id": "i1",
                "value": {
                    "image": image.pk,
                    "caption": "Dokumentasi",
                    "attribution": "",
                },
            },
        ]
    )


def tourism_of(desa, image) -> TourismPage:
    index = TourismIndexPage.objects.child_of(desa).get()
    page = TourismPage.objects.child_of(index).first()
    if page is None:
        page = TourismPage(
            title=f"Wisata {desa.name}",
            slug="wisata-uji",
            summary="Wisata.",
            category="alam",
            hero_image=image,
        )
        index.add_child(instance=page)
        publish(page)
    return page


def bulk_page_rows(index, model, items) -> list[Page]:
    """Insert the wagtailcore_page rows of `model` pages under `index`, one
    per (title, slug, published_at), numbered after the existing children
    with treebeard's path arithmetic; returns them in tree order. The caller
    inserts the child-table rows (`save_base(raw=True)`) and the parent's
    numchild is updated here."""
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    start = index.numchild
    pages = [
        Page(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=Page._get_path(index.path, index.depth + 1, start + number + 1),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=moment,
            last_published_at=moment,
            locale=locale,
        )
        for number, (title, slug, moment) in enumerate(items)
    ]
    Page.objects.bulk_create(pages, batch_size=500)
    Page.objects.filter(pk=index.pk).update(numchild=start + len(pages))
    return list(Page.objects.filter(path__in=[p.path for p in pages]).order_by("path"))


@transaction.atomic
def bulk_news(desa, count: int, images, categories, tags, rng) -> int:
    index = NewsIndexPage.objects.child_of(desa).get()
    already = index.numchild
    if already >= count:
        return 0
    link_target = tourism_of(desa, images[0])
    now = timezone.now()
    items = []
    for number in range(already, count):
        moment = now - datetime.timedelta(hours=number * 7 + rng.randint(0, 6))
        items.append(
            (
                f"Berita {desa.name} nomor {number + 1}",
                f"berita-{number + 1:04d}",
                moment,
            )
        )
    created = bulk_page_rows(index, NewsPage, items)
    for page in created:
        image = rng.choice(images)
        NewsPage(
            page_ptr_id=page.pk,
            desa_id=desa.pk,
            summary=f"Ringkasan {page.title}.",
            hero_image=image,
            body=body(link_target, image),
            date=timezone.localtime(page.first_published_at).date(),
            category=rng.choice(categories),
        ).save_base(raw=True)
        NewsPageTag.objects.bulk_create(
            NewsPageTag(content_object_id=page.pk, tag=tag)
            for tag in rng.sample(tags, 3)
        )
    return len(created)


def build(desa_count: int, news_per_desa: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    kecamatan = build_kecamatan()
    all_desa = make_desa(kecamatan, desa_count)
    categories = list(NewsCategory.objects.all())
    tags = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in TAGS]
    made = 0
    for desa in all_desa:
        collection = desa.roles.collection
        images = [
            demo_image(f"Foto {desa.name} {n}", collection)
            for n in range(IMAGES_PER_DESA)
        ]
        made += bulk_news(desa, news_per_desa, images, categories, tags, rng)
    return {
        "desa": len(all_desa),
        "news_created": made,
        "news": NewsPage.objects.count(),
    }
