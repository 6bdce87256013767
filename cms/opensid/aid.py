"""Aid programmes (program bantuan) pushed by OpenSID, and how many take
part in each; who takes part is never stored.

POST program-bantuan (docs/opensid-sync.md §5.4) is the desa's full list of
programmes: it replaces the desa's AidProgramme rows (upsert by OpenSID id,
the others deleted). Three layouts arrive, told apart by the header and the
row's length:

- v2409-v2410 CSV: the header has 9 names but every row 10 values; the
  unnamed one is `userid` (always empty), so `status` ('1' or empty) is the
  9th value and the asal dana the 10th (samples README, finding 6);
- up to v2407: the same with `userid` named in the header (aligned);
- newer: an XLSX with the 9 names aligned, `status` 1 or 0.

POST program-bantuan/peserta (§5.5) is the full list of participants: only
their number per programme is kept. The personal columns (peserta: a NIK or
a KK number, kartu_nik, kartu_nama, kartu_tempat_lahir, kartu_tanggal_lahir,
kartu_alamat, no_id_kartu, kartu_id_pend) are never read.
"""

import html
from collections import Counter
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.generation import new_generation

from .archive import PushArchive
from .codes import normalise_kode
from .models import AidProgramme, AidTarget
from .population import code_of
from .protocol import PushResult, RowErrors, require_own_desa

FIELDS = (
    "name",
    "target",
    "description",
    "start_date",
    "end_date",
    "active",
    "funding_source",
)
NO_DATE = {"", "0000-00-00"}
TRUE = {"1", "true", "ya"}


def check_form_desa(payload, desa) -> None:
    """The multipart `desa_id` part, when sent, names the key's desa."""
    if payload.form.get("desa_id") is not None:
        require_own_desa(payload.form.get("desa_id"), desa, "desa_id")


def own_row(row, desa, errors: RowErrors) -> bool:
    """Whether the row's desa_id is the key's desa (another desa's code
    refuses the whole push at once)."""
    kode = normalise_kode(row["desa_id"])
    if kode is None:
        errors.add(row.number, "desa_id", _("not a desa code"))
        return False
    if kode != desa.kode_kemendagri:
        require_own_desa(kode, desa, "desa_id")
    return True


def is_placeholder(row) -> bool:
    """Newer OpenSID may write one placeholder row without desa_id when it
    has nothing to send (docs/opensid-sync.md §9.17)."""
    return not row["desa_id"] and code_of(row["id"]) is None


def aligned(row) -> dict:
    """The row by column name, the v2410 misalignment undone: a row one
    value longer than a header without `userid` has it before `status`."""
    header = row.header
    shifted = "userid" not in header and "status" in header
    if shifted and len(row.values) == len(header) + 1:
        at = header.index("status")
        header = [*header[:at], "userid", *header[at:]]
    return {name: row.values[i] for i, name in enumerate(header) if i < len(row.values)}


def parse_date(text: str, number: int, column: str, errors: RowErrors):
    text = text.strip()[:10]
    if text in NO_DATE:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.add(number, column, _("not a date (YYYY-MM-DD)"))
        return None


def parse_programme(row, errors: RowErrors) -> tuple[int, dict] | None:
    """(OpenSID id, field values) of one programme row, or None."""
    cells = aligned(row)
    ident = code_of(cells.get("id", ""))
    if ident is None:
        errors.add(row.number, "id", _("not a whole number"))
        return None
    name = html.unescape(cells.get("nama", "")).strip()
    if not name:
        errors.add(row.number, "nama", _("empty"))
        return None
    target = code_of(cells.get("sasaran", ""))
    return ident, {
        "name": name[:200],
        "target": target if target in AidTarget.values else None,
        "description": html.unescape(cells.get("ndesc", "")).strip(),
        "start_date": parse_date(cells.get("sdate", ""), row.number, "sdate", errors),
        "end_date": parse_date(cells.get("edate", ""), row.number, "edate", errors),
        "active": cells.get("status", "").strip().lower() in TRUE,
        "funding_source": html.unescape(cells.get("asaldana", "")).strip()[:60],
    }


def read_programmes(table, desa) -> dict[int, dict]:
    table.require("desa_id", "id", "nama")
    errors = RowErrors()
    programmes: dict[int, dict] = {}
    for row in table:
        if is_placeholder(row) or not own_row(row, desa, errors):
            continue
        parsed = parse_programme(row, errors)
        if parsed is not None:
            ident, values = parsed
            programmes[ident] = values  # a repeated id: the last one wins
    errors.raise_if_any()
    return programmes


def store_programmes(desa, programmes: dict[int, dict]) -> PushResult:
    existing = {p.opensid_id: p for p in AidProgramme.objects.filter(desa=desa)}
    gone = [p.pk for ident, p in existing.items() if ident not in programmes]
    new, changed, unchanged = [], [], 0
    now = timezone.now()
    for ident, values in programmes.items():
        programme = existing.get(ident)
        if programme is None:
            new.append(AidProgramme(desa=desa, opensid_id=ident, **values))
        elif any(getattr(programme, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(programme, field, value)
            programme.received_at = now
            changed.append(programme)
        else:
            unchanged += 1
    AidProgramme.objects.filter(pk__in=gone).delete()
    AidProgramme.objects.bulk_create(new)
    AidProgramme.objects.bulk_update(changed, [*FIELDS, "received_at"])
    if gone or new or changed:
        new_generation()
    message = _(
        "Received %(count)s aid programmes: %(created)s new, %(updated)s changed, "
        "%(deleted)s no longer sent and removed."
    ) % {
        "count": len(programmes),
        "created": len(new),
        "updated": len(changed),
        "deleted": len(gone),
    }
    return PushResult(
        message=message,
        received=len(programmes),
        created=len(new),
        updated=len(changed),
        unchanged=unchanged,
    )


def receive_programmes(desa, payload) -> PushResult:
    """POST program-bantuan: the desa's programmes, replaced as a whole.
    A programme kept keeps its number of participants until the participant
    push that OpenSID sends right after."""
    check_form_desa(payload, desa)
    table = PushArchive(payload.file).rows((".csv", ".xlsx"))
    return store_programmes(desa, read_programmes(table, desa))


def count_participants(table, desa, known: set[int]) -> Counter:
    """Participants per programme id. A participant is counted once by its
    OpenSID row id; nothing else of the row is looked at."""
    table.require("desa_id", "program_id")
    errors = RowErrors()
    counts: Counter = Counter()
    seen: set[tuple[int, int]] = set()
    for row in table:
        if is_placeholder(row) or not own_row(row, desa, errors):
            continue
        programme = code_of(row["program_id"])
        if programme is None or programme not in known:
            errors.add(row.number, "program_id", _("no such aid programme"))
            continue
        ident = code_of(row["id"])
        if ident is not None:
            if (programme, ident) in seen:
                continue
            seen.add((programme, ident))
        counts[programme] += 1
    errors.raise_if_any()
    return counts


def receive_participants(desa, payload) -> PushResult:
    """POST program-bantuan/peserta: the number of participants of each of
    the desa's programmes, replaced as a whole (a programme nobody is sent
    for has none)."""
    check_form_desa(payload, desa)
    programmes = list(AidProgramme.objects.filter(desa=desa))
    table = PushArchive(payload.file).rows((".csv", ".xlsx"))
    counts = count_participants(table, desa, {p.opensid_id for p in programmes})
    changed = []
    for programme in programmes:
        number = counts.get(programme.opensid_id, 0)
        if programme.participants != number:
            programme.participants = number
            changed.append(programme)
    AidProgramme.objects.bulk_update(changed, ["participants"])
    if changed:
        new_generation()
    total = sum(counts.values())
    message = _(
        "Received %(count)s aid participants in %(programmes)s programmes. Only "
        "their number is kept, no personal data."
    ) % {"count": total, "programmes": len(counts)}
    return PushResult(
        message=message,
        received=total,
        updated=len(changed),
        unchanged=len(programmes) - len(changed),
    )
