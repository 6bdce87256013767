from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cms.core.vocabulary import YEARS


class IDMStatus(models.TextChoices):
    """Status of the Indeks Desa Membangun (Permendesa PDTT 2/2016)."""

    SANGAT_TERTINGGAL = "sangat_tertinggal", _("Very underdeveloped")
    TERTINGGAL = "tertinggal", _("Underdeveloped")
    BERKEMBANG = "berkembang", _("Developing")
    MAJU = "maju", _("Advanced")
    MANDIRI = "mandiri", _("Self-reliant")


# Upper bounds (inclusive) of each status; above the last one: Mandiri.
THRESHOLDS = [
    (Decimal("0.4907"), IDMStatus.SANGAT_TERTINGGAL),
    (Decimal("0.5989"), IDMStatus.TERTINGGAL),
    (Decimal("0.7072"), IDMStatus.BERKEMBANG),
    (Decimal("0.8155"), IDMStatus.MAJU),
]


def status_for(score: Decimal) -> IDMStatus:
    """The official status of an IDM score: Sangat Tertinggal <= 0.4907 <
    Tertinggal <= 0.5989 < Berkembang <= 0.7072 < Maju <= 0.8155 < Mandiri."""
    score = Decimal(score)
    for bound, status in THRESHOLDS:
        if score <= bound:
            return status
    return IDMStatus.MANDIRI


def index_field(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )


class IDMScore(models.Model):
    """A desa's IDM for one year. The status is computed from the score,
    never typed by hand."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="idm_scores",
    )
    # The IDM was first published for 2015: no score can be older.
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2015), MaxValueValidator(YEARS[1])]
    )
    score = models.DecimalField(
        _("IDM score"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    iks = index_field(_("social resilience index (IKS)"))
    ike = index_field(_("economic resilience index (IKE)"))
    ikl = index_field(_("ecological resilience index (IKL)"))
    status = models.CharField(
        _("status"), max_length=20, choices=IDMStatus.choices, editable=False
    )
    target_status = models.CharField(
        _("target status"), max_length=20, choices=IDMStatus.choices, blank=True
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the figure comes from, e.g. the Kemendesa file name."),
    )

    panels = [
        FieldPanel("desa"),
        FieldPanel("year"),
        FieldPanel("score"),
        FieldRowPanel([FieldPanel("iks"), FieldPanel("ike"), FieldPanel("ikl")]),
        FieldPanel("target_status"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["desa__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["desa", "year"], name="one_idm_per_year")
        ]
        verbose_name = _("IDM score")
        verbose_name_plural = _("IDM scores")

    def __str__(self):
        return f"{self.desa} {self.year}: {self.score}"

    def save(self, *args, **kwargs):
        self.status = status_for(self.score)
        super().save(*args, **kwargs)
