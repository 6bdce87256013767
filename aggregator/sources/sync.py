"""Read every active feed into ExternalItem rows and the search index.

Idempotent: items are keyed by (desa, guid); an unchanged item is not
written again, an edited one is updated, and an item that left the feed's
window is kept. A feed that fails records its error and never stops the
others.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .fetch import FeedError, fetch
from .models import ExternalFeed, ExternalItem, item_key
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
    existing = {
        item.guid: item
        for item in ExternalItem.objects.filter(
            desa=feed.desa, guid__in=[entry.guid for entry in entries]
        )
    }
    changed = []
    for entry in entries:
        if entry.guid in {item.guid for item in changed}:
            continue  # the same guid twice in one feed: the first one wins
        item = existing.get(entry.guid)
        fingerprint = entry.fingerprint
        if item is not None and item.fingerprint == fingerprint:
            report.unchanged += 1
            continue
        if item is None:
            item = ExternalItem(desa=feed.desa, guid=entry.guid)
            item.key = item_key(kode, entry.guid)
            item.published_at = entry.published_at or now
            report.created += 1
        else:
            item.published_at = entry.published_at or item.published_at
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
        item.save()
        changed.append(item)  # saving queues its search update (signals.py)
    return report


def sync_feed(feed: ExternalFeed) -> FeedReport:
    now = timezone.now()
    feed.last_checked_at = now
    try:
        fetched = fetch(feed.url, feed.etag, feed.last_modified)
        if fetched.status == 304:
            report = FeedReport(feed, "not-modified")
            entries = None
        else:
            entries = parse(fetched.body, fetched.content_type, fetched.url)
    except FeedError as error:
        return failed(feed, str(error), now)
    except Exception as error:  # noqa: BLE001 - one feed never stops the others
        logger.exception("Reading feed %s failed", feed.url)
        return failed(
            feed,
            _("Unexpected error while reading the feed: %(error)s")
            % {"error": type(error).__name__},
            now,
        )
    with transaction.atomic():
        if entries is not None:
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


def failed(feed: ExternalFeed, message: str, now) -> FeedReport:
    feed.last_error, feed.last_error_at = message[:2000], now
    feed.save(update_fields=["last_checked_at", "last_error", "last_error_at"])
    return FeedReport(feed, "error", message=message)


def sync_all(feeds=None) -> SyncReport:
    if feeds is None:
        feeds = ExternalFeed.objects.filter(is_active=True).select_related("desa")
    report = SyncReport()
    for feed in feeds:
        report.feeds.append(sync_feed(feed))
    return report
