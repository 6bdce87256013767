"""Fake but realistic OpenSID residents, for the push simulator, the
benchmark and the privacy tests: every personal field is filled (NIK, KK
number, names, parents, addresses, birth dates, photo names), so that a test
searching the database for them after a push really exercises the rule that
none is kept.

`fake_residents(n, kode_desa, seed)` yields n dicts with the 42 columns of
docs/opensid-sync.md §5.2 in OpenSID v2410's value conventions (every value a
string; '0' blanked but in NIK and KK; '-' for an empty dusun, rw or rt;
values holding a double quote wrapped CSV-style; tanggal_akhir_pasport always
empty; `foto` named kecil_<unix time><digits>.jpg; residents without a KK
first). Families: a head, often a spouse, children and sometimes a parent;
a few residents have died or moved (status_dasar 2, 3). The same seed gives
the same residents.

`residents_xlsx(rows)` writes them as v2410 does (OpenSpout 3): one sheet,
inline strings only, no cell at all for an empty value.
"""

import io
import random
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from .simulator.columns import RESIDENT_COLUMNS

MEN = [
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Bayu",
    "Budi",
    "Darmo",
    "Dedi",
    "Dwi",
    "Edi",
    "Eko",
    "Fajar",
    "Hadi",
    "Heru",
    "Imam",
    "Joko",
    "Kusno",
    "Muhammad",
    "Parjo",
    "Purnomo",
    "Rizki",
    "Rudi",
    "Sarno",
    "Slamet",
    "Sugeng",
    "Suparman",
    "Sutrisno",
    "Tarno",
    "Teguh",
    "Tri",
    "Wahyu",
    "Wawan",
    "Yanto",
    "Yusuf",
    "Ilham",
    "Rohmat",
]
WOMEN = [
    "Aisyah",
    "Ani",
    "Ayu",
    "Dewi",
    "Eka",
    "Endang",
    "Fitri",
    "Indah",
    "Kartini",
    "Lestari",
    "Lina",
    "Nisa",
    "Nur",
    "Paini",
    "Puji",
    "Putri",
    "Rahayu",
    "Ratna",
    "Rini",
    "Siti",
    "Sri",
    "Sulastri",
    "Sumarni",
    "Suparmi",
    "Tumini",
    "Tuti",
    "Warsini",
    "Wati",
    "Wulan",
    "Yuni",
    "Khasanah",
    "Muslimah",
    "Umi",
]
FAMILY_NAMES = [
    "Santoso",
    "Wibowo",
    "Prasetyo",
    "Susanto",
    "Hidayat",
    "Saputra",
    "Setiawan",
    "Nugroho",
    "Purwanto",
    "Kurniawan",
    "Rahmawati",
    "Wulandari",
    "Handayani",
    "Suryani",
    "Pratama",
    "Firmansyah",
    "Utomo",
    "Haryanto",
    "Sutanto",
    "Maulana",
    "Ramadhan",
    "Anggraini",
    "Permatasari",
    "Hartono",
]
PLACES = [
    "Banjarnegara",
    "Wonosobo",
    "Purbalingga",
    "Pejawaran",
    "Batur",
    "Kebumen",
    "Purwokerto",
    "Cilacap",
    "Semarang",
    "Jakarta",
    "Temanggung",
    "Magelang",
]
DUSUN = ("Krajan", "Karangsari", "Sidomulyo", "Kalisari", "Gunungsari", "Tegalsari")
STREETS = ("Jl. Raya", "Jl. Masjid", "Jl. Sawah", "Gang Mawar", "Jl. Kebun Kopi")

# (code, weight): rough shares of a rural Central Javanese desa.
RELIGIONS = ((1, 96), (2, 2), (3, 1), (4, 0.3), (5, 0.4), (6, 0.1), (7, 0.2))
ADULT_JOBS = (
    (9, 30), (20, 15), (2, 14), (19, 10), (88, 8), (84, 5), (15, 5), (1, 4),
    (8, 2), (26, 1), (27, 1), (65, 1), (5, 1), (81, 1), (85, 0.5), (89, 1.5),
)  # fmt: skip
ADULT_EDUCATION = ((1, 6), (2, 10), (3, 35), (4, 22), (5, 18), (6, 2), (7, 2), (8, 4))
PUSH_DAY = date(2026, 12, 1)


def _pick(rng: random.Random, weighted) -> int:
    codes, weights = zip(*weighted, strict=True)
    return rng.choices(codes, weights)[0]


class _Desa:
    """What the residents of one desa share: its code and counters."""

    def __init__(self, kode_desa: str, rng: random.Random):
        digits = kode_desa.replace(".", "")
        self.kode = f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"
        self.region = digits[:6]
        self.rng = rng
        self.serial = 0
        self.ids = 0

    def nik(self, born: date, female: bool) -> str:
        self.serial += 1
        day = born.day + (40 if female else 0)
        return f"{self.region}{day:02d}{born:%m%y}{self.serial % 10000:04d}"

    def kk(self) -> str:
        issued = date(2005, 1, 1) + timedelta(days=self.rng.randrange(7000))
        self.serial += 1
        return f"{self.region}{issued:%d%m%y}{self.serial % 10000:04d}"

    def next_id(self) -> str:
        self.ids += 1
        return str(self.ids)


def _name(rng: random.Random, female: bool) -> str:
    given = rng.choice(WOMEN if female else MEN)
    return given if rng.random() < 0.3 else f"{given} {rng.choice(FAMILY_NAMES)}"


def _birth(rng: random.Random, youngest: int, oldest: int) -> date:
    age_days = rng.randrange(youngest * 365, oldest * 365 + 364)
    return PUSH_DAY - timedelta(days=age_days)


def _age(born: date) -> int:
    return (PUSH_DAY - born).days // 365


def _stamp(rng: random.Random) -> str:
    moment = datetime(2019, 1, 1) + timedelta(seconds=rng.randrange(250_000_000))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _personal(rng, desa: _Desa, female: bool, born: date, role: int) -> dict:
    age = _age(born)
    adult = age >= 17
    married = role in (1, 2, 3, 7) and adult
    return {
        "nama": _name(rng, female),
        "nomor_nik": desa.nik(born, female),
        "jenis_kelamin": "2" if female else "1",
        "tempat_lahir": rng.choice(PLACES),
        "tanggal_lahir": born.isoformat(),
        "agama": str(_pick(rng, RELIGIONS)),
        "pendidikan_dlm_kk": str(
            _pick(rng, ADULT_EDUCATION) if adult else (1 if age < 7 else 2)
        ),
        "pendidikan_sdg_ditempuh": "18" if adult else str(rng.choice((1, 2, 4, 6))),
        "pekerjaan": str(_pick(rng, ADULT_JOBS) if adult else (1 if age < 6 else 3)),
        "kawin": str(rng.choice((2, 2, 2, 4)) if married else 1),
        "hubungan_keluarga": str(role),
        "nama_ayah": _name(rng, False),
        "nama_ibu": _name(rng, True),
        "akta_lahir": f"AL-{rng.randrange(10**6):06d}" if rng.random() < 0.6 else "",
        "ktp_el": "2" if adult else "",
        "status_rekam": "4" if adult else "",
        "cara_kb": str(rng.choice((1, 2, 3))) if female and married else "",
        "hamil": "1" if female and married and rng.random() < 0.04 else "0",
    }


def _row(rng, desa: _Desa, home: dict, person: dict) -> dict:
    row = dict.fromkeys(RESIDENT_COLUMNS, "")
    row.update(home)
    row.update(person)
    row.update(
        kewarganegaraan="1",
        gol_darah=str(rng.choice((1, 2, 3, 4, 13, 13, 13))),
        cacat="7",
        id=desa.next_id(),
        foto=(
            f"kecil_{rng.randrange(1_600_000_000, 1_800_000_000)}"
            f"{rng.randrange(10**6):06d}.jpg"
            if rng.random() < 0.3
            else ""
        ),
        status_dasar=str(_pick(rng, ((1, 95), (2, 3), (3, 2)))),
        created_at=_stamp(rng),
        updated_at=_stamp(rng),
        desa_id=desa.kode,
    )
    return {column: v2410_value(column, row[column]) for column in RESIDENT_COLUMNS}


def v2410_value(column: str, value: str) -> str:
    """A value as v2410's resident export writes it."""
    if value == "0" and column not in ("nomor_nik", "nomor_kk"):
        return ""
    if column in ("dusun", "rw", "rt") and not value:
        return "-"
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _home(rng: random.Random, kk: str) -> dict:
    dusun = rng.randrange(len(DUSUN))
    rt = f"{rng.randrange(1, 6):03d}"
    street = f"{rng.choice(STREETS)} No. {rng.randrange(1, 120)}"
    current = street if rng.random() < 0.95 else f'{street}, "Gang Buntu" RT {rt}'
    return {
        "alamat": f"{street} RT {rt}" if kk else "",
        "dusun": DUSUN[dusun],
        "rw": f"{dusun + 1:03d}",
        "rt": rt,
        "nomor_kk": kk,
        "alamat_sekarang": current,
    }


def _family(rng: random.Random, desa: _Desa) -> Iterator[dict]:
    home = _home(rng, desa.kk())
    head_female = rng.random() < 0.12
    head_born = _birth(rng, 22, 80)
    head = _personal(rng, desa, head_female, head_born, 1)
    yield _row(rng, desa, home, head)
    father, mother = (None, head) if head_female else (head, None)
    if not head_female and rng.random() < 0.85:
        spouse_born = _birth(rng, 19, min(_age(head_born), 75))
        mother = _personal(rng, desa, True, spouse_born, 3)
        yield _row(rng, desa, home, mother)
    for _child in range(rng.choice((0, 1, 2, 2, 3, 3, 4))):
        oldest = max(0, min(_age(head_born) - 19, 30))
        child = _personal(rng, desa, rng.random() < 0.5, _birth(rng, 0, oldest), 4)
        for parent, name, nik in (
            (father, "nama_ayah", "nik_ayah"),
            (mother, "nama_ibu", "nik_ibu"),
        ):
            if parent is not None:
                child[name], child[nik] = parent["nama"], parent["nomor_nik"]
        yield _row(rng, desa, home, child)
    if rng.random() < 0.08:
        parent_born = _birth(rng, _age(head_born) + 18, _age(head_born) + 35)
        parent = _personal(rng, desa, rng.random() < 0.6, parent_born, 7)
        yield _row(rng, desa, home, parent)


def fake_residents(n: int, kode_desa: str, seed: int = 0) -> Iterator[dict]:
    """n fake residents of the desa `kode_desa` (dotted or 10 digits), as
    v2410 exports them: a few without a KK first, then family by family."""
    rng = random.Random(seed)  # noqa: S311 - fake data, not secrets
    desa = _Desa(kode_desa, rng)
    made = 0
    for _loner in range(max(0, n // 50)):
        person = _personal(rng, desa, rng.random() < 0.5, _birth(rng, 18, 40), 11)
        person["hubungan_keluarga"] = ""
        yield _row(rng, desa, _home(rng, ""), person)
        made += 1
    while made < n:
        for row in _family(rng, desa):
            if made == n:
                return
            yield row
            made += 1


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _sheet_rows(rows: Iterable[dict]) -> Iterator[str]:
    letters = [_column_letter(i) for i in range(len(RESIDENT_COLUMNS))]
    header = dict(zip(RESIDENT_COLUMNS, RESIDENT_COLUMNS, strict=True))
    for number, row in enumerate(_with_header(rows, header), start=1):
        cells = "".join(
            f'<c r="{letters[i]}{number}" s="0" t="inlineStr"><is><t>'
            f"{escape(row[column])}</t></is></c>"
            for i, column in enumerate(RESIDENT_COLUMNS)
            if row.get(column)
        )
        yield (
            f'<row r="{number}" spans="1:{len(letters)}" customHeight="0">{cells}</row>'
        )


def _with_header(rows: Iterable[dict], header: dict) -> Iterator[dict]:
    yield header
    yield from rows


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default ContentType="application/xml" Extension="xml"/>'
    '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml"'
    ' Extension="rels"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet1.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.styles+xml" PartName="/xl/styles.xml"/>'
    '<Override ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rIdWorkbook" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rIdSheet1" state="visible"/>'
    "</sheets></workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships">'
    '<Relationship Id="rIdStyles" Target="styles.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/styles"/>'
    '<Relationship Id="rIdSharedStrings" Target="sharedStrings.xml" Type="http:'
    '//schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    '<Relationship Id="rIdSheet1" Target="worksheets/sheet1.xml" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="12"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/></border></borders>'
    '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0"/>'
    '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle '
    'builtinId="0" name="Normal" xfId="0"/></cellStyles></styleSheet>'
)
_SHARED_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'count="0" uniqueCount="0"></sst>'
)


def residents_xlsx(rows: Iterable[dict]) -> bytes:
    """The XLSX of `rows` (dicts by RESIDENT_COLUMNS) as v2410 writes it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/sharedStrings.xml", _SHARED_STRINGS)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                b'2006/main"><sheetData>'
            )
            for line in _sheet_rows(rows):
                sheet.write(line.encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()
