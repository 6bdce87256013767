"""Record every change that can alter what is searchable, in the same
transaction as the change (see outbox.py). A page published, unpublished,
moved or restricted can show or hide items of every source below it (a desa
unpublished hides its pages and its feed's items), so each registered
source is asked which of its keys it touches."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.news.models import NewsCategory, NewsPage

from . import outbox
from .models import OutboxEntry
from .sources.pages import SOURCE as PAGES
from .sources.registry import all_sources


def reindex_under(page: Page) -> None:
    for source in all_sources():
        outbox.enqueue_keys(source.name, source.keys_under(page))


def subtree_changed(sender, instance, **kwargs):
    reindex_under(instance)


page_published.connect(subtree_changed, dispatch_uid="search-published")
page_unpublished.connect(subtree_changed, dispatch_uid="search-unpublished")
post_page_move.connect(subtree_changed, dispatch_uid="search-moved")


@receiver(post_delete, dispatch_uid="search-page-deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        outbox.enqueue_keys(PAGES, [str(instance.pk)], action=OutboxEntry.Action.DELETE)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search-restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search-unrestricted")
def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_under(page)


@receiver(post_save, sender=NewsCategory, dispatch_uid="search-news-category")
def news_category_changed(sender, instance, created, **kwargs):
    # Records carry their category's slug and name (the `category` facet):
    # renamed, the news filed under it are indexed again, so the old slug
    # leaves the facets and the search API refuses it as before.
    if not created:
        pages = NewsPage.objects.filter(category=instance).values_list("pk", flat=True)
        outbox.enqueue_keys(PAGES, [str(pk) for pk in pages])
