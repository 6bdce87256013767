from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Max, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.locks import BaseLock
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.core.forms import ScopedInlinePanel
from cms.core.models import DesaContentPage, LocationFields, SectionIndexPage
from cms.core.vocabulary import YEARS


class FundingSource(models.TextChoices):
    """Sumber dana, as OpenSID lists them."""

    PAD = "pad", _("Village own-source revenue (PAD)")
    DANA_DESA = "dana_desa", _("Dana Desa (APBN)")
    ADD = "add", _("Village fund allocation (ADD)")
    TAX_SHARE = "bagi_hasil", _("Tax and levy revenue sharing")
    PROVINCE_AID = "bantuan_provinsi", _("Provincial financial aid")
    REGENCY_AID = "bantuan_kabupaten", _("Regency financial aid")
    THIRD_PARTY = "hibah", _("Third-party grant")
    OTHER = "lainnya", _("Other")


class Stage(models.TextChoices):
    """Derived from the progress reports, as OpenSID does."""

    PLANNED = "rencana", _("Planned")
    IN_PROGRESS = "kegiatan", _("In progress")
    DONE = "hasil", _("Completed")


class Origin(models.TextChoices):
    """Where a project is written: here, or in the desa's own OpenSID, from
    which it is pushed (cms/opensid/development.py)."""

    HERE = "sini", _("Written here")
    OPENSID = "opensid", _("From the desa's OpenSID")


class ProjectType(models.TextChoices):
    NEW = "baru", _("New")
    CONTINUING = "lanjutan", _("Continuing")


class OpenSIDLock(BaseLock):
    """Nobody edits here what the desa's OpenSID pushes (see get_lock)."""

    def for_user(self, user):
        return True

    def get_locked_by(self, user):
        return _("OpenSID of the desa")

    def get_message(self, user):
        return _(
            "This project comes from the desa's OpenSID and is updated by its "
            "pushes: change it in OpenSID and send it again."
        )

    def get_description(self, user):
        return self.get_message(user)


def stage_for(progress: int, report_count: int) -> Stage:
    """rencana: no report yet; kegiatan: reported below 100 %; hasil: 100 %."""
    if not report_count:
        return Stage.PLANNED
    return Stage.DONE if progress >= 100 else Stage.IN_PROGRESS


class DevelopmentProjectQuerySet(PageQuerySet):
    def with_progress(self):
        """Annotate `progress_percent` (highest reported percent, 0 without
        reports) and `progress_stage`, from the published progress reports:
        the SQL twin of the `current_progress` and `stage` properties."""
        return self.annotate(
            report_count=Count("progress_reports"),
            progress_percent=Coalesce(Max("progress_reports__percent"), Value(0)),
            progress_stage=Case(
                When(report_count=0, then=Value(Stage.PLANNED)),
                When(progress_percent__gte=100, then=Value(Stage.DONE)),
                default=Value(Stage.IN_PROGRESS),
                output_field=models.CharField(),
            ),
        )


DevelopmentProjectManager = PageManager.from_queryset(DevelopmentProjectQuerySet)


class DevelopmentIndexPage(SectionIndexPage):
    """Pembangunan: the development projects of one desa."""

    default_title = _("Development")
    default_slug = "pembangunan"
    public_section = default_slug

    parent_page_types = ["desa.DesaHomePage"]
    subpage_types = ["development.DevelopmentProjectPage"]

    class Meta:
        verbose_name = _("development index page")
        verbose_name_plural = _("development index pages")


class DevelopmentProjectPage(LocationFields, DesaContentPage):
    """A development project (kegiatan pembangunan), modelled as OpenSID
    does, with its dated progress reports."""

    location_name = models.CharField(_("location"), max_length=200)
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=30, blank=True, help_text=_("m, m², unit, paket...")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])],
    )
    executor = models.CharField(
        _("executor"), max_length=200, blank=True, help_text=_("e.g. TPK Desa")
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices
    )
    budget_total = models.PositiveBigIntegerField(_("total budget (rupiah)"))
    budget_pemerintah = models.PositiveBigIntegerField(
        _("central government share (rupiah)"), default=0
    )
    budget_provinsi = models.PositiveBigIntegerField(
        _("province share (rupiah)"), default=0
    )
    budget_kabupaten = models.PositiveBigIntegerField(
        _("regency share (rupiah)"), default=0
    )
    budget_swadaya = models.PositiveBigIntegerField(
        _("community self-help share (rupiah)"), default=0
    )
    benefit = models.TextField(_("benefit"), blank=True, max_length=1000)
    duration_days = models.PositiveIntegerField(
        _("duration (days)"), null=True, blank=True
    )
    project_type = models.CharField(
        _("new or continuing"),
        max_length=10,
        choices=ProjectType.choices,
        default=ProjectType.NEW,
    )

    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.HERE,
        editable=False,
    )
    opensid_id = models.PositiveIntegerField(
        _("OpenSID id"), null=True, blank=True, editable=False
    )

    objects = DevelopmentProjectManager()

    # A copy is written here: it is no project of the desa's OpenSID (and a
    # second page with the same OpenSID id would break the upsert).
    exclude_fields_in_copy = ["origin", "opensid_id"]

    content_panels = DesaContentPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body", heading=_("Description")),
        MultiFieldPanel(
            [
                FieldPanel("location_name"),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("unit")]),
                FieldPanel("fiscal_year"),
                FieldPanel("executor"),
                FieldPanel("project_type"),
                FieldPanel("duration_days"),
                FieldPanel("benefit"),
            ],
            heading=_("Project"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("funding_source"),
                FieldPanel("budget_total"),
                FieldRowPanel(
                    [
                        FieldPanel("budget_pemerintah"),
                        FieldPanel("budget_provinsi"),
                        FieldPanel("budget_kabupaten"),
                        FieldPanel("budget_swadaya"),
                    ]
                ),
            ],
            heading=_("Budget"),
        ),
        *LocationFields.location_panels,
        ScopedInlinePanel(
            "progress_reports", heading=_("Progress reports"), label=_("Report")
        ),
    ]

    search_fields = DesaContentPage.search_fields + [
        index.SearchField("location_name"),
        index.SearchField("benefit"),
        index.FilterField("fiscal_year"),
        index.FilterField("funding_source"),
    ]

    api_fields = DesaContentPage.api_fields + [
        APIField(name)
        for name in (
            "location_name",
            "fiscal_year",
            "executor",
            "funding_source",
            "budget_total",
            "budget_pemerintah",
            "budget_provinsi",
            "budget_kabupaten",
            "budget_swadaya",
            "benefit",
            "progress_reports",
        )
    ]

    public_section = DevelopmentIndexPage.public_section
    search_kind = "development"

    parent_page_types = ["development.DevelopmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "opensid_id"],
                condition=models.Q(opensid_id__isnull=False),
                name="development_project_opensid_id_per_desa",
            )
        ]

    @property
    def budget_split_total(self) -> int:
        return (
            self.budget_pemerintah
            + self.budget_provinsi
            + self.budget_kabupaten
            + self.budget_swadaya
        )

    @property
    def current_progress(self) -> int:
        """The highest reported percent (0 before the first report)."""
        return max((r.percent for r in self.progress_reports.all()), default=0)

    @property
    def stage(self) -> Stage:
        return stage_for(self.current_progress, len(self.progress_reports.all()))

    def get_lock(self):
        """A project pushed by the desa's OpenSID is locked while the desa is
        on OpenSID: it is edited there, and the next push would overwrite an
        edit made here. Once the desa is integrated the lock is gone and the
        page is an ordinary one (cms/opensid/development.py)."""
        if self.origin == Origin.OPENSID and self.desa_id:
            from cms.desa.models import DesaHomePage, IntegrationStatus

            status = (
                DesaHomePage.objects.filter(pk=self.desa_id)
                .values_list("integration_status", flat=True)
                .first()
            )
            if status != IntegrationStatus.INTEGRATED:
                return OpenSIDLock(self)
        return super().get_lock()

    def clean(self):
        super().clean()
        split = self.budget_split_total
        # OpenSID does not tie its shares to the budget (its sumber biaya
        # often add swadaya on top): a synced project keeps them as sent.
        if self.origin == Origin.OPENSID:
            return
        if split and self.budget_total is not None and split != self.budget_total:
            raise ValidationError(
                {
                    "budget_total": _(
                        "The shares by source add up to %(split)s rupiah, but the "
                        "total budget is %(total)s rupiah."
                    )
                    % {"split": f"{split:,}", "total": f"{self.budget_total:,}"}
                }
            )


class ProgressReport(Orderable):
    """A dated progress report (laporan progres) with its photo."""

    page = ParentalKey(
        DevelopmentProjectPage,
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    opensid_id = models.PositiveIntegerField(
        _("OpenSID id"), null=True, blank=True, editable=False
    )

    api_fields = [APIField("date"), APIField("percent"), APIField("note")]

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("percent")]),
        FieldPanel("photo"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("A progress report cannot be dated in the future.")}
            )
