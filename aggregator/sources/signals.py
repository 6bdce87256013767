"""Keep external items' search records in step with their desa: a desa that
is unpublished or made private takes its feed items out of search too, and
a removed item leaves the index."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from cms.core.generation import new_generation

from .. import outbox
from ..models import OutboxEntry
from .models import ExternalFeed, ExternalItem, RemovedExternalItem
from .records import SOURCE


def reindex_desa_items(desa_ids) -> None:
    keys = ExternalItem.objects.filter(desa__in=desa_ids).values_list("key", flat=True)
    outbox.enqueue_keys(SOURCE, list(keys))


def desa_ids_under(page) -> list[int]:
    from cms.desa.models import DesaHomePage

    return list(
        DesaHomePage.objects.filter(path__startswith=page.path).values_list(
            "pk", flat=True
        )
    )


def desa_changed(sender, instance, **kwargs):
    # Publishing or unpublishing a desa (or the kecamatan above it) shows or
    # hides its external items.
    desa_ids = desa_ids_under(instance)
    if desa_ids:
        reindex_desa_items(desa_ids)


page_published.connect(desa_changed, dispatch_uid="feed-items-desa-published")
page_unpublished.connect(desa_changed, dispatch_uid="feed-items-desa-unpublished")


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="feed-items-restricted")
@receiver(
    post_delete, sender=PageViewRestriction, dispatch_uid="feed-items-unrestricted"
)
def restriction_changed(sender, instance, **kwargs):
    desa_ids = desa_ids_under(instance.page)
    if desa_ids:
        reindex_desa_items(desa_ids)


@receiver(post_save, sender=ExternalItem, dispatch_uid="feed-item-saved")
def item_saved(sender, instance, **kwargs):
    if not getattr(instance, "skip_outbox", False):  # sync queues in bulk
        outbox.enqueue_keys(SOURCE, [instance.key])


@receiver(post_delete, sender=ExternalItem, dispatch_uid="feed-item-deleted")
def item_deleted(sender, instance, **kwargs):
    outbox.enqueue_keys(SOURCE, [instance.key], action=OutboxEntry.Action.DELETE)
    # Removed by a moderator (or with its desa): the next read of the feed
    # must not bring it back.
    RemovedExternalItem.objects.get_or_create(key=instance.key)


@receiver(post_save, sender=ExternalFeed, dispatch_uid="feed-saved")
@receiver(post_delete, sender=ExternalFeed, dispatch_uid="feed-deleted")
def feed_changed(sender, instance, **kwargs):
    # The dashboard API shows each desa's feeds.
    new_generation()
