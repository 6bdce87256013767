"""What an OpenSID push leaves behind: aggregate figures, never a person.

No model here has a field for a NIK, a name, a KK number, an address, a
birth date or a photo of a resident; the importers compute counts while they
read a file and drop every row at once (cms/opensid/population.py)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "simpul_"


def hash_key(plain: str) -> str:
    """Keys are long random strings: a plain SHA-256 is the right hash (a
    password hash would only slow every push)."""
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


class SyncKeyQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )

    def issue(self, desa, *, label="", created_by=None, expires_at=None, plain=None):
        """A new key for `desa`: returns (key, plain). The plain form is
        shown once and never stored. `plain` is for tests replaying captured
        requests with their own bearer string."""
        plain = plain or KEY_PREFIX + secrets.token_urlsafe(32)
        key = self.create(
            desa=desa,
            label=label,
            prefix=plain[: len(KEY_PREFIX) + 6],
            key_hash=hash_key(plain),
            created_by=created_by,
            expires_at=expires_at,
        )
        return key, plain

    def for_bearer(self, plain: str):
        """The usable key with this plain form, or None."""
        if not plain:
            return None
        return (
            self.usable()
            .select_related("desa")
            .filter(key_hash=hash_key(plain))
            .first()
        )


class SyncKey(models.Model):
    """A desa's key for the OpenSID push: it authorises writes for that desa
    only (OpenDK has one key for the whole kecamatan)."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="sync_keys",
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    prefix = models.CharField(_("key begins with"), max_length=20, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    last_used_from = models.GenericIPAddressField(
        _("last used from"), null=True, blank=True
    )

    objects = SyncKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sync key")
        verbose_name_plural = _("sync keys")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.desa})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class Module(models.TextChoices):
    """The push endpoints, named by their path under /api/v1/."""

    IDENTITY = "identitas-desa", _("Desa identity")
    RESIDENTS = "penduduk/storedata", _("Residents")
    RESIDENT_DELETIONS = "penduduk", _("Resident deletions")
    PROJECTS = "pembangunan", _("Development projects")
    PROGRESS = "pembangunan/dokumentasi", _("Development progress reports")
    AID = "program-bantuan", _("Aid programmes")
    AID_PARTICIPANTS = "program-bantuan/peserta", _("Aid participants")
    BUDGET_REPORTS = "laporan-apbdes", _("APBDes reports")
    POPULATION_REPORTS = "laporan-penduduk", _("Population reports")
    MESSAGES = "pesan", _("Messages")


class Outcome(models.TextChoices):
    SUCCESS = "berhasil", _("Succeeded")
    REFUSED = "ditolak", _("Refused")
    FAILED = "gagal", _("Failed")


class SyncPush(models.Model):
    """One request of an OpenSID push, whatever became of it. `message` is
    what OpenSID was told; it never quotes a resident's value."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="sync_pushes",
    )
    key = models.ForeignKey(
        SyncKey,
        verbose_name=_("key"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pushes",
    )
    module = models.CharField(_("module"), max_length=32, choices=Module.choices)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"))
    rows_received = models.PositiveIntegerField(_("rows received"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    message = models.TextField(_("message"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    remote_addr = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("sync push")
        verbose_name_plural = _("sync pushes")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["desa", "module", "-received_at"])]

    def __str__(self):
        return f"{self.desa} {self.module} {self.received_at:%Y-%m-%d %H:%M}"


class PopulationFigures(models.Model):
    """A desa's population in aggregate, replaced by each full push.

    `tables` maps a breakdown ("sex", "age_group", "religion", "education",
    "occupation", "marital_status") to rows {"key", "label", "count"} of
    living residents, and "status" to every resident sent by status_dasar
    (living, died, moved...). Keys are OpenSID's reference codes
    (cms/opensid/reference.py) or age bands ("0-4" ... "75+"), plus
    "lainnya" (a code not in the reference) and "tidak_diketahui" (empty).
    Small counts are kept exact here and shown as "< 5" in public
    (cms/opensid/figures.py)."""

    desa = models.OneToOneField(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="population_figures",
    )
    source = models.CharField(_("source"), max_length=20, default="opensid")
    counted_at = models.DateTimeField(_("counted at"), default=timezone.now)
    residents = models.PositiveIntegerField(_("living residents"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    tables = models.JSONField(_("tables"), default=dict)

    class Meta:
        verbose_name = _("population figures")
        verbose_name_plural = _("population figures")

    def __str__(self):
        return f"{self.desa}: {self.residents}"


class AidTarget(models.IntegerChoices):
    """OpenSID's sasaran of an aid programme."""

    RESIDENT = 1, _("Residents")
    FAMILY = 2, _("Families (KK)")
    HOUSEHOLD = 3, _("Households")
    GROUP = 4, _("Groups")


class AidProgramme(models.Model):
    """An aid programme (program bantuan) of a desa and how many take part;
    who takes part is never stored."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="aid_programmes",
    )
    opensid_id = models.PositiveIntegerField(_("OpenSID id"))
    name = models.CharField(_("name"), max_length=200)
    target = models.PositiveSmallIntegerField(
        _("target group"), choices=AidTarget.choices, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=False)
    funding_source = models.CharField(_("funding source"), max_length=60, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("aid programme")
        verbose_name_plural = _("aid programmes")
        ordering = ["desa", "-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "opensid_id"], name="opensid_aid_unique_per_desa"
            )
        ]

    def __str__(self):
        return self.name


class ReportKind(models.TextChoices):
    BUDGET = "apbdes", _("APBDes report")
    POPULATION = "penduduk", _("Population report")


class SyncedReport(models.Model):
    """A PDF report (APBDes per semester, population per month) pushed by a
    desa: a document in that desa's collection, public while the desa is."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="synced_reports",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    opensid_id = models.PositiveIntegerField(_("OpenSID id"))
    title = models.CharField(_("title"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("semester or month"),
        help_text=_("Semester (1-2) for APBDes, month (1-12) for population."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("synced report")
        verbose_name_plural = _("synced reports")
        ordering = ["desa", "kind", "-year", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "kind", "opensid_id"],
                name="opensid_report_unique_per_desa",
            )
        ]

    def __str__(self):
        return self.title


class ProposalStatus(models.TextChoices):
    PENDING = "menunggu", _("Pending")
    ACCEPTED = "diterima", _("Accepted")
    REJECTED = "ditolak", _("Rejected")


class IdentityProposal(models.Model):
    """What a desa's identity push proposes (website, boundary, what it
    calls itself); a moderator accepts it before any official field
    changes."""

    desa = models.ForeignKey(
        "desa.DesaHomePage",
        verbose_name=_("desa"),
        on_delete=models.CASCADE,
        related_name="identity_proposals",
    )
    sebutan_desa = models.CharField(_("what the desa is called"), max_length=50)
    website = models.URLField(_("website"), max_length=300, blank=True)
    boundary = models.JSONField(_("boundary"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("identity proposal")
        verbose_name_plural = _("identity proposals")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.desa} {self.received_at:%Y-%m-%d}"
