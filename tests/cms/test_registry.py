"""The page registry answers from what the page models declare, and public
URLs built from it keep the frontends' paths."""

from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from cms.core import registry
from cms.core.public_urls import public_url
from cms.core.vocabulary import DesaRef
from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentIndexPage, DevelopmentProjectPage
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.tourism.models import TourismIndexPage, TourismPage
from cms.wisdom.models import LocalWisdomIndexPage, LocalWisdomPage

DESA = DesaRef(1, "33.04.15.2001", "Giritirta", "giritirta", None)


def test_kinds_in_tree_order():
    assert registry.kinds() == ("news", "tourism", "wisdom", "development")
    assert registry.item_model_for_kind("tourism") is TourismPage
    assert registry.item_model_for_kind("nope") is None


def test_sections_and_their_models():
    assert registry.section_item_models() == {
        "berita": NewsPage,
        "wisata": TourismPage,
        "kearifan-lokal": LocalWisdomPage,
        "pembangunan": DevelopmentProjectPage,
    }
    assert registry.section_index_models() == {
        "berita": NewsIndexPage,
        "wisata": TourismIndexPage,
        "kearifan-lokal": LocalWisdomIndexPage,
        "pembangunan": DevelopmentIndexPage,
    }
    assert registry.item_model_for_section("galeri") is None


def test_homes():
    assert registry.desa_home_model() is DesaHomePage
    assert registry.model_home(KecamatanHomePage) == "kecamatan"
    assert not registry.is_item_model(DesaHomePage)


def test_kind_labels_are_the_section_titles():
    with translation.override("id"):
        labels = {kind: str(label) for kind, label in registry.kind_labels().items()}
    assert labels == {
        "news": "Berita",
        "tourism": "Wisata",
        "wisdom": "Kearifan lokal",
        "development": "Pembangunan",
    }


@override_settings(PUBLIC_PORTAL_URL="https://portal.example/")
def test_public_urls_of_every_page_type():
    assert public_url(Page, "root", None) == "https://portal.example/"
    assert public_url(KecamatanHomePage, "pejawaran", None) == "https://portal.example/"
    assert (
        public_url(DesaHomePage, "giritirta", DESA)
        == "https://portal.example/desa/giritirta/"
    )
    assert public_url(NewsIndexPage, "berita", None) == "https://portal.example/berita/"
    assert (
        public_url(LocalWisdomPage, "tari", DESA)
        == "https://portal.example/desa/giritirta/kearifan-lokal/tari/"
    )
    assert (
        public_url(DevelopmentIndexPage, "pembangunan", DESA)
        == "https://portal.example/desa/giritirta/pembangunan/"
    )
