"""The requests a desa's OpenSID sends, built from its data: pure functions,
data in, bytes out (docs/opensid-sync.md §4, §5, §7; the captures in
tests/opensid/samples/ and their README). `version` is V2410 (the captured
one: all-text XLSX with its value quirks, resident photos, the
9-name/10-value programme CSV, `…_opendk` file names, an always empty
deletion list) or NEWER (FastExcel exports: raw values, numbers as numbers,
no photos in the resident ZIP, an aligned programme XLSX, the newer file
names, the real deletion list)."""

import base64
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import formats
from .columns import (
    PARTICIPANT_COLUMNS,
    PROGRAMME_COLUMNS,
    PROGRESS_COLUMNS,
    PROJECT_COLUMNS,
    RESIDENT_COLUMNS,
)
from .samples import SAMPLE

V2410, NEWER = "v2410", "newer"
VERSIONS = (V2410, NEWER)
BUTTONS = (
    "identitas",
    "penduduk",
    "pembangunan",
    "bantuan",
    "laporan-apbdes",
    "laporan-penduduk",
)
PAGE_ROWS = 100  # OpenSID sends projects 100 rows a request

GUZZLE_HEADERS = {"User-Agent": "GuzzleHttp/7", "X-Requested-With": "XMLHttpRequest"}
CURL_ENCODING = "deflate, gzip, br, zstd"
OPENSID_ZONE = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Village:
    """The desa as its OpenSID knows it. `kode` is the dotted code."""

    kode: str
    name: str
    latitude: float = -7.245
    longitude: float = 109.81
    website: str = ""
    sebutan: str = "desa"


def village_of(desa) -> Village:
    """A desa page (cms.desa) as its OpenSID knows it."""
    website = f"https://{desa.public_domain}" if desa.public_domain else ""
    return Village(
        kode=desa.kode_kemendagri,
        name=desa.name,
        latitude=float(desa.latitude or Village.latitude),
        longitude=float(desa.longitude or Village.longitude),
        website=website or f"https://{desa.slug}.desa.example",
    )


@dataclass
class Request:
    """One request as OpenSID sends it: the path under /api/v1/, the
    headers besides Host, Authorization and Content-Length, the body."""

    module: str
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


def in_utc(moment: datetime) -> datetime:
    """OpenSID's clock is local time in Asia/Jakarta, whatever this
    machine's zone; `moment` is naive in that zone."""
    return moment.replace(tzinfo=OPENSID_ZONE).astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%d_%m_%Y")


# Identity ---------------------------------------------------------------


def boundary_path(village: Village) -> str:
    """A made-up square of about 1.3 km around the desa's centre, in
    OpenSID's stored form [[[[lat,lng],…]]]."""
    lat, lng, d = village.latitude, village.longitude, 0.006
    corners = [(lat - d, lng - d), (lat - d, lng + d), (lat + d, lng + d)]
    corners += [(lat + d, lng - d)]
    points = ",".join(f"[{a:.6f},{b:.6f}]" for a, b in corners)
    return f"[[[{points}]]]"


def identity_form(village: Village) -> bytes:
    """identitas-desa: kode_desa, sebutan_desa, website, path, in this order."""
    return formats.php_form(
        [
            ("kode_desa", village.kode),
            ("sebutan_desa", village.sebutan),
            ("website", village.website),
            ("path", boundary_path(village)),
        ]
    )


# Residents --------------------------------------------------------------


def _v2410_value(column: str, value) -> str:
    """v2410's formatting of a resident value (samples README, §5.2)."""
    text = "" if value is None else str(value)
    if column == "tanggal_akhir_pasport":
        return ""
    if text == "0" and column not in ("nomor_nik", "nomor_kk"):
        return ""
    if column in ("dusun", "rw", "rt") and not text:
        return "-"
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def resident_rows(residents: list[dict], kode: str, version: str) -> list[list]:
    """The sheet: the 42-column header, then every resident ordered by KK
    number only (no KK first; inside a KK the order is OpenSID's, here
    the reverse of entry)."""
    ordered = sorted(residents, key=lambda person: person["nomor_kk"] or "")
    rows = [list(RESIDENT_COLUMNS)]
    for person in ordered:
        values = {**person, "desa_id": kode}
        if version == V2410:
            rows.append([_v2410_value(c, values.get(c)) for c in RESIDENT_COLUMNS])
        else:
            rows.append([values.get(c) for c in RESIDENT_COLUMNS])
    return rows


def resident_photos(residents: list[dict]) -> list[tuple[str, bytes]]:
    """v2410's kecil_ files. Every third photo is missing from the ZIP: one
    uploaded through the file input has no kecil_ copy (finding 5)."""
    named = [person["foto"] for person in residents if person.get("foto")]
    return [
        (name, formats.photo("", (24, 30), "jpg", index * 37))
        for index, name in enumerate(named)
        if index % 3 != 2
    ]


def resident_zip(
    residents: list[dict], kode: str, version: str, moment: datetime
) -> tuple[str, bytes]:
    """penduduk/storedata's ZIP: (file name, bytes)."""
    if version == V2410:
        base = f"penduduk_{_stamp(moment)}_opendk"
        photos = resident_photos(residents)
    else:
        base, photos = f"penduduk_opendk_{_stamp(moment)}", []
    sheet = formats.spout_xlsx(resident_rows(residents, kode, version), moment)
    return f"{base}.zip", formats.flat_zip([*photos, (f"{base}.xlsx", sheet)], moment)


def deletions_json(deleted: list[dict], kode: str, version: str) -> bytes:
    """penduduk: {"hapus_penduduk": [...]}, no top-level desa_id. v2410
    always sends an empty list (its log rows are cascade-deleted: finding
    2); a newer OpenSID sends the whole log with int ids."""
    if version == V2410:
        return formats.php_json({"hapus_penduduk": []})
    items = [
        {"desa_id": kode, "id_pend_desa": item["id"], "foto": item["foto"]}
        for item in deleted
    ]
    return formats.php_json({"hapus_penduduk": items})


# Aid --------------------------------------------------------------------


def programme_zip(
    programmes: list, kode: str, version: str, moment: datetime
) -> tuple[str, bytes]:
    """program-bantuan. v2410: a CSV whose header has 9 names and rows 10
    values (an empty userid before status; status "1" or empty; then the
    asal dana). Newer: an aligned XLSX, status 1 or 0."""
    if version == V2410:
        base = f"program_bantuan_{_stamp(moment)}_opendk"
        rows = [
            [kode, p.id, p.nama, p.sasaran, formats.php_escape(p.ndesc), p.sdate,
             p.edate, None, p.status, p.asaldana]
            for p in programmes
        ]  # fmt: skip
        data = formats.php_csv(PROGRAMME_COLUMNS, rows)
        return f"{base}.zip", formats.flat_zip([(f"{base}.csv", data)], moment)
    base = f"program_bantuan_{_stamp(moment)}_opendk_{_stamp(moment)}"
    rows = [
        [kode, p.id, p.nama, p.sasaran, formats.php_escape(p.ndesc), p.sdate,
         p.edate, int(p.status), p.asaldana]
        for p in programmes
    ]  # fmt: skip
    data = formats.spout_xlsx([PROGRAMME_COLUMNS, *rows], moment)
    return f"{base}.zip", formats.flat_zip([(f"{base}.xlsx", data)], moment)


def participant_zip(
    participants: list[dict], kode: str, version: str, moment: datetime
) -> tuple[str, bytes]:
    """program-bantuan/peserta: a 13-column CSV in both versions. `"` in
    an address arrives as "ampquot" (OpenSID's input sanitiser)."""
    if version == V2410:
        base = f"peserta_program_bantuan_{_stamp(moment)}_opendk"
    else:
        base = f"peserta_bantuan_opendk_{_stamp(moment)}"
    rows = []
    for item in participants:
        values = {**item, "desa_id": kode}
        values["kartu_alamat"] = (values["kartu_alamat"] or "").replace('"', "ampquot")
        rows.append([values[column] for column in PARTICIPANT_COLUMNS])
    data = formats.php_csv(PARTICIPANT_COLUMNS, rows)
    return f"{base}.zip", formats.flat_zip([(f"{base}.csv", data)], moment)


# Development ------------------------------------------------------------


def _tag(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(rng.choice(letters) for _ in range(7))


def project_photo_names(projects: list, moment: datetime, seed: int) -> dict:
    """OpenSID's gallery names: <unix time><name>__sid__<7 random>.jpg|png,
    for the project (key id) and each progress report (key (id, percent))."""
    rng = random.Random(seed)  # noqa: S311 (repeatable samples, not secrets)
    unix = int(in_utc(moment).timestamp())
    names = {}
    for project in projects:
        ext = "png" if project.id % 3 == 2 else "jpg"
        if project.reports or project.id % 2:
            names[project.id] = f"{unix}proyek{project.photo}__sid__{_tag(rng)}.{ext}"
        for _days, percent, _note in project.reports:
            ext = "png" if percent % 2 else "jpg"
            names[project.id, percent] = (
                f"{unix}dok{project.photo}{percent}__sid__{_tag(rng)}.{ext}"
            )
    return names


def _lokasi(project, version: str) -> str:
    if project.wilayah is None or version != V2410:
        return project.lokasi
    dusun, rw, _rt = project.wilayah
    return f"Dusun {dusun} - Rw {rw}/RT {rw}"  # v2410 prints the RW as the RT


def project_row(project, kode: str, version: str, foto: str) -> list:
    pemerintah, provinsi, kab_kota, swadaya = project.sources
    v2410 = version == V2410
    return [
        kode, project.id, project.sumber_dana, _lokasi(project, version),
        project.judul, SAMPLE, project.volume, project.tahun_anggaran,
        project.pelaksana_kegiatan, 1, project.anggaran, project.perubahan_anggaran,
        pemerintah, provinsi, kab_kota, swadaya, sum(project.sources),
        project.manfaat, 0 if v2410 else project.waktu,
        "BARU" if v2410 else project.sifat_proyek, foto,
    ]  # fmt: skip


def _development_base(kind: str, version: str, moment: datetime) -> str:
    if version == V2410:
        prefix = "dokumentasi_pembangunan" if kind == "progress" else "pembangunan"
        return f"{prefix}_{_stamp(moment)}_opendk"
    return f"pembangunan_{_stamp(moment)}"  # both kinds (§7)


def _photo_entries(names: list[str], labels: dict) -> list[tuple[str, bytes]]:
    return [
        (
            name,
            formats.photo(
                labels.get(name, ""), (160, 120), name.rsplit(".", 1)[1], len(name)
            ),
        )
        for name in names
        if name
    ]


def development_zip(
    kind: str, rows: list[list], labels: dict, version: str, moment: datetime
) -> tuple[str, bytes]:
    """pembangunan ("projects") or pembangunan/dokumentasi ("progress"):
    the photos named in the rows at the ZIP root, then the CSV."""
    base = _development_base(kind, version, moment)
    header = PROJECT_COLUMNS if kind == "projects" else PROGRESS_COLUMNS
    column = header.index("foto" if kind == "projects" else "gambar")
    photos = _photo_entries([row[column] for row in rows], labels)
    data = formats.php_csv(header, rows)
    return f"{base}.zip", formats.flat_zip([*photos, (f"{base}.csv", data)], moment)


def progress_rows(projects, kode: str, names: dict, today: date) -> list[list]:
    rows = []
    for project in projects:
        for days, percent, note in project.reports:
            day = (today - timedelta(days=days)).isoformat()
            rows.append(
                [kode, len(rows) + 1, project.id, names[project.id, percent],
                 percent, f"Contoh: {note}", day, day]
            )  # fmt: skip
    return rows


# Reports ----------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def report_json(kind: str, reports: list, kode: str, moment: datetime) -> bytes:
    """laporan-apbdes or laporan-penduduk: every report with its PDF in
    base64. The real v2410 button sends an empty list (finding 10); this
    sends what it would without that bug."""
    period = "semester" if kind == "apbdes" else "bulan"
    created = in_utc(moment - timedelta(days=2))
    stamp = created.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    items = []
    for report in reports:
        pdf = formats.tiny_pdf(
            [report.judul, "CONTOH - data uji, bukan laporan resmi", kode]
        )
        items.append(
            {
                "id": report.id,
                "judul": report.judul,
                period: report.period,
                "nama_file": f"{_slug(report.judul)}_{_stamp(moment)}.pdf",
                "tahun": report.tahun,
                "created_at": stamp,
                "updated_at": stamp,
                "file": base64.b64encode(pdf).decode("ascii"),
            }
        )
    return formats.php_json({"desa_id": kode, f"laporan_{kind}": items})
