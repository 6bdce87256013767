"""Keeping the index true without losing anything.

A page change writes an OutboxEntry in the same transaction as the change.
Right after commit the change is applied to the database engine (the same
database, so it is quick). A separate engine (Elasticsearch) is left to
`process_search_outbox` (the search worker), so saving or publishing never
waits on it; until the worker has applied every entry, search answers from
the database engine (`separate_engine_behind`), so a page unpublished a
moment ago cannot still be found in the separate engine. When an engine is
down, entries stay and are retried with exponential backoff (by the
worker; without a separate engine by the next commit too). Applying an
entry looks at the page as it is now, so entries are idempotent and their
order does not matter.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cms.core.generation import new_generation

from .backends import get_backend, get_database_backend, uses_separate_engine
from .models import OutboxEntry
from .sources.registry import get_source

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600


def enqueue_keys(source: str, keys: Iterable[str], action=OutboxEntry.Action.INDEX):
    """Record changes of a registered source (by its name: "page" for page
    ids, "feed" for external item keys)."""
    entries = [OutboxEntry(source=source, key=key, action=action) for key in keys]
    OutboxEntry.objects.bulk_create(entries)
    if entries:
        changed = {(source, entry.key) for entry in entries}
        transaction.on_commit(lambda: process_after_commit(changed))
    return len(entries)


def process_after_commit(changed: set[tuple[str, str]]) -> None:
    """Without a separate engine: every due entry, this change included.
    With one: this change, into the database engine only; the entries stay
    for the worker."""
    try:
        if uses_separate_engine():
            for source, key in changed:
                apply(source, key, [get_database_backend()])
            new_generation()
        else:
            process()
    except Exception:  # the entries stay and are retried
        logger.exception("Search outbox processing failed; entries kept for retry")


def separate_engine_behind() -> bool:
    """True while a separate engine has changes still to apply: it may
    still find a page that is unpublished by now."""
    return uses_separate_engine() and OutboxEntry.objects.exists()


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


@dataclass
class Report:
    applied: int = 0
    failed: int = 0
    remaining: int = 0


def engines():
    database = get_database_backend()
    return [database, get_backend()] if uses_separate_engine() else [database]


def current_record(source: str, key: str):
    """What the index must hold for (source, key) now, or None."""
    found = get_source(source)
    return found.record_for(key) if found is not None else None


def apply(source: str, key: str, targets: list | None = None) -> None:
    """Make the engines (`targets`, default all) hold what they must now."""
    record = current_record(source, key)
    for engine in engines() if targets is None else targets:
        if record is None:
            engine.delete([(source, key)])
        else:
            engine.index([record])


def process(limit: int = 500) -> Report:
    """Apply due entries, oldest first; one apply per key."""
    now = timezone.now()
    due = list(
        OutboxEntry.objects.filter(next_attempt_at__lte=now).order_by("id")[:limit]
    )
    report = Report()
    by_key: dict[tuple[str, str], list[OutboxEntry]] = {}
    for entry in due:
        by_key.setdefault((entry.source, entry.key), []).append(entry)
    for (source, key), entries in by_key.items():
        ids = [entry.pk for entry in entries]
        try:
            apply(source, key)
        except Exception as error:  # noqa: BLE001 - any engine failure is retried
            report.failed += len(entries)
            attempts = max(entry.attempts for entry in entries) + 1
            OutboxEntry.objects.filter(pk__in=ids).update(
                attempts=attempts,
                next_attempt_at=now + backoff(attempts),
                last_error=str(error)[:2000],
            )
            continue
        OutboxEntry.objects.filter(pk__in=ids).delete()
        report.applied += len(entries)
    report.remaining = OutboxEntry.objects.count()
    if report.applied:
        # Search answers cached while the index was still catching up with a
        # publish must not outlive it.
        new_generation()
    return report
