"""Content-page rules: the owning desa, derived progress, validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.development.models import DevelopmentProjectPage, ProgressReport, Stage
from cms.news.models import NewsIndexPage, NewsPage
from tests.factories import (
    development_page,
    news_page,
    section,
    tourism_page,
    wisdom_page,
)

DAY = datetime.date(2026, 6, 1)


def test_content_knows_its_desa_without_a_tree_walk(
    kecamatan, desa_a, desa_b, django_assert_num_queries
):
    pages = [news_page(desa_a), tourism_page(desa_a), wisdom_page(desa_b)]
    kecamatan_news = news_page(kecamatan)
    assert [p.desa_id for p in pages] == [desa_a.pk, desa_a.pk, desa_b.pk]
    assert kecamatan_news.desa_id is None
    with django_assert_num_queries(1):
        rows = list(NewsPage.objects.select_related("desa").order_by("pk"))
        names = [row.desa.name if row.desa else None for row in rows]
    assert names == ["Giritirta", None]


def test_moving_a_page_updates_its_desa(desa_a, desa_b, moderator):
    page = news_page(desa_a)
    page.move(section(desa_b, NewsIndexPage), pos="last-child")
    page.refresh_from_db()
    assert page.desa_id == desa_b.pk


def test_copying_into_another_desa_sets_the_copy_desa(desa_a, desa_b):
    page = news_page(desa_a)
    copy = page.copy(to=section(desa_b, NewsIndexPage), update_attrs={"slug": "c"})
    assert copy.desa_id == desa_b.pk


@pytest.mark.parametrize(
    ("reports", "progress", "stage"),
    [
        ([], 0, Stage.PLANNED),
        ([(DAY, 0)], 0, Stage.IN_PROGRESS),
        ([(DAY, 40), (DAY, 75)], 75, Stage.IN_PROGRESS),
        # The highest report counts even when a later one reports less.
        ([(DAY, 100), (DAY + datetime.timedelta(days=3), 90)], 100, Stage.DONE),
    ],
)
def test_progress_and_stage_are_derived(desa_a, reports, progress, stage):
    page = development_page(desa_a, reports=reports)
    assert (page.current_progress, page.stage) == (progress, stage)
    annotated = DevelopmentProjectPage.objects.with_progress().get(pk=page.pk)
    assert (annotated.progress_percent, annotated.progress_stage) == (progress, stage)


def test_budget_split_must_add_up(desa_a):
    page = development_page(desa_a, budget_total=100, budget_pemerintah=100)
    page.budget_pemerintah = 60
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "budget_total" in error.value.message_dict
    page.budget_swadaya = 40
    page.full_clean()


def test_progress_report_is_bounded_and_not_in_the_future(desa_a):
    page = development_page(desa_a)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    for report, field in [
        (ProgressReport(page=page, date=DAY, percent=101), "percent"),
        (ProgressReport(page=page, date=tomorrow, percent=10), "date"),
    ]:
        with pytest.raises(ValidationError) as error:
            report.full_clean()
        assert field in error.value.message_dict


def test_free_attraction_has_no_ticket_price(desa_a):
    page = tourism_page(desa_a)
    page.is_free, page.ticket_price = True, 5000
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "ticket_price" in error.value.message_dict
