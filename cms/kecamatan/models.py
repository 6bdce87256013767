from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.models import ContactFields, HeadlessPage
from cms.core.theme import ThemeFields
from cms.core.vocabulary import KECAMATAN

kode_kecamatan_validator = RegexValidator(
    r"^\d{2}\.\d{2}\.\d{2}$",
    _("A kecamatan Kemendagri code looks like 33.04.15 (NN.NN.NN)."),
)


class KecamatanHomePage(ThemeFields, ContactFields, HeadlessPage):
    """The kecamatan: root of the single Wagtail site, parent of every desa."""

    name = models.CharField(_("name"), max_length=100)
    kode_kemendagri = models.CharField(
        _("Kemendagri code"),
        max_length=8,
        unique=True,
        validators=[kode_kecamatan_validator],
        help_text=_("Region code from Kemendagri, e.g. 33.04.15."),
    )
    camat = models.CharField(_("camat"), max_length=120, blank=True)
    profile = RichTextField(_("short profile"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    office_hours = models.CharField(
        _("office hours"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Senin-Kamis 07.30-15.30, Jumat 07.30-11.00."),
    )

    content_panels = HeadlessPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kode_kemendagri"), FieldPanel("camat")],
            heading=_("Identity"),
        ),
        FieldPanel("profile"),
        FieldPanel("hero_image"),
        *ThemeFields.theme_panels,
        MultiFieldPanel(
            [
                *ContactFields.contact_panels[0].children,
                FieldPanel("office_hours"),
            ],
            heading=_("Office contact"),
        ),
    ]

    search_fields = HeadlessPage.search_fields + [index.SearchField("profile")]

    api_fields = [
        APIField(name)
        for name in (
            "name",
            "kode_kemendagri",
            "camat",
            "profile",
            "address",
            "phone",
            "email",
            "hero_image",
            "office_hours",
            "theme_color",
            "logo",
        )
    ]

    public_home = KECAMATAN

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["desa.DesaHomePage", "news.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("kecamatan home page")
        verbose_name_plural = _("kecamatan home pages")
