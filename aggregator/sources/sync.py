"""Read every active feed into ExternalItem rows and the search index.

Idempotent: items are keyed by (desa, guid); an unchanged item is not
written again, an edited one is updated, an item that left the feed's
window is kept, and an item a moderator removed stays removed. A feed that
fails, whatever the reason, records its error and never stops the others.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.generation import new_generation

from .. import outbox
from .feeds import SOURCE
from .fetch import FeedError, fetch
from .models import ExternalFeed, ExternalItem, RemovedExternalItem, item_key
from .parse import Entry, parse

logger = logging.getLogger(__name__)


@dataclass
class FeedReport:
    feed: ExternalFeed
    status: str  # "read", "not-modified" or "error"
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    message: str = ""


@dataclass
class SyncReport:
    feeds: list[FeedReport] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(report.status == "error" for report in self.feeds)

    def total(self, attribute: str) -> int:
        return sum(getattr(report, attribute) for report in self.feeds)


def store(feed: ExternalFeed, entries: list[Entry], now) -> FeedReport:
    report = FeedReport(feed, "read")
    kode = feed.desa.kode_kemendagri
    keys = {entry.guid: item_key(kode, entry.guid) for entry in entries}
    removed = set(
        RemovedExternalItem.objects.filter(key__in=keys.values()).values_list(
            "key", flat=True
        )
    )
    existing = {
        item.guid: item
        for item in ExternalItem.objects.filter(desa=feed.desa, guid__in=list(keys))
    }
    seen, changed = set(), []
    for entry in entries:
        if entry.guid in seen or keys[entry.guid] in removed:
            continue  # a guid twice in one feed: the first one wins
        seen.add(entry.guid)
        item = existing.get(entry.guid)
        fingerprint = entry.fingerprint
        if item is not None and item.fingerprint == fingerprint:
            report.unchanged += 1
            continue
        # A date in the future would keep the item on top of "newest".
        published = min(entry.published_at, now) if entry.published_at else None
        if item is None:
            item = ExternalItem(desa=feed.desa, guid=entry.guid, key=keys[entry.guid])
            item.published_at = published or now
            report.created += 1
        else:
            item.published_at = published or item.published_at
            report.updated += 1
        item.feed = feed
        item.link = entry.link
        item.title = entry.title
        item.summary = entry.summary
        item.content = entry.content
        item.author = entry.author
        item.categories = list(entry.categories)
        item.image_url = entry.image_url
        item.fingerprint = fingerprint
        item.skip_outbox = True  # queued below, once for all
        item.save()
        changed.append(item.key)
    outbox.enqueue_keys(SOURCE, changed)
    return report


def sync_feed(feed: ExternalFeed) -> FeedReport:
    now = timezone.now()
    before = feed.status
    feed.last_checked_at = now
    try:
        fetched = fetch(feed.url, feed.etag, feed.last_modified)
        entries = (
            None
            if fetched.status == 304
            else parse(fetched.body, fetched.content_type, fetched.url)
        )
        with transaction.atomic():
            if entries is None:
                report = FeedReport(feed, "not-modified")
            else:
                report = store(feed, entries, now)
                feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
            feed.last_success_at = now
            feed.save(
                update_fields=[
                    "etag",
                    "last_modified",
                    "last_checked_at",
                    "last_success_at",
                ]
            )
        return report
    except FeedError as error:
        return failed(feed, str(error), now, before)
    except Exception as error:  # one feed never stops the others
        logger.exception("Reading feed %s failed", feed.url)
        return failed(
            feed,
            _("Unexpected error while reading the feed: %(error)s")
            % {"error": type(error).__name__},
            now,
            before,
        )


def failed(feed: ExternalFeed, message: str, now, before: str) -> FeedReport:
    """Record the failure; `before` is the feed's status when the attempt
    began. A successful read renews the content generation through the
    feed's save (sources/signals.py); a failure writes with .update(), which
    fires no signal, so it renews here, in the same transaction, when the
    status the dashboard shows has changed."""
    feed.last_error, feed.last_error_at = message[:2000], now
    with transaction.atomic():
        ExternalFeed.objects.filter(pk=feed.pk).update(
            last_checked_at=now, last_error=feed.last_error, last_error_at=now
        )
        if feed.status != before:
            new_generation()
    return FeedReport(feed, "error", message=message)


def sync_all(feeds=None) -> SyncReport:
    if feeds is None:
        feeds = ExternalFeed.objects.filter(is_active=True).select_related("desa")
    report = SyncReport()
    for feed in feeds:
        report.feeds.append(sync_feed(feed))
    return report
