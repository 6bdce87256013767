"""The page tree editors can build: exactly the designed shape."""

import pytest

from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentIndexPage, DevelopmentProjectPage
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.tourism.models import TourismIndexPage, TourismPage
from cms.wisdom.models import LocalWisdomIndexPage, LocalWisdomPage
from tests.conftest import logged_in
from tests.factories import section

CONTENT = [
    (NewsIndexPage, NewsPage),
    (TourismIndexPage, TourismPage),
    (LocalWisdomIndexPage, LocalWisdomPage),
    (DevelopmentIndexPage, DevelopmentProjectPage),
]
ALL_TYPES = [
    KecamatanHomePage,
    DesaHomePage,
    *[model for pair in CONTENT for model in pair],
]


def test_a_new_desa_gets_exactly_one_published_index_per_section(desa_a):
    children = [page.specific_class for page in desa_a.get_children()]
    assert sorted(model.__name__ for model in children) == sorted(
        index.__name__ for index, _page in CONTENT
    )
    assert all(page.live for page in desa_a.get_children())


def test_only_one_kecamatan_directly_under_root(root_page, kecamatan, desa_a):
    assert not KecamatanHomePage.can_create_at(root_page)
    assert [m for m in ALL_TYPES if m.can_create_at(root_page)] == []
    assert not KecamatanHomePage.can_create_at(kecamatan)


def test_kecamatan_takes_desa_and_one_newsroom(kecamatan, desa_a):
    creatable = {m for m in ALL_TYPES if m.can_create_at(kecamatan)}
    # The kecamatan already has its newsroom, so only desa can be added.
    assert creatable == {DesaHomePage}
    assert KecamatanHomePage.allowed_subpage_models() == [DesaHomePage, NewsIndexPage]


def test_desa_home_takes_nothing_more_once_its_sections_exist(desa_a):
    assert [m for m in ALL_TYPES if m.can_create_at(desa_a)] == []
    assert set(DesaHomePage.allowed_subpage_models()) == {i for i, _p in CONTENT}


@pytest.mark.parametrize(("index_model", "page_model"), CONTENT)
def test_each_index_takes_only_its_own_content(desa_a, index_model, page_model):
    index = section(desa_a, index_model)
    assert [m for m in ALL_TYPES if m.can_create_at(index)] == [page_model]


@pytest.mark.parametrize(("index_model", "page_model"), CONTENT)
def test_content_pages_are_leaves(index_model, page_model):
    assert page_model.allowed_subpage_models() == []
    assert page_model.allowed_parent_page_models() == [index_model]


def test_the_admin_refuses_a_page_type_in_the_wrong_place(desa_a, superuser):
    client = logged_in(superuser)
    news_index = section(desa_a, NewsIndexPage)
    wrong = client.get(f"/admin/pages/add/tourism/tourismpage/{news_index.pk}/")
    right = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/")
    assert wrong.status_code in (302, 403)
    assert right.status_code == 200
