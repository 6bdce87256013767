from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import GalleryImagesBlock
from cms.core.models import (
    ContactFields,
    DesaContentPage,
    LocationFields,
    SectionIndexPage,
)


class TourismCategory(models.TextChoices):
    NATURE = "alam", _("Nature")
    CULTURE = "budaya", _("Culture")
    MAN_MADE = "buatan", _("Man-made")
    RELIGIOUS = "religi", _("Religious")
    CULINARY = "kuliner", _("Culinary")
    AGRO = "agrowisata", _("Agritourism")


class TourismFacility(models.Model):
    """A facility an attraction may offer (parking, toilets, prayer room...)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("tourism facility")
        verbose_name_plural = _("tourism facilities")

    def __str__(self):
        return self.name


class TourismIndexPage(SectionIndexPage):
    """Wisata: the attractions of one desa."""

    default_title = _("Tourism")
    default_slug = "wisata"
    public_section = default_slug

    parent_page_types = ["desa.DesaHomePage"]
    subpage_types = ["tourism.TourismPage"]

    class Meta:
        verbose_name = _("tourism index page")
        verbose_name_plural = _("tourism index pages")


class TourismPage(ContactFields, LocationFields, DesaContentPage):
    """An attraction (wisata) of a desa."""

    category = models.CharField(
        _("category"), max_length=16, choices=TourismCategory.choices
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: every day 07.00-17.00."),
    )
    is_free = models.BooleanField(_("free entry"), default=False)
    ticket_price = models.PositiveIntegerField(
        _("ticket price (rupiah)"),
        null=True,
        blank=True,
        help_text=_("Per person. Leave empty when free or unknown."),
    )
    facilities = ParentalManyToManyField(
        TourismFacility,
        verbose_name=_("facilities"),
        blank=True,
        related_name="tourism_pages",
    )
    gallery = StreamField(GalleryImagesBlock(), verbose_name=_("gallery"), blank=True)

    content_panels = DesaContentPage.content_panels + [
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("is_free"),
                FieldPanel("ticket_price"),
                FieldPanel("facilities", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Visiting"),
        ),
        *LocationFields.location_panels,
        *ContactFields.contact_panels,
        FieldPanel("gallery"),
    ]

    search_fields = DesaContentPage.search_fields + [
        index.FilterField("category"),
        index.SearchField("address"),
    ]

    api_fields = DesaContentPage.api_fields + [
        APIField(name)
        for name in (
            "category",
            "opening_hours",
            "is_free",
            "ticket_price",
            "latitude",
            "longitude",
            "address",
            "phone",
            "email",
            "gallery",
        )
    ]

    public_section = TourismIndexPage.public_section
    search_kind = "tourism"

    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tourism page")
        verbose_name_plural = _("tourism pages")

    def clean(self):
        super().clean()
        if self.is_free and self.ticket_price:
            raise ValidationError(
                {"ticket_price": _("A free attraction has no ticket price.")}
            )
