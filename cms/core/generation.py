"""The content generation: one number that stands for the state of all
public content. Any change that can alter what the public sees starts a new
one, and everything derived from public content (the API's response cache
and ETags, per-process memos such as `visibility.hiding_paths`) is valid for
one generation only.

It lives in the database, in one row. Reading it is one primary-key lookup
per API request; the cache only holds entries, each checked against the
generation it was made in, so entries a restarted Redis brings back from
before a change are never served.

The rule for renewing it: **inside the transaction of the change itself**,
so that it commits, or rolls back, with the change and cannot be lost when
the cache (Redis) is away. A model's own post_save / post_delete receiver
runs there (`renew_on_change`); a change written outside any transaction
renews right after its write. Who renews:

- the CMS: pages (publish, unpublish, creation, move, delete), view
  restrictions, images and documents (cms/core/signals.py), and each content
  app its own public models (`renew_on_change` in its AppConfig.ready: news
  categories, tourism facilities, IDM scores);
- external feeds: a feed saved or deleted (aggregator/sources/signals.py),
  a feed's status read anew (aggregator/sources/sync.py).

One addition, not an exception: search answers change when an engine has
applied the search outbox, which happens after the change committed
(aggregator/outbox.py: right after commit for the database engine, later in
the search worker for a separate one). The outbox renews the generation
again then, so that search answers cached while the index was catching up
do not outlive it.
"""

import time
from collections.abc import Callable
from threading import Lock
from typing import Generic, TypeVar

from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")

ROW = 1
CURRENT_SQL = 'SELECT "value" FROM "core_contentgeneration" WHERE "id" = %s'


class ContentGeneration(models.Model):
    """The single row (pk 1) holding the current generation: nanoseconds
    since the epoch at the last change (never less than the previous value
    plus one, so every change gives a new value whatever the clocks do)."""

    value = models.BigIntegerField()

    class Meta:
        db_table = "core_contentgeneration"  # read by CURRENT_SQL
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")

    def __str__(self):
        return str(self.value)


def current_generation() -> str:
    """The generation now. Without its row (a freshly flushed database) it
    is "0" until the next change creates the row.

    Plain SQL: it runs on every API request, and the ORM would take five
    times as long as the round trip itself (about 300 against 60 us)."""
    with connection.cursor() as cursor:
        cursor.execute(CURRENT_SQL, [ROW])
        row = cursor.fetchone()
    return str(row[0]) if row else "0"


def new_generation() -> None:
    """Start a new generation, in the caller's transaction if there is one.
    Concurrent changes wait for each other on the row, so each commit
    leaves a value of its own."""
    now = Value(time.time_ns(), output_field=models.BigIntegerField())
    renewed = ContentGeneration.objects.filter(pk=ROW).update(
        value=Greatest(F("value") + 1, now)
    )
    if not renewed:
        ContentGeneration.objects.update_or_create(
            pk=ROW, defaults={"value": time.time_ns()}
        )


def generation_time(generation: str) -> float:
    """When the generation started (seconds since the epoch): the
    Last-Modified of every API response of that generation."""
    return int(generation) / 1e9


def renew(**kwargs) -> None:
    """A signal receiver that starts a new generation."""
    new_generation()


def renew_on_change(model) -> None:
    """Start a new generation whenever an object of `model` is saved or
    deleted: for models the public reads besides pages (call it from the
    app's AppConfig.ready)."""
    label = model._meta.label_lower
    post_save.connect(renew, sender=model, dispatch_uid=f"generation-save-{label}")
    post_delete.connect(renew, sender=model, dispatch_uid=f"generation-delete-{label}")


class GenerationMemo(Generic[T]):
    """A value derived from public content, computed at most once per
    generation in each process: `memo.get(generation)` computes it on the
    first call of a generation and returns the kept value after that.
    Without a generation (None) it is computed anew and not kept."""

    def __init__(self, compute: Callable[[], T]):
        self.compute = compute
        self._generation: str | None = None
        self._value: T | None = None
        self._lock = Lock()

    def get(self, generation: str | None) -> T:
        if generation is None:
            return self.compute()
        with self._lock:
            if self._generation != generation:
                self._value = self.compute()
                self._generation = generation
            return self._value
