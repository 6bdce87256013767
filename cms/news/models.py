from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.core.models import DesaContentPage, SectionIndexPage


class NewsCategory(index.Indexed, models.Model):
    """The kecamatan-managed list of news categories."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(SectionIndexPage):
    """Berita: one per desa, and the kecamatan's own newsroom."""

    default_title = _("News")
    default_slug = "berita"
    public_section = default_slug

    parent_page_types = ["kecamatan.KecamatanHomePage", "desa.DesaHomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")


class NewsPage(DesaContentPage):
    """A news item (berita) of a desa or of the kecamatan."""

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="news_pages",
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"), through=NewsPageTag, blank=True
    )

    content_panels = DesaContentPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("category"), FieldPanel("tags")],
            heading=_("Classification"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]

    search_fields = DesaContentPage.search_fields + [
        index.FilterField("date"),
        index.FilterField("category"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = DesaContentPage.api_fields + [
        APIField("date"),
        APIField("category", serializer=serializers.CharField(source="category.name")),
        APIField("tags"),
    ]

    public_section = NewsIndexPage.public_section
    search_kind = "news"

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
