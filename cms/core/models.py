"""Abstract building blocks shared by the page types of every app, and the
preview snapshot model."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock
from .forms import HeadlessPageForm
from .registry import desa_home_model
from .vocabulary import desa_path

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-.]{5,20}$",
    _("Enter a phone number such as 0286 123456 or +62 812 3456 7890."),
)


def desa_id_for_path(path: str) -> int | None:
    """The id of the desa home owning the page at `path`, or None for pages
    of the kecamatan itself. One indexed lookup on the tree path."""
    prefix = desa_path(path)
    if prefix is None:
        return None
    return (
        desa_home_model()
        .objects.filter(path=prefix)
        .values_list("pk", flat=True)
        .first()
    )


class HeadlessPage(Page):
    """Base for every page type. The public sites are separate frontends that
    read the API; the CMS only renders a plain page for previews."""

    template = "core/headless_page.html"
    base_form_class = HeadlessPageForm

    # What the page is on the frontends (cms/core/registry.py): a home
    # ("kecamatan", "desa"), the path segment of its section ("berita"), and
    # for a section's items the kind they have in the API and search ("news").
    public_home: str | None = None
    public_section: str | None = None
    search_kind: str | None = None

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """A public page is read on its frontend: (site id, the frontend's
        root, the path there). A hidden one (a draft, private, under an
        unpublished desa) has no URL, so the admin shows no "live" link and
        e-mails none; its site is still known (`get_site`)."""
        from urllib.parse import urlsplit

        from .public_urls import live_url

        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        url = live_url(self)
        if url is None:
            return (parts[0], None, None)
        scheme, host, path, _query, _fragment = urlsplit(url)
        return (parts[0], f"{scheme}://{host}", path)

    def get_url(self, request=None, current_site=None):
        """Always the absolute address: the frontends are not the CMS host."""
        return self.get_full_url(request)

    url = property(get_url)

    def serve_preview(self, request, mode_name):
        """Open the draft on the public frontend of its desa."""
        from django.shortcuts import redirect

        from .preview import frontend_preview_url

        return redirect(frontend_preview_url(self))


class ContactFields(models.Model):
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("email"), blank=True)

    contact_panels = [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        )
    ]

    class Meta:
        abstract = True


OUTSIDE_LATITUDE = _("This latitude is outside Indonesia.")
OUTSIDE_LONGITUDE = _("This longitude is outside Indonesia.")


class LocationFields(models.Model):
    """Latitude and longitude, both or neither, inside Indonesia's bounds."""

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("-11.5"), OUTSIDE_LATITUDE),
            MaxValueValidator(Decimal("6.5"), OUTSIDE_LATITUDE),
        ],
        help_text=_("Decimal degrees, negative south of the equator: -7.239513"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("94.5"), OUTSIDE_LONGITUDE),
            MaxValueValidator(Decimal("141.5"), OUTSIDE_LONGITUDE),
        ],
        help_text=_("Decimal degrees east: 109.786245"),
    )

    location_panels = [
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Coordinates"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            raise ValidationError(
                {missing: _("Enter both latitude and longitude, or neither.")}
            )


class SectionIndexPage(HeadlessPage):
    """One per section under each desa (and the kecamatan newsroom)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = HeadlessPage.content_panels + [FieldPanel("intro")]

    max_count_per_parent = 1

    class Meta:
        abstract = True


class DesaContentPage(HeadlessPage):
    """A content item that belongs to one desa, or to the kecamatan.

    `desa` is a denormalised reference kept on every save (and on moves, see
    cms.desa.signals) so that listings never walk the tree per row.
    """

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="%(app_label)s_%(class)s_items",
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = HeadlessPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("desa"),
    ]

    # For Wagtail's stock /api/v2/pages/ endpoint; the project's own endpoints
    # (api/) serve richer, faster shapes.
    api_fields = [
        APIField("desa"),
        APIField("summary"),
        APIField("hero_image"),
        APIField(
            "hero_image_thumbnail",
            serializer=ImageRenditionField(
                "width-400|format-webp", source="hero_image"
            ),
        ),
        APIField("body"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.path:
            self.desa_id = desa_id_for_path(self.path)
        return super().save(*args, **kwargs)


from .generation import ContentGeneration  # noqa: E402, F401
from .preview import PreviewSnapshot  # noqa: E402, F401
