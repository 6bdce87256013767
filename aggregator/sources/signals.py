"""Keep external items' search records in step: a removed item leaves the
index (and stays removed). A desa unpublished or made private takes its
items out of search through aggregator/signals.py (FeedSource.keys_under)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.core.generation import new_generation

from .. import outbox
from ..models import OutboxEntry
from .feeds import SOURCE
from .models import ExternalFeed, ExternalItem, RemovedExternalItem


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
