from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Collection
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.models import ContactFields, HeadlessPage, LocationFields
from cms.core.registry import DESA
from cms.core.theme import ThemeFields

from .forms import DesaHomePageForm
from .panels import BoundaryPanel

kode_desa_validator = RegexValidator(
    r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$",
    _("A desa Kemendagri code looks like 33.04.15.2005 (NN.NN.NN.NNNN)."),
    code="invalid_kode_kemendagri",
)
kode_bps_validator = RegexValidator(
    r"^\d{10}$",
    _("A BPS village code has ten digits, e.g. 3304150014."),
    code="invalid_kode_bps",
)


IDENTITY_PERMISSION = "desa.manage_identity"


class IntegrationStatus(models.TextChoices):
    """Where a desa's content lives: here, or still in its own system (read
    through its feed until it moves)."""

    FEED = "feed", _("Via feed")
    INTEGRATED = "terintegrasi", _("Integrated")


class DesaHomePage(ThemeFields, ContactFields, LocationFields, HeadlessPage):
    """One desa. Its Kemendagri code is the identity every other part keys on;
    its title and slug follow its official name."""

    name = models.CharField(
        _("official name"),
        max_length=100,
        help_text=_("As in the Kemendagri register, e.g. Giritirta."),
    )
    kode_kemendagri = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        unique=True,
        validators=[kode_desa_validator],
        error_messages={
            "unique": _("Another desa already has this Kemendagri code."),
        },
    )
    kode_bps = models.CharField(
        _("BPS code"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[kode_bps_validator],
        error_messages={"unique": _("Another desa already has this BPS code.")},
    )
    public_domain = models.CharField(
        _("public domain"),
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        validators=[DomainNameValidator(accept_idna=False)],
        error_messages={"unique": _("Another desa already uses this domain.")},
        help_text=_("The desa website's host name, e.g. ratamba.desa.id."),
    )
    kepala_desa = models.CharField(_("kepala desa"), max_length=120, blank=True)
    visi = RichTextField(_("vision"), blank=True, features=RICH_TEXT_FEATURES)
    misi = RichTextField(_("mission"), blank=True, features=RICH_TEXT_FEATURES)
    sejarah = RichTextField(_("history"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_on = models.DateField(
        _("joined on"),
        null=True,
        blank=True,
        help_text=_("Date the desa joined the integrated system."),
    )
    integration_status = models.CharField(
        _("integration status"),
        max_length=16,
        choices=IntegrationStatus.choices,
        default=IntegrationStatus.FEED,
        help_text=_(
            "Integrated: the desa writes its content here. Via feed: its content "
            "still comes from its own website, read from its external feeds."
        ),
    )
    website = models.URLField(
        _("website"),
        max_length=300,
        blank=True,
        help_text=_("The desa's own website, often its OpenSID."),
    )
    # Set only by accepting an identity proposal from OpenSID
    # (cms/opensid/identity.py): nested arrays of [lat, lon].
    boundary = models.JSONField(_("boundary"), null=True, blank=True, editable=False)

    # Identity and integration fields are the kecamatan's to set: desa
    # editors never see them in their form.
    content_panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", permission=IDENTITY_PERMISSION),
                FieldPanel("kode_kemendagri", permission=IDENTITY_PERMISSION),
                FieldPanel("kode_bps", permission=IDENTITY_PERMISSION),
                FieldPanel("kepala_desa"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("hero_image"),
        *ThemeFields.theme_panels,
        MultiFieldPanel(
            [FieldPanel("visi"), FieldPanel("misi"), FieldPanel("sejarah")],
            heading=_("Profile"),
        ),
        *ContactFields.contact_panels,
        *LocationFields.location_panels,
        MultiFieldPanel(
            [
                FieldPanel("public_domain", permission=IDENTITY_PERMISSION),
                FieldPanel("joined_on", permission=IDENTITY_PERMISSION),
                FieldPanel("integration_status", permission=IDENTITY_PERMISSION),
                FieldPanel("website", permission=IDENTITY_PERMISSION),
                BoundaryPanel("boundary", read_only=True),
            ],
            heading=_("Integration"),
        ),
    ]
    promote_panels = []

    search_fields = HeadlessPage.search_fields + [
        index.SearchField("name"),
        index.FilterField("kode_kemendagri"),
        index.SearchField("visi"),
        index.SearchField("misi"),
        index.SearchField("sejarah"),
    ]

    api_fields = [
        APIField(name)
        for name in (
            "name",
            "kode_kemendagri",
            "kode_bps",
            "latitude",
            "longitude",
            "public_domain",
            "kepala_desa",
            "visi",
            "misi",
            "sejarah",
            "hero_image",
            "theme_color",
            "logo",
        )
    ]

    base_form_class = DesaHomePageForm
    public_home = DESA

    parent_page_types = ["kecamatan.KecamatanHomePage"]
    subpage_types = [
        "news.NewsIndexPage",
        "tourism.TourismIndexPage",
        "wisdom.LocalWisdomIndexPage",
        "development.DevelopmentIndexPage",
    ]

    class Meta:
        verbose_name = _("desa home page")
        verbose_name_plural = _("desa home pages")
        permissions = [
            (
                "manage_identity",
                _("Can change a desa's name, codes, domain and integration"),
            )
        ]

    def full_clean(self, *args, **kwargs):
        # Title and slug follow the official name: /desa/giritirta/.
        self.name = (self.name or "").strip()
        if self.name:
            self.title = self.name
            self.slug = slugify(self.name)
        self.public_domain = (self.public_domain or "").strip().lower() or None
        self.kode_bps = (self.kode_bps or "").strip() or None
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk and self.first_published_at:
            stored = (
                DesaHomePage.objects.filter(pk=self.pk)
                .values_list("kode_kemendagri", flat=True)
                .first()
            )
            if stored and stored != self.kode_kemendagri:
                raise ValidationError(
                    {
                        "kode_kemendagri": _(
                            "The Kemendagri code cannot change once the desa "
                            "has been published."
                        )
                    }
                )


class DesaRoles(models.Model):
    """What provisioning made for a desa: its editor group, its coordinator
    group and its media collection. Kept apart from the page so that page
    revisions never carry (or restore) these links."""

    desa = models.OneToOneField(
        DesaHomePage, on_delete=models.CASCADE, related_name="roles"
    )
    editor_group = models.OneToOneField(
        Group,
        null=True,
        on_delete=models.SET_NULL,
        related_name="desa_roles",
    )
    collection = models.OneToOneField(
        Collection,
        null=True,
        on_delete=models.SET_NULL,
        related_name="desa_roles",
    )
    # Edits as the editors do, and manages the accounts of the desa's editors.
    coordinator_group = models.OneToOneField(
        Group,
        null=True,
        on_delete=models.SET_NULL,
        related_name="desa_coordinated",
    )

    class Meta:
        verbose_name = _("desa roles")
        verbose_name_plural = _("desa roles")

    def __str__(self):
        return str(self.desa)
