"""The feeds of desa whose content still lives in their own system, and the
items read from them.

An item is keyed by (desa, guid): the feed's <guid> (or Atom <id>), else its
link. Items are never removed because they left the feed: a feed is a window
onto the latest articles, not the archive. Only a moderator removes them.
"""

import hashlib

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cms.desa.models import DesaHomePage


class ExternalFeed(models.Model):
    desa = models.ForeignKey(
        DesaHomePage,
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="external_feeds",
    )
    url = models.URLField(
        _("feed URL"),
        max_length=500,
        help_text=_(
            "RSS 2.0 or Atom, e.g. https://desa.example/index.php/feed "
            "(OpenSID serves its latest 50 articles there)."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive feeds are not read; their items stay searchable."),
    )
    # HTTP validators of the last successful response, for conditional GET.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_checked_at = models.DateTimeField(
        _("last checked"), null=True, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(
        _("last success"), null=True, blank=True, editable=False
    )
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_error_at = models.DateTimeField(
        _("last error at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["desa__title", "url"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "url"],
                name="unique_feed_per_desa",
                violation_error_message=_("This desa already has this feed."),
            )
        ]
        verbose_name = _("external feed")
        verbose_name_plural = _("external feeds")

    def __str__(self):
        return f"{self.desa.name}: {self.url}"

    def save(self, *args, **kwargs):
        # A new address must be read in full: the old one's validators
        # could make it answer 304 forever.
        fields = kwargs.get("update_fields")
        if self.pk and (fields is None or "url" in fields):
            stored = ExternalFeed.objects.filter(pk=self.pk).values("url").first()
            if stored and stored["url"] != self.url:
                self.etag = self.last_modified = ""
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .fetch import FeedError, check_url

        try:
            check_url(self.url or "")
        except FeedError as error:
            raise ValidationError({"url": str(error)}) from error

    @property
    def status_label(self) -> str:
        return {
            "ok": _("OK"),
            "error": _("Failing"),
            "never": _("Not read yet"),
        }[self.status]

    @property
    def last_error_summary(self) -> str:
        if self.status != "error":
            return ""
        return Truncator(self.last_error).chars(120)

    @property
    def status(self) -> str:
        """ok, error (the last attempt failed) or never (not read yet)."""
        if self.last_error_at and (
            not self.last_success_at or self.last_error_at >= self.last_success_at
        ):
            return "error"
        return "ok" if self.last_success_at else "never"


class ExternalItem(models.Model):
    """One article read from a desa's feed, sanitised."""

    desa = models.ForeignKey(
        DesaHomePage,
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="external_items",
    )
    feed = models.ForeignKey(
        ExternalFeed,
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    guid = models.CharField(_("guid"), max_length=1000)
    # (kode_kemendagri, hash of guid): the key of its search record.
    key = models.CharField(max_length=60, unique=True, editable=False)
    link = models.URLField(_("link"), max_length=1000)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    content = models.TextField(_("content (sanitised HTML)"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    image_url = models.URLField(_("image"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"))
    # Hash of what was read: an unchanged item is never rewritten.
    fingerprint = models.CharField(max_length=64, editable=False)
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "guid"], name="unique_external_item"
            )
        ]
        verbose_name = _("external item")
        verbose_name_plural = _("external items")

    def __str__(self):
        return self.title


class RemovedExternalItem(models.Model):
    """An item a moderator removed: the next read of its feed must not
    bring it back while it is still in the feed's window."""

    key = models.CharField(max_length=60, unique=True)
    removed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("removed external item")
        verbose_name_plural = _("removed external items")

    def __str__(self):
        return self.key


def item_key(kode_kemendagri: str, guid: str) -> str:
    """The search record key of an item: the desa code and a hash of the
    guid (guids are often long URLs)."""
    digest = hashlib.sha256(guid.encode()).hexdigest()[:32]
    return f"{kode_kemendagri}:{digest}"
