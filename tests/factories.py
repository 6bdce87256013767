"""Factories for the page tree. Content pages are created under the right
section index of a desa (or the kecamatan newsroom) through `parent=`."""

import datetime
import json

import factory
import wagtail_factories
from wagtail.models import Page

from cms.desa.models import DesaHomePage
from cms.development.models import (
    DevelopmentIndexPage,
    DevelopmentProjectPage,
    ProgressReport,
)
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage
from cms.tourism.models import TourismIndexPage, TourismPage
from cms.wisdom.models import LocalWisdomIndexPage, LocalWisdomPage


class KecamatanHomePageFactory(wagtail_factories.PageFactory):
    title = "Kecamatan Pejawaran"
    slug = "kecamatan-pejawaran"
    name = "Pejawaran"
    kode_kemendagri = "33.04.15"

    class Meta:
        model = KecamatanHomePage


class DesaHomePageFactory(wagtail_factories.PageFactory):
    name = factory.Sequence(lambda n: f"Desa{n}")
    title = factory.SelfAttribute("name")
    kode_kemendagri = factory.Sequence(lambda n: f"33.04.15.{3001 + n:04d}")

    class Meta:
        model = DesaHomePage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Berita {n}")
    summary = "Ringkasan berita."
    date = datetime.date(2026, 11, 1)
    category = factory.LazyFunction(
        lambda: NewsCategory.objects.get(slug="pemerintahan")
    )

    class Meta:
        model = NewsPage


class TourismPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wisata {n}")
    summary = "Ringkasan wisata."
    category = "alam"

    class Meta:
        model = TourismPage


class LocalWisdomPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kearifan {n}")
    summary = "Ringkasan kearifan lokal."
    category = "tradisi"

    class Meta:
        model = LocalWisdomPage


class DevelopmentProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Proyek {n}")
    summary = "Ringkasan proyek."
    location_name = "RT 01"
    fiscal_year = 2026
    funding_source = "dana_desa"
    budget_total = 100_000_000

    class Meta:
        model = DevelopmentProjectPage


def section(parent: Page, model):
    """The section index of `model` under a desa home or the kecamatan."""
    return model.objects.child_of(parent).get()


def news_page(parent: Page, **kwargs) -> NewsPage:
    return NewsPageFactory(parent=section(parent, NewsIndexPage), **kwargs)


def tourism_page(desa: DesaHomePage, **kwargs) -> TourismPage:
    return TourismPageFactory(parent=section(desa, TourismIndexPage), **kwargs)


def wisdom_page(desa: DesaHomePage, **kwargs) -> LocalWisdomPage:
    return LocalWisdomPageFactory(parent=section(desa, LocalWisdomIndexPage), **kwargs)


def development_page(desa: DesaHomePage, reports=(), **kwargs):
    """A project with progress reports given as (date, percent) pairs."""
    page = DevelopmentProjectPageFactory.build(**kwargs)
    page.progress_reports = [
        ProgressReport(date=date, percent=percent) for date, percent in reports
    ]
    section(desa, DevelopmentIndexPage).add_child(instance=page)
    return page


def publish(page: Page) -> Page:
    """Publish through a revision, as the admin does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# StreamField bodies, as the admin and the API see them (a JSON list of
# blocks).


def stream(*blocks: dict) -> str:
    return json.dumps(list(blocks))


def link_paragraph(
    page: Page, text: str = "tautan", before: str = "", after: str = ""
) -> dict:
    html = f'<p>{before}<a linktype="page" id="{page.pk}">{text}</a>{after}</p>'
    return {"type": "paragraph", "value": html, "id": "p1"}


def image_block(image, caption: str = "") -> dict:
    value = {"image": image.pk, "caption": caption, "attribution": ""}
    return {"type": "image", "value": value, "id": "i1"}


def document_block(document) -> dict:
    value = {"document": document.pk, "title": ""}
    return {"type": "document", "value": value, "id": "d1"}
