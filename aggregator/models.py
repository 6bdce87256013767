from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchRecord(models.Model):
    """The database engines' copy of a Record (documents.Record).

    Engine-specific indexes are added by migration 0002 for the database in
    use: a weighted `indonesian` tsvector column with a GIN index and a
    trigram index on PostgreSQL, an FTS5 table on SQLite. With Elasticsearch
    this table is still kept, as the fallback when Elasticsearch is down.
    """

    source = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, db_index=True)
    desa_kode = models.CharField(max_length=13, blank=True, db_index=True)
    desa_name = models.CharField(max_length=100, blank=True)
    desa_slug = models.CharField(max_length=100, blank=True)
    desa_aliases = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    category_slug = models.CharField(max_length=60, blank=True, db_index=True)
    category_name = models.CharField(max_length=100, blank=True)
    tags = models.JSONField(default=list, blank=True)
    tags_text = models.TextField(blank=True)
    published = models.DateField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    url = models.URLField(max_length=500)
    thumbnail_url = models.URLField(max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Title, desa names and tags in one string, for typo matching (trigrams).
    fuzzy_text = models.CharField(max_length=600, blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="unique_record")
        ]
        indexes = [models.Index(fields=["-published", "-id"], name="record_newest")]
        verbose_name = _("search record")
        verbose_name_plural = _("search records")

    def __str__(self):
        return f"{self.source}:{self.key} {self.title}"


class OutboxEntry(models.Model):
    """A change to apply to the search engines, written in the same
    transaction as the page change, so no change is ever lost."""

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    source = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox entries")

    def __str__(self):
        return f"{self.action} {self.source}:{self.key}"
