"""The rest of what the simulated OpenSID sends: aid programmes and their
participants, development projects of a hill desa of Pejawaran with dated
progress reports, and APBDes and population reports. Deterministic, and
every item is marked as a sample ("Contoh")."""

import random
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Programme:
    id: int
    nama: str
    sasaran: int  # 1 penduduk, 2 keluarga, 3 rumah tangga, 4 kelompok
    ndesc: str
    sdate: str
    edate: str
    status: bool
    asaldana: str


def programmes(today: date) -> list[Programme]:
    year = today.year
    return [
        Programme(
            1,
            f"BLT Dana Desa {year} (Contoh)",
            1,
            'Bantuan langsung tunai "BLT-DD" untuk warga miskin ekstrem, contoh.',
            f"{year}-01-01",
            f"{year}-12-31",
            True,
            "Dana Desa",
        ),
        Programme(
            2,
            f"Bantuan Pangan Beras {year} (Contoh)",
            2,
            "Cadangan pangan pemerintah, 10 kg per keluarga per bulan (contoh).",
            f"{year}-02-01",
            f"{year}-11-30",
            True,
            "Pusat",
        ),
        Programme(
            3,
            "Bantuan Bibit Kopi Arabika (Contoh)",
            2,
            "Bibit kopi arabika untuk lahan tegalan; data contoh.",
            f"{year - 1}-03-01",
            f"{year - 1}-11-30",
            False,
            "Kab/Kota",
        ),
        Programme(
            4,
            "Alat Pertanian Kelompok Tani (Contoh)",
            4,
            "Hand traktor dan pompa air untuk kelompok tani; data contoh.",
            f"{year}-04-01",
            f"{year}-12-31",
            False,
            "Provinsi",
        ),
    ]


def participants(residents: list[dict], seed: int = 14) -> list[dict]:
    """Participants of programmes 1 (persons: `peserta` is the NIK) and 2
    and 3 (families: `peserta` is the KK number, the card in the head's
    name), drawn from living residents with a KK."""
    rng = random.Random(seed + 1)  # noqa: S311 (repeatable samples, not secrets)
    living = [p for p in residents if p["status_dasar"] == 1 and p["nomor_kk"]]
    adults = [p for p in living if p["tanggal_lahir"] < "2008"]
    heads = [p for p in living if p["hubungan_keluarga"] == 1]
    rows = []
    picks = [
        (1, rng.sample(adults, min(len(adults), 12)), "BLT"),
        (2, rng.sample(heads, min(len(heads), 15)), "KPM"),
        (3, rng.sample(heads, min(len(heads), 6)), "KOPI"),
    ]
    for program_id, people, prefix in picks:
        for person in people:
            rows.append(
                {
                    "id": len(rows) + 1,
                    "peserta": person["nomor_kk"]
                    if program_id != 1
                    else person["nomor_nik"],
                    "program_id": program_id,
                    "no_id_kartu": f"{prefix}-{len(rows) + 1:04d}",
                    "kartu_nik": person["nomor_nik"],
                    "kartu_nama": person["nama"],
                    "kartu_tempat_lahir": person["tempat_lahir"],
                    "kartu_tanggal_lahir": person["tanggal_lahir"],
                    "kartu_alamat": person["alamat"],
                    "kartu_peserta": None,
                    "kartu_id_pend": person["id"],
                    "sasaran": 1 if program_id == 1 else 2,
                }
            )
    return rows


@dataclass(frozen=True)
class Project:
    id: int
    judul: str
    sumber_dana: str
    lokasi: str  # free text; empty when tied to a dusun/RW/RT
    wilayah: tuple | None  # (dusun, rw, rt) when tied to a wilayah
    volume: str
    tahun_anggaran: int
    pelaksana_kegiatan: str
    anggaran: int
    perubahan_anggaran: int
    sources: tuple  # pemerintah, provinsi, kab_kota, swadaya
    manfaat: str
    waktu: int
    sifat_proyek: str
    photo: str
    reports: tuple  # (days ago, percent, note)


SAMPLE = "Contoh data sinkronisasi OpenSID, bukan kegiatan nyata."


def projects(today: date) -> list[Project]:
    year = today.year
    tpk = "TPK Desa (contoh)"
    return [
        Project(
            1,
            "Rabat Beton Jalan Usaha Tani Dusun Krajan",
            "Dana Desa",
            "",
            ("Krajan", "001", "002"),
            "350 x 3 m",
            year,
            tpk,
            185_000_000,
            0,
            (175_000_000, 0, 0, 10_000_000),
            "Akses ke lahan kentang dan kopi",
            60,
            "BARU",
            "rabat",
            (
                (150, 25, "Pemadatan tanah dasar"),
                (95, 60, "Pengecoran ruas 1"),
                (20, 100, "Selesai, serah terima"),
            ),
        ),
        Project(
            2,
            "Rehab Saluran Irigasi Tersier Kalisari",
            "Dana Desa",
            "Blok sawah Kalisari, RT 003",
            None,
            "420 m",
            year,
            tpk,
            96_500_000,
            0,
            (90_000_000, 0, 0, 6_500_000),
            "Pengairan 12 ha sawah",
            45,
            "LANJUTAN",
            "irigasi",
            (
                (70, 40, "Pembongkaran saluran lama"),
                (12, 85, 'Pasangan batu kali, "plesteran" berjalan'),
            ),
        ),
        Project(
            3,
            "Talud Penahan Tanah Jalan Sidomulyo",
            "Alokasi Dana Desa",
            "",
            ("Sidomulyo", "003", "001"),
            "60 x 2,5 m",
            year,
            tpk,
            78_000_000,
            81_500_000,
            (78_000_000, 0, 0, 3_500_000),
            "Mencegah longsor di tikungan jalan desa",
            30,
            "BARU",
            "talud",
            ((40, 100, "Talud selesai dikerjakan"),),
        ),
        Project(
            4,
            "Jembatan Penghubung Dusun Karangrejo",
            "Bantuan Keuangan Provinsi",
            "Sungai Karangrejo",
            None,
            "12 x 2 m",
            year,
            tpk,
            350_000_000,
            0,
            (0, 350_000_000, 0, 0),
            "Menghubungkan dua dusun saat musim hujan",
            120,
            "BARU",
            "jembatan",
            (
                (210, 15, "Pondasi abutmen"),
                (200, 30, "Pekerjaan berhenti, menunggu pencairan"),
            ),
        ),
        Project(
            5,
            "Pembangunan Gedung PAUD",
            "Dana Desa",
            "Samping balai desa",
            None,
            "1 unit 8 x 6 m",
            year + 1,
            tpk,
            165_000_000,
            0,
            (165_000_000, 0, 0, 0),
            "Ruang belajar anak usia dini",
            90,
            "BARU",
            "paud",
            (),
        ),
        Project(
            6,
            "Pipanisasi Air Bersih Dusun Kalisari",
            "Bantuan Keuangan Kabupaten",
            "Mata air Kalisari - Dusun Kalisari",
            None,
            "2.400 m",
            year - 1,
            "Pokmas Tirta (contoh)",
            120_000_000,
            0,
            (0, 0, 115_000_000, 5_000_000),
            "Air bersih untuk 85 KK",
            60,
            "BARU",
            "pipa",
            (
                (300, 50, "Penggalian jalur pipa"),
                (260, 100, "Air mengalir ke bak umum"),
            ),
        ),
        Project(
            7,
            "Penerangan Jalan Tenaga Surya",
            "Dana Desa",
            "",
            ("Krajan", "001", "001"),
            "12 titik",
            year,
            tpk,
            72_000_000,
            0,
            (72_000_000, 0, 0, 0),
            "Jalan desa terang di malam hari",
            20,
            "BARU",
            "pju",
            (),
        ),
    ]


@dataclass(frozen=True)
class Report:
    id: int
    judul: str
    period: int  # semester (APBDes) or month (penduduk)
    tahun: int


def budget_reports(today: date) -> list[Report]:
    last = today.year - 1
    reports = [
        Report(
            1, f"Laporan Realisasi APBDes Semester 1 Tahun {last} (Contoh)", 1, last
        ),
        Report(
            2, f"Laporan Realisasi APBDes Semester 2 Tahun {last} (Contoh)", 2, last
        ),
    ]
    if today.month > 7:
        reports.append(
            Report(
                3,
                f"Laporan Realisasi APBDes Semester 1 Tahun {today.year} (Contoh)",
                1,
                today.year,
            )
        )
    return reports


MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def population_reports(today: date) -> list[Report]:
    reports = []
    for back in (3, 2, 1):
        month = (today.month - back - 1) % 12 + 1
        year = today.year if month < today.month else today.year - 1
        reports.append(
            Report(
                len(reports) + 1,
                f"Laporan Bulanan Penduduk {MONTHS[month - 1]} {year} (Contoh)",
                month,
                year,
            )
        )
    return reports
