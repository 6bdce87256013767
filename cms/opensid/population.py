"""Residents pushed by OpenSID, kept only as aggregate figures.

POST penduduk/storedata (docs/opensid-sync.md §5.2) brings a ZIP holding an
XLSX of every resident of the desa (42 columns: NIK, name, KK, addresses,
birth date, parents, photo name, ...) and the residents' `kecil_*` photos.
Privacy by design: the rows are read one at a time from the XLSX inside the
upload (openpyxl read-only, nothing extracted to disk, the photos never
opened), each row adds one to a handful of counters keyed by reference codes
and age bands, and is dropped at once. Only the counts reach the database
(PopulationFigures); no message or log quotes a cell.

POST penduduk (§5.3) lists residents deleted in OpenSID. Since every
storedata push is the full list of the desa's current residents and nothing
per person is kept here, a deletion is honoured by the figures of the next
full push: the deleted resident is simply no longer in it. The list is
checked (own desa, integer ids) and acknowledged.
"""

from collections import Counter
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from . import reference
from .archive import PushArchive
from .codes import normalise_kode
from .models import PopulationFigures
from .protocol import PushRefused, PushResult, RowErrors, require_own_desa

OTHER = "lainnya"  # a code OpenSID's reference table does not have
UNKNOWN = "tidak_diketahui"  # an empty cell, an unreadable birth date

# breakdown -> (column, labels of its codes, whether every code is listed
# even at zero). Occupations list only those someone has: 89 codes.
BREAKDOWNS = {
    "sex": ("jenis_kelamin", reference.SEX, True),
    "religion": ("agama", reference.RELIGION, True),
    "education": ("pendidikan_dlm_kk", reference.EDUCATION, True),
    "occupation": ("pekerjaan", reference.OCCUPATION, False),
    "marital_status": ("kawin", reference.MARITAL_STATUS, True),
}
BAND_YEARS = 5
LAST_BAND = 75  # 75 and older
MAX_AGE = 130

REQUIRED = (
    "id",
    "desa_id",
    "status_dasar",
    "tanggal_lahir",
    "hubungan_keluarga",
    *(column for column, _labels, _full in BREAKDOWNS.values()),
)


def code_of(text: str) -> int | None:
    """A reference code as an int; None when the cell is not a number."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return int(text)
    return None


def code_key(text: str, labels: dict) -> str:
    if not text.strip():
        return UNKNOWN
    code = code_of(text)
    return str(code) if code in labels else OTHER


def age_on(birth: str, today: date) -> int | None:
    """Age in whole years on `today`; None when the date is missing,
    unreadable or impossible."""
    try:
        born = date.fromisoformat(birth.strip()[:10])
    except ValueError:
        return None
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age if 0 <= age <= MAX_AGE else None


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    start = min(age // BAND_YEARS * BAND_YEARS, LAST_BAND)
    return f"{start}+" if start == LAST_BAND else f"{start}-{start + BAND_YEARS - 1}"


def age_bands() -> list[str]:
    return [age_band(start) for start in range(0, LAST_BAND + 1, BAND_YEARS)]


def fallback_label(key: str) -> str:
    return _("Unknown") if key == UNKNOWN else _("Other code")


class PopulationCount:
    """Counters filled one row at a time; holds no cell of any row."""

    def __init__(self, today: date):
        self.today = today
        self.rows = 0
        self.residents = 0
        self.households = 0
        self.counters = {name: Counter() for name in [*BREAKDOWNS, "age_group"]}
        self.status = Counter()

    def add(self, cells: dict) -> None:
        """Count one valid row: `cells` maps a column to its text."""
        status = code_of(cells["status_dasar"])
        self.rows += 1
        self.status[code_key(cells["status_dasar"], reference.STATUS)] += 1
        if status != reference.ALIVE:
            return
        self.residents += 1
        if code_of(cells["hubungan_keluarga"]) == reference.HEAD_OF_FAMILY:
            self.households += 1
        for name, (column, labels, _full) in BREAKDOWNS.items():
            self.counters[name][code_key(cells[column], labels)] += 1
        age = age_on(cells["tanggal_lahir"], self.today)
        self.counters["age_group"][age_band(age)] += 1

    def tables(self) -> dict:
        tables = {
            name: _rows(self.counters[name], labels, full)
            for name, (_column, labels, full) in BREAKDOWNS.items()
        }
        tables["age_group"] = _rows(
            self.counters["age_group"],
            {band: band.replace("-", "–") for band in age_bands()},
            True,
        )
        tables["status"] = _rows(self.status, reference.STATUS, False)
        return tables


def _rows(counter: Counter, labels: dict, full: bool) -> list[dict]:
    """Rows {"key", "label", "count"} in the reference order, then other
    and unknown codes when someone has them."""
    rows = [
        {"key": str(code), "label": label, "count": counter.get(str(code), 0)}
        for code, label in labels.items()
        if full or counter.get(str(code))
    ]
    for key in (OTHER, UNKNOWN):
        if counter.get(key):
            rows.append(
                {"key": key, "label": fallback_label(key), "count": counter[key]}
            )
    return rows


def _check_row(row, column, desa, errors: RowErrors, seen: set) -> dict | None:
    """The cells this module reads, or None for a row that is skipped (a
    repeated id) or wrong (an error is collected). Messages name the row
    and the column, never a value."""
    if not row.get("desa_id") and code_of(row.get("id")) is None:
        return None  # a newer OpenSID's placeholder row of an empty export
    kode = normalise_kode(row.get("desa_id"))
    if kode is None:
        errors.add(row.number, "desa_id", _("not a desa code"))
        return None
    if kode != desa.kode_kemendagri:
        require_own_desa(kode, desa, "desa_id")
    cells = {name: row.values[i] if i < len(row.values) else "" for name, i in column}
    resident_id = code_of(cells["id"])
    if resident_id is None:
        errors.add(row.number, "id", _("not a whole number"))
        return None
    if code_of(cells["status_dasar"]) is None:
        errors.add(row.number, "status_dasar", _("not a status code"))
        return None
    if resident_id in seen:  # the same resident twice counts once
        return None
    seen.add(resident_id)
    return cells


def count_residents(table, desa, today: date) -> PopulationCount:
    """Read every row of `table` once, keeping only counts."""
    table.require(*REQUIRED)
    column = [(name, table.header.index(name)) for name in REQUIRED]
    count = PopulationCount(today)
    errors = RowErrors()
    seen: set[int] = set()  # OpenSID's row ids, no personal value
    for row in table:
        cells = _check_row(row, column, desa, errors, seen)
        if cells is not None and not errors.errors:
            count.add(cells)
    errors.raise_if_any()
    return count


def push_date() -> date:
    """The day ages are counted on: the day of the push, in the desa's
    time zone (Asia/Jakarta)."""
    return timezone.localdate()


def receive_residents(desa, payload) -> PushResult:
    """POST penduduk/storedata: replace the desa's population figures with
    those of this full list of residents. The ZIP's photos are never read,
    and its desa is known only from each row's `desa_id` (no multipart
    field)."""
    table = PushArchive(payload.file).rows((".xlsx", ".csv"))
    count = count_residents(table, desa, push_date())
    _figures, created = PopulationFigures.objects.update_or_create(
        desa=desa,
        defaults={
            "source": "opensid",
            "counted_at": timezone.now(),
            "residents": count.residents,
            "households": count.households,
            "tables": count.tables(),
        },
    )
    message = _(
        "Received %(rows)s residents: %(residents)s living in %(households)s "
        "households. Only these figures are kept, no personal data."
    ) % {
        "rows": count.rows,
        "residents": count.residents,
        "households": count.households,
    }
    return PushResult(
        message=message,
        received=count.rows,
        created=int(created),
        updated=int(not created),
    )


def _deletion_errors(items: list, desa) -> dict:
    errors: dict = {}
    for number, item in enumerate(items, start=1):
        where = f"hapus_penduduk.{number}"
        if not isinstance(item, dict):
            errors[where] = [_("Expected an object.")]
            continue
        kode = normalise_kode(item.get("desa_id"))
        if kode is None:
            errors[where] = [_("desa_id: not a desa code")]
        elif kode != desa.kode_kemendagri:
            require_own_desa(kode, desa, where + ".desa_id")
        ident = item.get("id_pend_desa")
        if (
            isinstance(ident, bool)
            or code_of(str(ident if ident is not None else "")) is None
        ):
            errors.setdefault(where, []).append(_("id_pend_desa: not a whole number"))
        if len(errors) >= RowErrors.limit:
            break
    return errors


def receive_deletions(desa, payload) -> PushResult:
    """POST penduduk: residents deleted in OpenSID.

    Nothing per person is kept here, and every storedata push is the full
    list of the desa's current residents, so a deletion is honoured by the
    next full push (OpenSID sends this list right after it, in the same
    click). The list is checked and acknowledged; v2410 always sends it
    empty (samples README, finding 2)."""
    items = (payload.json or {}).get("hapus_penduduk")
    if not isinstance(items, list):
        raise PushRefused(
            _("The body has no list hapus_penduduk."),
            {"hapus_penduduk": [_("Expected a list.")]},
        )
    errors = _deletion_errors(items, desa)
    if errors:
        raise PushRefused(_("The deletion list has errors; nothing was done."), errors)
    message = _(
        "Received %(count)s resident deletions. The population figures hold no "
        "one by name and follow each full resident push, so deleted residents "
        "leave them with the next push."
    ) % {"count": len(items)}
    return PushResult(message=message, received=len(items), unchanged=len(items))
