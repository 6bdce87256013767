"""Reading what OpenSID uploads: a flat ZIP holding one data file (CSV or
XLSX) and photos, safely.

- The ZIP itself is at most OPENSID_MAX_ZIP_BYTES; it has at most
  MAX_ENTRIES entries, each at most MAX_ENTRY_BYTES uncompressed and all
  together at most MAX_TOTAL_BYTES (declared sizes, which Python's zipfile
  also enforces while inflating: a zip bomb is refused before a byte of it is
  inflated). An XLSX, itself a ZIP, gets the same check.
- Entry names are bare file names: a folder, "..", an absolute path or a
  drive letter refuses the whole upload.
- Nothing is extracted to disk: entries are read into memory, bounded, and
  dropped with the request.
- Rows are read by their header's names (a BOM, extra or missing columns, a
  row longer than its header, numbers as text and empty cells all come as
  they are documented in docs/opensid-sync.md).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from .protocol import PushRefused

MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 50 * 2**20
MAX_TOTAL_BYTES = 200 * 2**20
MAX_PHOTO_BYTES = 15 * 2**20
MAX_ROWS = 200_000
MAX_DATA_BYTES = 25 * 2**20  # a data file: 10,000 residents are 1.8 MB of XLSX
# Columns read of any row: OpenSID's widest file has 42. A sheet declaring
# (or a row reaching) column XFD is read no wider than this.
MAX_COLUMNS = 64

_UNSAFE_NAME = re.compile(r"[/\\]|^\.\.?$|^[A-Za-z]:|\x00")


def _refuse(message: str) -> PushRefused:
    return PushRefused(message, {"file": [message]})


def _check_entries(archive: zipfile.ZipFile, what: str) -> list[zipfile.ZipInfo]:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise _refuse(
            _("The %(what)s holds more than %(max)s files.")
            % {"what": what, "max": MAX_ENTRIES}
        )
    total = 0
    for entry in entries:
        if entry.file_size > MAX_ENTRY_BYTES:
            raise _refuse(
                _("A file in the %(what)s is larger than %(mb)s MB unpacked.")
                % {"what": what, "mb": MAX_ENTRY_BYTES // 2**20}
            )
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(
            _("The %(what)s unpacks to more than %(mb)s MB.")
            % {"what": what, "mb": MAX_TOTAL_BYTES // 2**20}
        )
    return entries


class PushArchive:
    """The ZIP of one push, opened from the upload without extracting it."""

    def __init__(self, upload):
        if upload.size is not None and upload.size > settings.OPENSID_MAX_ZIP_BYTES:
            raise _refuse(
                _("The ZIP is larger than %(mb)s MB.")
                % {"mb": settings.OPENSID_MAX_ZIP_BYTES // 2**20}
            )
        try:
            upload.seek(0)
            self._zip = zipfile.ZipFile(upload)
            entries = _check_entries(self._zip, _("ZIP"))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
            raise _refuse(_("The file is not a valid ZIP archive.")) from None
        for entry in entries:
            if entry.is_dir() or _UNSAFE_NAME.search(entry.filename):
                raise _refuse(
                    _(
                        "The ZIP holds a folder or a path (%(name)s); OpenSID puts "
                        "every file at its root."
                    )
                    % {"name": entry.filename[:80]}
                )
        self._entries = {entry.filename: entry for entry in entries}

    @property
    def names(self) -> list[str]:
        return list(self._entries)

    def data_file(self, extensions: tuple[str, ...]) -> str:
        """The name of the first entry ending with one of `extensions` (the
        data file is found by its extension, never by the ZIP's name)."""
        for name in self._entries:
            if name.lower().endswith(extensions):
                return name
        raise _refuse(
            _("The ZIP holds no data file (%(ext)s).") % {"ext": ", ".join(extensions)}
        )

    def read(self, name: str, limit: int = MAX_ENTRY_BYTES) -> bytes:
        entry = self._entries[name]
        if entry.file_size > limit:
            raise _refuse(
                _("%(name)s is larger than %(mb)s MB.")
                % {"name": name[:80], "mb": limit // 2**20}
            )
        try:
            with self._zip.open(entry) as handle:
                return handle.read(limit + 1)[:limit]
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
            raise _refuse(
                _("%(name)s in the ZIP is damaged.") % {"name": name[:80]}
            ) from None

    def has(self, name: str) -> bool:
        return bool(name) and name in self._entries

    def rows(self, extensions: tuple[str, ...] = (".csv", ".xlsx")) -> "Table":
        name = self.data_file(extensions)
        return Table.from_bytes(self.read(name, MAX_DATA_BYTES), name)


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: list[str]
    header: list[str]

    def get(self, name: str, default: str = "") -> str:
        try:
            return self.values[self.header.index(name)]
        except (ValueError, IndexError):
            return default

    def __getitem__(self, name: str) -> str:
        return self.get(name)


def _text(value) -> str:
    """A cell as text: numbers without ".0", dates as YYYY-MM-DD, None as
    an empty string, the v2410 CSV-style quoting inside XLSX cells undone."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text.strip()


class Table:
    """The rows of a data file, read lazily by header name."""

    def __init__(self, header: list[str], rows: Iterator[list]):
        self.header = header
        self._rows = rows

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> "Table":
        if name.lower().endswith(".xlsx"):
            return cls._xlsx(data)
        return cls._csv(data)

    @classmethod
    def _csv(cls, data: bytes) -> "Table":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [_header_name(cell) for cell in next(reader, [])[:MAX_COLUMNS]]
        except csv.Error:
            raise _refuse(_("The CSV file cannot be read.")) from None

        def values():
            try:
                for row in reader:
                    yield [_text(cell) for cell in row[:MAX_COLUMNS]]
            except csv.Error:  # a field over csv.field_size_limit(), a NUL
                raise _refuse(_("The CSV file cannot be read.")) from None

        return cls(header, values())

    @classmethod
    def _xlsx(cls, data: bytes) -> "Table":
        from openpyxl import load_workbook

        buffer = io.BytesIO(data)
        try:
            with zipfile.ZipFile(buffer) as inner:
                _check_entries(inner, _("XLSX"))
            buffer.seek(0)
            book = load_workbook(buffer, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds
            raise _refuse(_("The XLSX file cannot be read.")) from None
        sheet = book.worksheets[0]
        # The declared <dimension> is not trusted (v2410 writes none, a
        # crafted one says XFD1048576): every row is read MAX_COLUMNS wide.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        try:
            header = [_header_name(_text(cell)) for cell in next(rows, ())]
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds
            raise _refuse(_("The XLSX file cannot be read.")) from None
        while header and not header[-1]:
            header.pop()

        def values():
            try:
                for row in rows:
                    yield [_text(cell) for cell in row] if any(row) else []
            except PushRefused:
                raise
            except Exception:  # noqa: BLE001 - openpyxl raises many kinds
                raise _refuse(_("The XLSX file cannot be read.")) from None
            finally:
                book.close()

        return cls(header, values())

    def __iter__(self) -> Iterator[Row]:
        for number, values in enumerate(self._rows, start=2):
            if number - 1 > MAX_ROWS:
                raise _refuse(
                    _("The file has more than %(max)s rows.") % {"max": MAX_ROWS}
                )
            if not any(values):
                continue
            yield Row(number, values, self.header)

    def require(self, *names: str) -> None:
        missing = [name for name in names if name not in self.header]
        if missing:
            raise PushRefused(
                _("The data file lacks columns: %(names)s.")
                % {"names": ", ".join(missing)},
                {"header": [", ".join(missing)]},
            )


def _header_name(value: str) -> str:
    return str(value).replace("\ufeff", "").strip().lower()
