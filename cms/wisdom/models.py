from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import GalleryImagesBlock
from cms.core.models import ContactFields, DesaContentPage, SectionIndexPage


class WisdomCategory(models.TextChoices):
    TRADITION = "tradisi", _("Traditions and ceremonies")
    ARTS = "kesenian", _("Performing arts")
    CRAFTS = "kerajinan", _("Crafts")
    CULINARY = "kuliner", _("Culinary")
    LANGUAGE = "bahasa", _("Language and stories")
    KNOWLEDGE = "pengetahuan", _("Local knowledge and farming")


class LocalWisdomIndexPage(SectionIndexPage):
    """Kearifan lokal: the traditions and knowledge of one desa."""

    default_title = _("Local wisdom")
    default_slug = "kearifan-lokal"
    public_section = default_slug

    parent_page_types = ["desa.DesaHomePage"]
    subpage_types = ["wisdom.LocalWisdomPage"]

    class Meta:
        verbose_name = _("local wisdom index page")
        verbose_name_plural = _("local wisdom index pages")


class LocalWisdomPage(ContactFields, DesaContentPage):
    """A tradition, art, craft or piece of local knowledge of a desa."""

    category = models.CharField(
        _("category"), max_length=16, choices=WisdomCategory.choices
    )
    practitioners = models.TextField(
        _("practitioners"),
        blank=True,
        max_length=1000,
        help_text=_("Who keeps this alive: groups, elders, studios."),
    )
    season_note = models.CharField(
        _("season or calendar"),
        max_length=200,
        blank=True,
        help_text=_("When it takes place, e.g. every month of Sura."),
    )
    gallery = StreamField(GalleryImagesBlock(), verbose_name=_("gallery"), blank=True)

    content_panels = DesaContentPage.content_panels + [
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("practitioners"), FieldPanel("season_note")],
            heading=_("Practice"),
        ),
        *ContactFields.contact_panels,
        FieldPanel("gallery"),
    ]

    search_fields = DesaContentPage.search_fields + [
        index.FilterField("category"),
        index.SearchField("practitioners"),
    ]

    api_fields = DesaContentPage.api_fields + [
        APIField(name)
        for name in ("category", "practitioners", "season_note", "phone", "gallery")
    ]

    public_section = LocalWisdomIndexPage.public_section
    search_kind = "wisdom"

    parent_page_types = ["wisdom.LocalWisdomIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("local wisdom page")
        verbose_name_plural = _("local wisdom pages")
