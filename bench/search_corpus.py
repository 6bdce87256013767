"""Synthetic Indonesian village content for the search benchmark:
deterministic, with the word distribution of real desa writing (a few
near-universal words, topic words in a few percent of items, rare names)."""

import datetime
import random

from aggregator.documents import DesaInfo, Record

COMMON = [
    "desa",
    "warga",
    "masyarakat",
    "kegiatan",
    "pembangunan",
    "pemerintah",
    "dusun",
    "program",
    "kepala",
    "bersama",
]
TOPICS = {
    "news": [
        "posyandu balita",
        "musyawarah desa",
        "kerja bakti",
        "penyaluran bantuan",
        "pelatihan kader",
        "vaksinasi ternak",
        "lomba kebersihan",
        "sosialisasi pajak",
        "panen kentang",
        "tanah longsor",
        "banjir bandang",
        "embun upas",
    ],
    "tourism": [
        "curug mrawu",
        "curug penaraban",
        "pemandian air panas",
        "kebun kopi",
        "bukit sunrise",
        "telaga kecil",
        "jalur trekking",
        "agrowisata carica",
    ],
    "wisdom": [
        "kesenian lengger",
        "kopi senggani",
        "domba batur",
        "basa ngapak",
        "kerajinan bambu",
        "tradisi nyadran",
        "gas rawa",
        "batik gumelem",
    ],
    "development": [
        "rabat beton jalan",
        "jembatan gantung",
        "saluran irigasi",
        "talud penahan tanah",
        "sumur bor",
        "gedung posyandu",
        "penerangan jalan",
        "drainase dusun",
    ],
}
FILLER = [
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "pada",
    "dengan",
    "dalam",
    "akan",
    "oleh",
    "ini",
    "itu",
    "juga",
    "telah",
    "sangat",
    "lebih",
    "baru",
    "lama",
    "besar",
    "kecil",
    "tinggi",
    "rendah",
    "pagi",
    "siang",
    "sore",
    "malam",
    "hujan",
    "kemarau",
    "sawah",
    "ladang",
    "kebun",
    "sungai",
    "gunung",
    "lereng",
    "bukit",
    "jalan",
    "rumah",
    "sekolah",
    "balai",
    "masjid",
    "pasar",
    "kantor",
    "lapangan",
    "anak",
    "ibu",
    "bapak",
    "pemuda",
    "petani",
    "peternak",
    "pedagang",
    "guru",
    "bidan",
    "perangkat",
    "ketua",
    "anggota",
    "kelompok",
    "gotong",
    "royong",
    "rapat",
    "laporan",
    "anggaran",
    "kegiatan",
    "hasil",
    "rencana",
    "usulan",
    "bantuan",
    "dana",
    "swadaya",
    "kabupaten",
    "kecamatan",
    "provinsi",
    "banjarnegara",
    "pejawaran",
    "dieng",
    "serayu",
    "merawu",
    "beras",
    "jagung",
    "sayur",
    "wortel",
    "kubis",
    "cabai",
    "bawang",
    "kopi",
    "teh",
    "susu",
    "telur",
    "ikan",
    "sapi",
    "kambing",
    "domba",
    "ayam",
    "bibit",
    "pupuk",
    "obat",
    "air",
    "listrik",
    "internet",
    "sinyal",
]
KINDS = list(TOPICS)
CATEGORIES = {
    "news": ["pemerintahan", "kesehatan", "ekonomi", "bencana", "pengumuman"],
    "tourism": ["alam", "buatan", "agrowisata"],
    "wisdom": ["kesenian", "kuliner", "pengetahuan"],
    "development": ["rencana", "kegiatan", "hasil"],
}


def desa_list(count: int) -> list[DesaInfo]:
    return [
        DesaInfo(
            f"33.04.{15 + n // 20:02d}.{2001 + n % 20}",
            f"Desa{n:03d}",
            f"desa{n:03d}",
        )
        for n in range(count)
    ]


def records(count: int, desa_count: int, seed: int = 11):
    rng = random.Random(seed)
    all_desa = desa_list(desa_count)
    start = datetime.date(2026, 11, 1)
    for number in range(count):
        kind = KINDS[number % 4] if number % 10 else "news"
        topic = rng.choice(TOPICS[kind])
        desa = rng.choice(all_desa)
        words = rng.choices(FILLER, k=rng.randint(40, 90))
        words += rng.sample(COMMON, k=rng.randint(3, 7))
        words.insert(rng.randint(0, len(words)), topic)
        category = rng.choice(CATEGORIES[kind])
        yield Record(
            source="bench",
            key=str(number),
            kind=kind,
            title=f"{topic.capitalize()} di {desa.name}",
            url=f"https://portal.example/desa/{desa.slug}/{number}/",
            published=start - datetime.timedelta(days=rng.randint(0, 1500)),
            desa=desa,
            summary=" ".join(rng.choices(FILLER, k=15)) + f" {topic}.",
            body=" ".join(words),
            category_slug=category,
            category_name=category.capitalize(),
            tags=(topic.split()[0],),
        )


QUERY_MIX = [
    # rare terms and phrases
    ("carica", {}),
    ('"gas rawa"', {}),
    ("senggani", {}),
    # topic terms
    ("kopi", {}),
    ("jembatan gantung", {}),
    ("posyandu balita", {}),
    # near-universal words
    ("desa", {}),
    ("masyarakat", {}),
    ("pembangunan desa", {}),
    # typos
    ("jembtan", {}),
    ("posiandu", {}),
    ("lenggerr", {}),
    # with facet filters
    ("kopi", {"kind": ("wisdom",)}),
    ("desa", {"desa": ("33.04.15.2001",)}),
    ("", {"kind": ("development",)}),
    ("jembatan", {"year": (2025,)}),
]
