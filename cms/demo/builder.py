"""Builds the kecamatan, its desa and their demo content, idempotently:
every item is looked up by its identity (Kemendagri code, or parent + slug)
and only created when missing."""

import csv
import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from cms.desa.models import DesaHomePage, IntegrationStatus
from cms.desa.roles import MODERATOR_GROUP_NAME, provision_desa
from cms.development.models import DevelopmentProjectPage, ProgressReport
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage
from cms.tourism.models import TourismFacility, TourismPage
from cms.wisdom.models import LocalWisdomPage

from . import content as demo
from .images import demo_image
from .logos import demo_logo
from .opensid import OPENSID_DESA

DATA_FILE = Path(__file__).resolve().parent / "data" / "pejawaran_desa.csv"
KECAMATAN = {
    "name": "Pejawaran",
    "kode_kemendagri": "33.04.15",
    "address": "Kecamatan Pejawaran, Kabupaten Banjarnegara, Jawa Tengah 53454",
    "office_hours": "Senin-Kamis 07.30-15.30, Jumat 07.30-11.00 (contoh)",
    "theme_color": "#1d5e2a",
}
# Sample theme colours of the desa sites, each dark enough for white text.
DESA_COLOURS = ("#0b5394", "#8b2e16", "#1d5e2a", "#5b3a8c", "#00695c", "#9c1c4f")
# Sample dates on which the desa joined the integrated system (not official).
FIRST_JOINED = datetime.date(2026, 1, 5)


@dataclass(frozen=True)
class DesaRow:
    kode_kemendagri: str
    name: str
    kode_bps: str
    kode_pos: str
    latitude: Decimal
    longitude: Decimal


def read_desa_rows(path: Path = DATA_FILE) -> list[DesaRow]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            DesaRow(
                kode_kemendagri=row["kode_kemendagri"],
                name=row["nama"],
                kode_bps=row["kode_bps"],
                kode_pos=row["kode_pos"],
                latitude=Decimal(row["lat"]),
                longitude=Decimal(row["lon"]),
            )
            for row in csv.DictReader(handle)
        ]


def publish(page: Page, published_on: datetime.date | None = None) -> None:
    page.save_revision().publish()
    if published_on:
        # Back-date demo items so listings and activity figures look lived-in.
        moment = timezone.make_aware(
            datetime.datetime.combine(published_on, datetime.time(9, 0))
        )
        Page.objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment
        )


def add_child_once(parent: Page, page: Page, published_on=None) -> tuple[Page, bool]:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific, False
    parent.add_child(instance=page)
    publish(page, published_on)
    return page, True


def build_kecamatan() -> KecamatanHomePage:
    kecamatan = KecamatanHomePage.objects.filter(
        kode_kemendagri=KECAMATAN["kode_kemendagri"]
    ).first()
    if kecamatan is None:
        root = Page.get_first_root_node()
        kecamatan = KecamatanHomePage(
            title=f"Kecamatan {KECAMATAN['name']}",
            slug=f"kecamatan-{KECAMATAN['name'].lower()}",
            profile=demo.KECAMATAN_PROFILE,
            **KECAMATAN,
        )
        collection = Collection.get_first_root_node()
        kecamatan.logo = demo_logo(
            kecamatan.title, KECAMATAN["theme_color"], collection
        )
        kecamatan.hero_image = demo_image(kecamatan.title, collection)
        root.add_child(instance=kecamatan)
        publish(kecamatan)
    _make_default_site(kecamatan)
    return kecamatan


def _make_default_site(kecamatan: KecamatanHomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = kecamatan
    site.site_name = kecamatan.title
    site.save()
    # The "Welcome to your new Wagtail site!" page of a fresh install.
    welcome = ContentType.objects.get_for_model(Page)
    Page.objects.filter(depth=2, content_type=welcome).delete()


def build_desa(kecamatan: KecamatanHomePage, row: DesaRow, index: int) -> DesaHomePage:
    desa = DesaHomePage.objects.filter(kode_kemendagri=row.kode_kemendagri).first()
    if desa is not None:
        return desa
    # One desa has not joined yet: it is still on OpenSID and pushes its
    # data (cms/demo/opensid.py).
    on_opensid = row.kode_kemendagri == OPENSID_DESA
    desa = DesaHomePage(
        name=row.name,
        kode_kemendagri=row.kode_kemendagri,
        kode_bps=row.kode_bps,
        latitude=row.latitude,
        longitude=row.longitude,
        address=f"Desa {row.name}, Kecamatan Pejawaran, Banjarnegara {row.kode_pos}",
        visi=f"<p>Contoh visi: Desa {row.name} yang maju, mandiri dan lestari.</p>",
        misi="<ul><li>Contoh misi: pelayanan publik yang terbuka.</li></ul>",
        joined_on=None
        if on_opensid
        else FIRST_JOINED + datetime.timedelta(days=21 * index),
        integration_status=IntegrationStatus.FEED
        if on_opensid
        else IntegrationStatus.INTEGRATED,
        theme_color=DESA_COLOURS[index % len(DESA_COLOURS)],
    )
    kecamatan.add_child(instance=desa)
    roles = provision_desa(desa)
    desa.hero_image = demo_image(f"Desa {row.name}", roles.collection)
    desa.logo = demo_logo(f"Desa {row.name}", desa.theme_color, roles.collection)
    publish(desa)
    return desa


def _body(paragraphs, source: str, note: str, image=None) -> list[tuple]:
    blocks = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    if image is not None:
        blocks.insert(
            1,
            ("image", {"image": image, "caption": "Gambar contoh", "attribution": ""}),
        )
    closing = f"Sumber: {source}." if source else note
    blocks.append(("paragraph", f"<p><em>{closing}</em></p>"))
    return blocks


def section(desa: Page, model) -> Page:
    return model.objects.child_of(desa).get()


def build_news(parent: Page, spec: demo.NewsSpec, collection) -> NewsPage:
    date = timezone.localdate() - datetime.timedelta(days=spec.days_ago)
    image = demo_image(spec.title, collection)
    page = NewsPage(
        title=spec.title,
        slug=spec.slug,
        date=date,
        category=NewsCategory.objects.get(slug=spec.category),
        summary=spec.summary,
        body=_body(spec.paragraphs, spec.source, demo.SAMPLE_NOTE, image=image),
        hero_image=image,
    )
    page.tags.add(*spec.tags)
    return add_child_once(parent, page, published_on=date)[0]


def build_tourism(parent: Page, spec: demo.TourismSpec, desa, collection):
    page = TourismPage(
        title=spec.title,
        slug=spec.slug,
        category=spec.category,
        summary=spec.summary,
        body=_body(spec.paragraphs, spec.source, demo.SAMPLE_NOTE),
        opening_hours=spec.opening_hours,
        is_free=spec.is_free,
        ticket_price=spec.ticket_price,
        latitude=desa.latitude,
        longitude=desa.longitude,
        address=f"Desa {desa.name}, Kecamatan Pejawaran",
        hero_image=demo_image(spec.title, collection),
    )
    page.facilities = list(TourismFacility.objects.filter(slug__in=spec.facilities))
    return add_child_once(parent, page)[0]


def build_wisdom(parent: Page, spec: demo.WisdomSpec, collection):
    page = LocalWisdomPage(
        title=spec.title,
        slug=spec.slug,
        category=spec.category,
        summary=spec.summary,
        body=_body(spec.paragraphs, spec.source, demo.SAMPLE_NOTE),
        practitioners=spec.practitioners,
        season_note=spec.season_note,
        hero_image=demo_image(spec.title, collection),
    )
    return add_child_once(parent, page)[0]


def build_development(parent: Page, spec: demo.DevelopmentSpec, collection):
    today = timezone.localdate()
    page = DevelopmentProjectPage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        body=_body(spec.paragraphs, "", demo.SAMPLE_FIGURES_NOTE),
        location_name=spec.location_name,
        volume=spec.volume,
        unit=spec.unit,
        fiscal_year=spec.fiscal_year,
        executor=spec.executor,
        funding_source=spec.funding_source,
        budget_total=spec.budget_total,
        budget_pemerintah=spec.budget_total,
        benefit=spec.benefit,
        hero_image=demo_image(spec.title, collection),
    )
    page.progress_reports = [
        ProgressReport(
            date=today - datetime.timedelta(days=report.days_ago),
            percent=report.percent,
            note=report.note,
            photo=demo_image(f"{spec.title} {report.percent}%", collection),
        )
        for report in spec.reports
    ]
    return add_child_once(parent, page)[0]


def build_desa_content(desa: DesaHomePage, index: int) -> None:
    from cms.development.models import DevelopmentIndexPage
    from cms.tourism.models import TourismIndexPage
    from cms.wisdom.models import LocalWisdomIndexPage

    collection = desa.roles.collection
    spec = demo.content_for(desa.kode_kemendagri, desa.name, index)
    news_index = section(desa, NewsIndexPage)
    for news in spec.news:
        build_news(news_index, news, collection)
    build_tourism(section(desa, TourismIndexPage), spec.tourism, desa, collection)
    build_wisdom(section(desa, LocalWisdomIndexPage), spec.wisdom, collection)
    build_development(section(desa, DevelopmentIndexPage), spec.development, collection)


def build_kecamatan_news(kecamatan: KecamatanHomePage) -> None:
    newsroom = NewsIndexPage.objects.child_of(kecamatan).first()
    if newsroom is None:
        newsroom = NewsIndexPage(title="Berita Kecamatan", slug="berita")
        kecamatan.add_child(instance=newsroom)
        publish(newsroom)
    for spec in demo.KECAMATAN_NEWS:
        build_news(newsroom, spec, Collection.get_first_root_node())


def demo_users(accounts: dict) -> list[tuple[str, str, str]]:
    """Create or reset the demo logins; returns (username, password, role)."""
    user_model = get_user_model()
    made = []
    for username, account in accounts.items():
        user, _created = user_model.objects.get_or_create(username=username)
        user.email = f"{username}@example.org"
        user.is_superuser = user.is_staff = account["role"] == "superuser"
        user.set_password(account["password"])
        user.save()
        if account["role"] == "moderator":
            user.groups.set([Group.objects.get(name=MODERATOR_GROUP_NAME)])
        elif account["role"] == "editor":
            desa = DesaHomePage.objects.get(kode_kemendagri=account["desa"])
            user.groups.set([desa.roles.editor_group])
        made.append((username, account["password"], account["role"]))
    return made
