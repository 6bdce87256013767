"""PDF reports pushed by OpenSID: laporan APBDes (per semester) and laporan
penduduk (per month), docs/opensid-sync.md §5.8-5.9.

Each report becomes a Wagtail document in the desa's own collection, kept
by (desa, kind, OpenSID id) in a SyncedReport: public while the desa is
(cms/opensid/visibility.py). The whole request is checked before any file
is written, so a bad item refuses the push with nothing stored; a file
written for a push that then fails is removed again, and a file replaced by
a new version is removed only once the change is committed.
"""

import base64
import binascii
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from .models import ReportKind, SyncedReport
from .protocol import PushRefused, PushResult, require_own_desa

# Per file; the whole request is bounded by OPENSID_MAX_REQUEST_BYTES.
DEFAULT_MAX_REPORT_BYTES = 20 * 2**20
MAX_REPORTS_PER_PUSH = 50
FIRST_YEAR = 1990
PDF_MAGIC = b"%PDF-"
# A PDF ends with %%EOF; readers allow a little trailing garbage after it.
PDF_TAIL = 1024


@dataclass(frozen=True)
class ReportSpec:
    """What tells the two report endpoints apart."""

    kind: str
    list_key: str
    period_key: str
    periods: range


BUDGET = ReportSpec(ReportKind.BUDGET, "laporan_apbdes", "semester", range(1, 3))
POPULATION = ReportSpec(
    ReportKind.POPULATION, "laporan_penduduk", "bulan", range(1, 13)
)


@dataclass
class Report:
    """One checked item, its PDF decoded."""

    opensid_id: int
    title: str
    year: int
    period: int
    content: bytes

    @property
    def sha1(self) -> str:
        # The hash Wagtail keeps in Document.file_hash.
        return hashlib.sha1(self.content, usedforsecurity=False).hexdigest()


def receive_budget_reports(desa, payload) -> PushResult:
    return receive(desa, payload, BUDGET)


def receive_population_reports(desa, payload) -> PushResult:
    return receive(desa, payload, POPULATION)


def receive(desa, payload, spec: ReportSpec) -> PushResult:
    document = payload.json or {}
    require_own_desa(document.get("desa_id"), desa, "desa_id")
    reports = checked_reports(document.get(spec.list_key), spec)
    result = PushResult(message=success_message(spec, len(reports)))
    result.received = len(reports)
    written = []
    try:
        for report in reports:
            store(desa, spec, report, result, written)
    except BaseException:
        # Rolled back: the files written so far belong to nothing.
        for storage, name in written:
            storage.delete(name)
        raise
    return result


def success_message(spec: ReportSpec, count: int) -> str:
    if spec is BUDGET:
        return _("%(count)s APBDes report(s) received.") % {"count": count}
    return _("%(count)s population report(s) received.") % {"count": count}


# Checking


def checked_reports(items, spec: ReportSpec) -> list[Report]:
    """Every item checked, or PushRefused naming each bad item and field."""
    if not isinstance(items, list):
        raise PushRefused(
            _("The body has no list %(key)s.") % {"key": spec.list_key},
            {spec.list_key: [_("Expected a list of reports.")]},
        )
    if len(items) > MAX_REPORTS_PER_PUSH:
        raise PushRefused(
            _("Too many reports in one push (at most %(limit)s).")
            % {"limit": MAX_REPORTS_PER_PUSH},
            {spec.list_key: [_("Send fewer reports at a time.")]},
        )
    errors, reports, seen = {}, [], set()
    for number, item in enumerate(items, start=1):
        report, problems = check_item(item, spec)
        if report is not None and report.opensid_id in seen:
            problems.append(("id", _("The same id appears twice in this push.")))
        if problems:
            label = _("report %(number)s") % {"number": number}
            errors[label] = [f"{field}: {message}" for field, message in problems]
        else:
            seen.add(report.opensid_id)
            reports.append(report)
    if errors:
        raise PushRefused(_("Some reports are not valid; nothing was stored."), errors)
    return reports


def check_item(item, spec: ReportSpec) -> tuple[Report | None, list]:
    """The item as a Report (None when it is not valid) and its problems as
    (field, message) pairs."""
    if not isinstance(item, dict):
        return None, [("laporan", _("Expected an object."))]
    problems = []
    opensid_id = whole_number(item.get("id"))
    if opensid_id is None or opensid_id < 1:
        problems.append(("id", _("Expected a positive whole number.")))
    title = item.get("judul")
    title = title.strip() if isinstance(title, str) else ""
    if not title:
        problems.append(("judul", _("The title is missing.")))
    elif len(title) > 255:
        problems.append(("judul", _("At most 255 characters.")))
    year = whole_number(item.get("tahun"))
    last_year = timezone.localdate().year + 1
    if year is None or not FIRST_YEAR <= year <= last_year:
        problems.append(
            (
                "tahun",
                _("Expected a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": last_year},
            )
        )
    period = whole_number(item.get(spec.period_key))
    if period not in spec.periods:
        problems.append(
            (
                spec.period_key,
                _("Expected a whole number from %(first)s to %(last)s.")
                % {"first": spec.periods[0], "last": spec.periods[-1]},
            )
        )
    content, problem = decoded_pdf(item.get("file"))
    if problem:
        problems.append(("file", problem))
    if problems:
        return None, problems
    return Report(opensid_id, title, year, period, content), []


def whole_number(value) -> int | None:
    """An int, or digits in a string (newer OpenSID may send either)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, int) and value <= 2**31 - 1:  # what an id column holds
        return value
    return None


def max_bytes() -> int:
    return getattr(settings, "OPENSID_MAX_REPORT_BYTES", DEFAULT_MAX_REPORT_BYTES)


def max_mb() -> str:
    return f"{max_bytes() / 2**20:g}"


def decoded_pdf(value) -> tuple[bytes | None, str | None]:
    """The PDF's bytes, or a message saying what is wrong. A light check
    (no PDF library is installed): the %PDF- header and an %%EOF near the
    end, which also catches a file cut short in transit."""
    if not isinstance(value, str) or not value.strip():
        return None, _("The file (base64) is missing.")
    text = "".join(value.split())
    if len(text) // 4 * 3 > max_bytes() + 2:
        return None, _("The file is larger than %(mb)s MB.") % {"mb": max_mb()}
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None, _("Not valid base64.")
    if len(content) > max_bytes():
        return None, _("The file is larger than %(mb)s MB.") % {"mb": max_mb()}
    if not content.startswith(PDF_MAGIC):
        return None, _("Not a PDF file.")
    if b"%%EOF" not in content[-PDF_TAIL:]:
        return None, _("The PDF file is incomplete.")
    return content, None


# Storing


def file_name(desa, spec: ReportSpec, report: Report) -> str:
    """As OpenDK names them, with the desa's code in 10 digits first so that
    two desa's reports never share a name."""
    kode = desa.kode_kemendagri.replace(".", "")
    return f"{kode}_{spec.list_key}_{report.period}_{report.year}.pdf"


def desa_collection(desa):
    from cms.desa.roles import provision_desa

    roles = getattr(desa, "roles", None)
    if roles is None or roles.collection_id is None:
        roles = provision_desa(desa)
    return roles.collection


def store(desa, spec: ReportSpec, report: Report, result: PushResult, written) -> None:
    """Upsert one report: a new document, new details only, or a new file."""
    existing = (
        SyncedReport.objects.select_for_update()
        .select_related("document")
        .filter(desa=desa, kind=spec.kind, opensid_id=report.opensid_id)
        .first()
    )
    if existing is None:
        document = new_document(desa, spec, report, written)
        SyncedReport.objects.create(
            desa=desa,
            kind=spec.kind,
            opensid_id=report.opensid_id,
            title=report.title,
            year=report.year,
            period=report.period,
            document=document,
        )
        result.created += 1
        return
    details = (report.title, report.year, report.period)
    same_details = details == (existing.title, existing.year, existing.period)
    same_file = existing.document.file_hash == report.sha1
    if same_details and same_file:
        result.unchanged += 1
        return
    if not same_file:
        replace_file(existing.document, desa, spec, report, written)
    if existing.document.title != report.title:
        existing.document.title = report.title
        existing.document.save(update_fields=["title"])
    existing.title, existing.year, existing.period = details
    existing.received_at = timezone.now()
    existing.save(update_fields=["title", "year", "period", "received_at"])
    result.updated += 1


def new_document(desa, spec: ReportSpec, report: Report, written):
    document = get_document_model()(
        title=report.title, collection=desa_collection(desa)
    )
    attach(document, desa, spec, report, written)
    document.save()
    return document


def replace_file(document, desa, spec: ReportSpec, report: Report, written) -> None:
    old = document.file
    old_storage, old_name = old.storage, old.name
    attach(document, desa, spec, report, written)
    document.save(update_fields=["file", "file_size", "file_hash"])
    # Only once the new version is committed: a rollback keeps the old one.
    transaction.on_commit(lambda: old_storage.delete(old_name))


def attach(document, desa, spec: ReportSpec, report: Report, written) -> None:
    """Write the PDF to storage as the document's file."""
    document.file.save(
        file_name(desa, spec, report), ContentFile(report.content), save=False
    )
    written.append((document.file.storage, document.file.name))
    document.file_size = len(report.content)
    document.file_hash = report.sha1
