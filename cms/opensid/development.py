"""Development projects (POST pembangunan, docs/opensid-sync.md §5.6) and
their progress reports (POST pembangunan/dokumentasi, §5.7) pushed by a desa
that still runs OpenSID.

Each project becomes a DevelopmentProjectPage under the desa's Pembangunan
index with `origin=Origin.OPENSID` and `opensid_id`, upserted by (desa,
OpenSID id); each report a ProgressReport of it, upserted by (project,
OpenSID id). A re-push of the same rows changes nothing (no new revision);
an edited row updates the same page. Pages are published through a
revision without the moderation workflow: the desa already published them
in OpenSID, and OpenSID `status` 0 keeps (or takes) a page offline.

While the desa is on OpenSID its synced pages are locked in the admin
(DevelopmentProjectPage.get_lock): OpenSID is where they are edited, and an
edit made here would be overwritten silently by the next push.

Moving to the CMS, nothing counted twice: once a moderator marks the desa
`IntegrationStatus.INTEGRATED` it writes its projects here, and pembangunan
pushes are refused (409, with a message saying so). The synced pages stay,
unlocked, as ordinary pages the desa edits here; they keep `origin` and
`opensid_id`, so a stray push from an old OpenSID could never duplicate
them, and the dashboard counts each project once.

A push is all or nothing: every row is read and checked (photos included)
before anything is written, and any row error refuses the whole file with
messages naming row and column.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cms.core.vocabulary import YEARS
from cms.desa.models import IntegrationStatus
from cms.development.models import (
    DevelopmentIndexPage,
    DevelopmentProjectPage,
    FundingSource,
    Origin,
    ProgressReport,
    ProjectType,
)

from .archive import PushArchive, Row, Table
from .photos import NotAnImage, Photo, not_an_image_message, read_photo, store_photo
from .protocol import PushRefused, PushResult, RowErrors, require_own_desa

PROJECT_COLUMNS = ("desa_id", "id", "judul", "tahun_anggaran")
PROGRESS_COLUMNS = ("desa_id", "id", "id_pembangunan", "persentase")

# sumber_dana is free text from OpenSID's list; the first keyword found wins
# (the more specific ones first).
FUNDING_KEYWORDS = (
    ("alokasi dana desa", FundingSource.ADD),
    ("add", FundingSource.ADD),
    ("dana desa", FundingSource.DANA_DESA),
    ("apbn", FundingSource.DANA_DESA),
    ("dd", FundingSource.DANA_DESA),
    ("asli desa", FundingSource.PAD),
    ("pad", FundingSource.PAD),
    ("bagi hasil", FundingSource.TAX_SHARE),
    ("provinsi", FundingSource.PROVINCE_AID),
    ("kabupaten", FundingSource.REGENCY_AID),
    ("kota", FundingSource.REGENCY_AID),
    ("hibah", FundingSource.THIRD_PARTY),
    ("pihak ketiga", FundingSource.THIRD_PARTY),
)

VOLUME = re.compile(r"^(\d{1,10}(?:[.,]\d{1,2})?)(?:\s+(\S{1,30}))?$")


def funding_source(text: str) -> str:
    words = f" {re.sub(r'[^a-z0-9]+', ' ', text.lower())} "
    for keyword, source in FUNDING_KEYWORDS:
        if f" {keyword} " in words:
            return source
    return FundingSource.OTHER


def split_volume(text: str) -> tuple[Decimal | None, str, str]:
    """(volume, unit, leftover text) from OpenSID's free-text volume: split
    only when it is exactly "<number> <unit>" ("120 m"); otherwise the text
    is kept as the unit when it fits, else in the body ("250 x 3 m")."""
    text = " ".join(text.split())
    match = VOLUME.match(text)
    if match:
        return Decimal(match[1].replace(",", ".")), match[2] or "", ""
    if len(text) <= 30:
        return None, text, ""
    return None, "", text


class BadValue(ValueError):
    """A cell that cannot be read; its message names what was expected."""


def whole_number(text: str, *, blank: int | None = 0) -> int:
    """An integer from a cell that may be empty, have spaces, a ".00"
    decimal part or thousands dots ("150.000.000")."""
    text = re.sub(r"\s+", "", text)
    if not text:
        if blank is None:
            raise BadValue(_("a value is required."))
        return blank
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 150.000.000
        text = text.replace(".", "")
    text = re.sub(r"[.,]0{1,2}$", "", text)  # 45000000.00
    if not re.fullmatch(r"\d{1,15}", text):
        raise BadValue(_("expected a whole number that is not negative."))
    return int(text)


def percent(text: str) -> int:
    try:
        value = whole_number(text.replace("%", ""), blank=None)
    except BadValue:
        value = -1
    if not 0 <= value <= 100:
        raise BadValue(_("expected a whole percentage from 0 to 100."))
    return value


def report_date(text: str) -> datetime.date:
    """created_at: YYYY-MM-DD, or a timestamp; a day ahead (OpenSID's two
    clocks, samples README finding 11) is taken as today."""
    try:
        value = datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise BadValue(_("expected a date as YYYY-MM-DD.")) from None
    today = timezone.localdate()
    if value > today + datetime.timedelta(days=1):
        raise BadValue(_("the date is in the future."))
    return min(value, today)


def shorten(text: str, length: int) -> str:
    return Truncator(" ".join(text.split())).chars(length)


@dataclass
class ProjectSpec:
    """One project row, read and checked."""

    opensid_id: int
    live: bool
    fields: dict
    body: str
    photo_name: str
    photo: Photo | None = None


@dataclass
class ReportSpec:
    opensid_id: int
    project_id: int
    fields: dict
    photo: Photo | None = None
    photo_name: str = ""
    row: int = 0


def counted(message: str, counts: Counter, received: int, rows: int) -> PushResult:
    """The result of a push: `message` is filled with the counts."""
    figures = {
        "received": received,
        "created": counts["created"],
        "updated": counts["updated"],
        "unchanged": counts["unchanged"],
    }
    return PushResult(
        message=message % figures,
        received=rows,
        created=figures["created"],
        updated=figures["updated"],
        unchanged=figures["unchanged"],
    )


# Reading a push


def refuse_if_integrated(desa) -> None:
    if desa.integration_status == IntegrationStatus.INTEGRATED:
        raise PushRefused(
            _(
                "Desa %(desa)s now writes its development projects in the "
                "kecamatan's system; OpenSID's development data is no longer "
                "received, so nothing is counted twice. Update the projects there."
            )
            % {"desa": desa.name},
            {"desa_id": [_("The desa has moved its content here.")]},
            status=409,
        )


def open_push(desa, payload) -> tuple[PushArchive, list[Row], Table]:
    """The ZIP and its data rows, after checking every desa code."""
    refuse_if_integrated(desa)
    named = payload.form.get("desa_id", "")
    if named:
        require_own_desa(named, desa, "desa_id")
    archive = PushArchive(payload.file)
    table = archive.rows()
    rows = list(table)
    return archive, rows, table


def check_desa_column(rows: list[Row], desa) -> None:
    for row in rows:
        require_own_desa(
            row["desa_id"], desa, _("row %(row)s") % {"row": row.number} + " desa_id"
        )


def read_cell(row: Row, column: str, errors: RowErrors, parse, **kwargs):
    try:
        return parse(row[column], **kwargs)
    except BadValue as error:
        errors.add(row.number, column, str(error))
        return None


def read_row_photo(row: Row, column: str, archive, errors: RowErrors):
    try:
        return read_photo(archive, row[column])
    except NotAnImage:
        errors.add(row.number, column, not_an_image_message())
        return None
    except PushRefused as refused:
        errors.add(row.number, column, refused.message)
        return None


def project_fields(row: Row, desa, errors: RowErrors) -> tuple[dict, str]:
    """The page fields of one project row, and the body's text."""
    number = row.number
    money = {
        column: read_cell(row, column, errors, whole_number)
        for column in (
            "anggaran",
            "perubahan_anggaran",
            "sumber_biaya_pemerintah",
            "sumber_biaya_provinsi",
            "sumber_biaya_kab_kota",
            "sumber_biaya_swadaya",
        )
    }
    year = read_cell(row, "tahun_anggaran", errors, whole_number, blank=None)
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        errors.add(
            number,
            "tahun_anggaran",
            _("expected a year from %(first)s to %(last)s.")
            % {"first": YEARS[0], "last": YEARS[1]},
        )
    title = shorten(row["judul"], 255)
    if not title:
        errors.add(number, "judul", _("a value is required."))
    location = shorten(row["lokasi"], 200) or desa.name
    volume, unit, volume_text = split_volume(row["volume"])
    note = " ".join(row["keterangan"].split())
    summary = shorten(note, 400) or shorten(
        _("%(title)s in %(place)s, fiscal year %(year)s.")
        % {"title": title, "place": location, "year": year},
        400,
    )
    body = "\n".join(
        part
        for part in (
            note,
            volume_text and _("Volume: %(volume)s") % {"volume": volume_text},
        )
        if part
    )
    revised = money["perubahan_anggaran"]
    return {
        "title": title,
        "location_name": location,
        "summary": summary,
        "volume": volume,
        "unit": unit,
        "fiscal_year": year,
        "executor": shorten(row["pelaksana_kegiatan"], 200),
        "funding_source": funding_source(row["sumber_dana"]),
        "budget_total": revised or money["anggaran"] or 0,
        "budget_pemerintah": money["sumber_biaya_pemerintah"] or 0,
        "budget_provinsi": money["sumber_biaya_provinsi"] or 0,
        "budget_kabupaten": money["sumber_biaya_kab_kota"] or 0,
        "budget_swadaya": money["sumber_biaya_swadaya"] or 0,
        "benefit": shorten(row["manfaat"], 1000),
        "project_type": (
            ProjectType.CONTINUING
            if row["sifat_proyek"].strip().upper() == "LANJUTAN"
            else ProjectType.NEW
        ),
    }, body


# The columns a page field comes from, to name them in a row error.
FIELD_COLUMNS = {
    "title": "judul",
    "location_name": "lokasi",
    "summary": "keterangan",
    "volume": "volume",
    "unit": "volume",
    "fiscal_year": "tahun_anggaran",
    "executor": "pelaksana_kegiatan",
    "budget_total": "anggaran",
    "benefit": "manfaat",
}


def validate_fields(row: Row, fields: dict, errors: RowErrors) -> None:
    """The model's own field checks, as a safety net, on an unsaved page."""
    page = DevelopmentProjectPage(**fields)
    exclude = [
        f.name for f in DevelopmentProjectPage._meta.fields if f.name not in fields
    ]
    try:
        page.clean_fields(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                errors.add(row.number, FIELD_COLUMNS.get(name, name), message)


MAX_ID = 2**31 - 1  # what every database stores in an id column


def record_id(text: str, *, blank: int | None = None) -> int:
    """An OpenSID row id: a whole number our id columns can hold."""
    value = whole_number(text, blank=blank)
    if value is not None and value > MAX_ID:
        raise BadValue(_("the id is too large."))
    return value


def read_project(row: Row, desa, archive, errors: RowErrors) -> ProjectSpec | None:
    before = len(errors.errors)
    opensid_id = read_cell(row, "id", errors, record_id, blank=None)
    fields, body = project_fields(row, desa, errors)
    photo = read_row_photo(row, "foto", archive, errors)
    if len(errors.errors) > before or opensid_id is None:
        return None
    validate_fields(row, fields, errors)
    status = re.sub(r"\s+", "", row["status"])
    return ProjectSpec(
        opensid_id=opensid_id,
        live=status not in ("0", "00"),
        fields=fields,
        body=body,
        photo_name=row["foto"],
        photo=photo,
    )


def read_report(row: Row, archive, errors: RowErrors) -> ReportSpec | None:
    before = len(errors.errors)
    opensid_id = read_cell(row, "id", errors, record_id, blank=None)
    project_id = read_cell(row, "id_pembangunan", errors, record_id, blank=None)
    value = read_cell(row, "persentase", errors, percent)
    date = read_cell(row, "created_at", errors, report_date)
    photo = read_row_photo(row, "gambar", archive, errors)
    if len(errors.errors) > before:
        return None
    fields = {
        "date": date,
        "percent": value,
        "note": Truncator(row["keterangan"].strip()).chars(1000),
    }
    return ReportSpec(opensid_id, project_id, fields, photo, row["gambar"], row.number)


# Storing


def development_index(desa) -> DevelopmentIndexPage:
    index = DevelopmentIndexPage.objects.child_of(desa).first()
    if index is None:
        index = DevelopmentIndexPage(
            title=str(DevelopmentIndexPage.default_title),
            slug=DevelopmentIndexPage.default_slug,
        )
        desa.add_child(instance=index)
        index.save_revision().publish()
    return index


def unique_slug(index, title: str, opensid_id: int) -> str:
    base = slugify(title)[:200] or f"proyek-{opensid_id}"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def body_blocks(text: str) -> list:
    return [
        ("paragraph", f"<p>{escape(line)}</p>") for line in text.splitlines() if line
    ]


def body_text(page) -> str:
    return "\n".join(
        re.sub(r"^<p>|</p>$", "", str(block.value.source))
        for block in page.body
        if block.block_type == "paragraph"
    )


def apply_project(page, spec: ProjectSpec, hero_image) -> bool:
    """Set the spec's values on `page`; True when something changed."""
    wanted = dict(spec.fields)
    if spec.photo is not None:
        wanted["hero_image"] = hero_image
    elif not spec.photo_name:
        wanted["hero_image"] = None
    # else: the row names a photo the ZIP lacks: keep the one stored.
    changed = any(getattr(page, name) != value for name, value in wanted.items())
    changed |= body_text(page) != "\n".join(
        escape(line) for line in spec.body.splitlines() if line
    )
    for name, value in wanted.items():
        setattr(page, name, value)
    page.body = body_blocks(spec.body)
    return changed


def publish(page, live: bool) -> None:
    """A revision, published (or the page taken offline), bypassing the
    moderation workflow: the desa published it in OpenSID already."""
    revision = page.save_revision(clean=False)
    if live:
        revision.publish()
    elif page.live:
        page.unpublish()


def store_project(index, desa, spec: ProjectSpec, existing) -> str:
    title = spec.fields["title"]
    hero = (
        store_photo(
            desa, spec.photo, _("Photo of the project %(title)s") % {"title": title}
        )
        if spec.photo
        else None
    )
    if existing is None:
        page = DevelopmentProjectPage(
            origin=Origin.OPENSID,
            opensid_id=spec.opensid_id,
            slug=unique_slug(index, title, spec.opensid_id),
            live=spec.live,
        )
        apply_project(page, spec, hero)
        index.add_child(instance=page)
        publish(page, spec.live)
        return "created"
    page = existing.get_latest_revision_as_object()
    changed = apply_project(page, spec, hero)
    if not changed and page.live == spec.live == existing.live:
        return "unchanged"
    publish(page, spec.live)
    return "updated"


def synced_projects(desa, ids) -> dict:
    pages = DevelopmentProjectPage.objects.filter(desa=desa, opensid_id__in=ids)
    return {page.opensid_id: page for page in pages}


def receive_projects(desa, payload) -> PushResult:
    archive, rows, table = open_push(desa, payload)
    table.require(*PROJECT_COLUMNS)
    check_desa_column(rows, desa)
    errors = RowErrors()
    specs = {}
    for row in rows:
        spec = read_project(row, desa, archive, errors)
        if spec is not None:
            specs[spec.opensid_id] = spec  # a repeated id: the last row wins
    errors.raise_if_any()
    if not specs:
        return PushResult(message=_("No new development projects; nothing changed."))
    index = development_index(desa)
    existing = synced_projects(desa, list(specs))
    counts = Counter(
        store_project(index, desa, spec, existing.get(opensid_id))
        for opensid_id, spec in specs.items()
    )
    return counted(
        _(
            "%(received)s development projects received: %(created)s new, "
            "%(updated)s updated, %(unchanged)s unchanged."
        ),
        counts,
        len(specs),
        len(rows),
    )


def store_reports(desa, project, reports: dict, counts: Counter) -> None:
    """Upsert `reports` (ReportSpec by OpenSID id) into one project's
    progress reports, in one revision when anything changed."""
    page = project.get_latest_revision_as_object()
    kept = list(page.progress_reports.all())
    current = {r.opensid_id: r for r in kept if r.opensid_id is not None}
    changed = False
    for spec in reports.values():
        wanted = dict(spec.fields)
        if spec.photo is not None:
            title = _("%(title)s, progress %(percent)s%%") % {
                "title": page.title,
                "percent": spec.fields["percent"],
            }
            wanted["photo_id"] = store_photo(desa, spec.photo, title).pk
        elif not spec.photo_name:
            wanted["photo_id"] = None
        report = current.get(spec.opensid_id)
        if report is None:
            kept.append(ProgressReport(opensid_id=spec.opensid_id, **wanted))
            counts["created"] += 1
        elif any(getattr(report, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(report, name, value)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
            continue
        changed = True
    if changed:
        page.progress_reports = kept
        publish(page, project.live)


def receive_progress(desa, payload) -> PushResult:
    archive, rows, table = open_push(desa, payload)
    table.require(*PROGRESS_COLUMNS)
    check_desa_column(rows, desa)
    errors = RowErrors()
    specs = [spec for row in rows if (spec := read_report(row, archive, errors))]
    projects = synced_projects(desa, {spec.project_id for spec in specs})
    for spec in specs:
        if spec.project_id not in projects:
            errors.add(
                spec.row,
                "id_pembangunan",
                _(
                    "no project with this id was received from this desa; send "
                    "the Pembangunan data first (kirim data Pembangunan dulu)."
                ),
            )
    errors.raise_if_any()
    if not specs:
        return PushResult(message=_("No new progress reports; nothing changed."))
    by_project: dict[int, dict[int, ReportSpec]] = {}
    for spec in specs:  # a repeated id: the last row wins
        by_project.setdefault(spec.project_id, {})[spec.opensid_id] = spec
    counts = Counter()
    for project_id, reports in by_project.items():
        store_reports(desa, projects[project_id], reports, counts)
    return counted(
        _(
            "%(received)s progress reports received: %(created)s new, "
            "%(updated)s updated, %(unchanged)s unchanged."
        ),
        counts,
        sum(len(reports) for reports in by_project.values()),
        len(rows),
    )
