"""Record every change that can alter what is searchable, in the same
transaction as the change (see outbox.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import outbox
from .models import OutboxEntry


def subtree_changed(sender, instance, **kwargs):
    # A desa unpublished or republished hides or shows everything under it.
    outbox.enqueue(outbox.indexed_pages_under(instance))


page_published.connect(subtree_changed, dispatch_uid="search-published")
page_unpublished.connect(subtree_changed, dispatch_uid="search-unpublished")
post_page_move.connect(subtree_changed, dispatch_uid="search-moved")


@receiver(post_delete, dispatch_uid="search-page-deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        outbox.enqueue([instance.pk], action=OutboxEntry.Action.DELETE)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search-restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search-unrestricted")
def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        outbox.enqueue(outbox.indexed_pages_under(page))
