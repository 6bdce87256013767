"""Sample news that differ from desa to desa.

Each desa gets its sourced news first (content.SPECIFIC), then news made
from a pool of templates: which templates, which variant of each, and how
many days ago, are chosen by a random generator seeded with the desa's
Kemendagri code, so every run gives the same news and no two desa read
alike. Templates weave in facts that have a public source (the desa's own,
or the region's, see /work/shared/data/README.md) and name their source in
the text; the event itself (a meeting, a training) is a sample, and every
such item says "(contoh)" in its summary and ends with content.SAMPLE_NOTE.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from math import hypot

from .content import NewsSpec

REGION_SOURCE = "fakta wilayah Kabupaten Banjarnegara"
NEWS_PER_DESA = 3


@dataclass(frozen=True)
class DesaFacts:
    """What a template may say about a desa."""

    kode: str
    name: str
    neighbour: str  # the desa with the nearest centroid (pejawaran_desa.csv)
    rng: random.Random

    def pick(self, options):
        return self.rng.choice(options)


@cache
def neighbours() -> dict[str, str]:
    """Kemendagri code -> name of the desa whose centroid is nearest."""
    from .builder import read_desa_rows  # the builder imports this module

    rows = read_desa_rows()
    nearest = {}
    for row in rows:
        others = [other for other in rows if other is not row]
        closest = min(
            others,
            key=lambda o: hypot(o.latitude - row.latitude, o.longitude - row.longitude),
        )
        nearest[row.kode_kemendagri] = closest.name
    return nearest


def musyawarah(desa: DesaFacts) -> NewsSpec:
    topic, slug = desa.pick(
        [
            ("jalan usaha tani", "jalan-usaha-tani"),
            ("sarana air bersih", "air-bersih"),
            ("penerangan jalan dusun", "penerangan-jalan"),
            ("talud penahan tanah", "talud"),
            ("saluran drainase", "drainase"),
        ]
    )
    return NewsSpec(
        slug=f"musdes-prioritas-{slug}",
        title=f"Musyawarah Desa {desa.name} memprioritaskan {topic}",
        category="pemerintahan",
        days_ago=desa.rng.randint(5, 20),
        summary=(
            f"BPD, perangkat desa dan warga {desa.name} menyepakati {topic} sebagai "
            "usulan utama rencana kerja desa tahun depan. (contoh)"
        ),
        paragraphs=(
            f"Musyawarah di balai Desa {desa.name} dihadiri perangkat desa, BPD, "
            "ketua RT/RW, kader PKK dan perwakilan kelompok tani.",
            f"Usulan {topic} dipilih karena paling banyak disampaikan warga dalam "
            "musyawarah dusun sebelumnya.",
        ),
        tags=("musdes", topic),
    )


def kesehatan(desa: DesaFacts) -> NewsSpec:
    activity, slug, detail = desa.pick(
        [
            (
                "Kelas ibu hamil",
                "kelas-ibu-hamil",
                "Bidan desa menjelaskan gizi seimbang dan tanda bahaya kehamilan.",
            ),
            (
                "Pemeriksaan kesehatan lansia",
                "posbindu-lansia",
                "Kader memeriksa tekanan darah, gula darah dan berat badan lansia.",
            ),
            (
                "Posyandu dan pemberian makanan tambahan",
                "posyandu-pmt",
                "Balita ditimbang dan diukur tinggi badannya untuk mencegah stunting.",
            ),
        ]
    )
    return NewsSpec(
        slug=slug,
        title=f"{activity} di Desa {desa.name}",
        category="kesehatan",
        days_ago=desa.rng.randint(10, 40),
        summary=f"{detail} (contoh)",
        paragraphs=(
            detail,
            "Kegiatan berikutnya diumumkan melalui ketua RT dan papan informasi "
            "balai desa.",
        ),
        tags=("kesehatan", "posyandu"),
    )


def kentang(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="waspada-embun-upas",
        title=f"Petani kentang {desa.name} diimbau waspada embun upas",
        category="ekonomi",
        days_ago=desa.rng.randint(15, 50),
        summary=(
            "Penyuluh mengingatkan petani agar bersiap menghadapi embun upas pada "
            "puncak kemarau. (contoh)"
        ),
        paragraphs=(
            "Kabupaten Banjarnegara adalah penghasil kentang terbesar di Jawa Tengah, "
            "dan di dataran tinggi Dieng embun upas (embun beku) dapat merusak "
            f"tanaman kentang dan wortel (sumber: {REGION_SOURCE}).",
            f"Dalam pertemuan kelompok tani Desa {desa.name}, penyuluh membahas "
            "penyiraman pagi dan pemasangan naungan untuk mengurangi kerusakan.",
        ),
        tags=("kentang", "embun upas"),
    )


def carica(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="pelatihan-olahan-carica",
        title=f"Pelatihan olahan carica untuk UMKM Desa {desa.name}",
        category="ekonomi",
        days_ago=desa.rng.randint(20, 70),
        summary=(
            "Ibu-ibu PKK belajar mengolah dan mengemas manisan carica sebagai "
            "oleh-oleh. (contoh)"
        ),
        paragraphs=(
            "Manisan carica (pepaya Dieng) dikenal sebagai oleh-oleh khas wilayah "
            f"ini (sumber: {REGION_SOURCE}).",
            f"Peserta dari Desa {desa.name} berlatih mengupas, merebus dan "
            "mengemas carica, lalu menghitung harga jual bersama pendamping UMKM.",
        ),
        tags=("umkm", "carica"),
    )


def pendidikan(desa: DesaFacts) -> NewsSpec:
    activity, slug = desa.pick(
        [
            ("Perpustakaan desa buka sore hari", "perpustakaan-buka-sore"),
            ("Lomba mewarnai anak PAUD", "lomba-mewarnai-paud"),
            ("Kelas komputer untuk pemuda", "kelas-komputer-pemuda"),
        ]
    )
    return NewsSpec(
        slug=slug,
        title=f"{activity} di Desa {desa.name}",
        category="pendidikan",
        days_ago=desa.rng.randint(7, 60),
        summary=(
            f"Karang taruna dan pemerintah Desa {desa.name} mengajak anak dan "
            "pemuda belajar di luar jam sekolah. (contoh)"
        ),
        paragraphs=(
            "Kegiatan diadakan di balai desa dengan pendamping dari karang taruna.",
            "Warga yang ingin menyumbang buku atau menjadi relawan dapat menghubungi "
            "kantor desa.",
        ),
        tags=("pendidikan", "karang taruna"),
    )


def gotong_royong(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="kerja-bakti-jalan-penghubung",
        title=(
            f"Kerja bakti jalan penghubung {desa.name} - {desa.neighbour} "
            "menjelang musim hujan"
        ),
        category="pembangunan",
        days_ago=desa.rng.randint(3, 30),
        summary=(
            f"Warga {desa.name} membersihkan saluran dan menambal jalan menuju Desa "
            f"{desa.neighbour}. (contoh)"
        ),
        paragraphs=(
            "Warga membersihkan saluran air di tepi jalan agar air hujan tidak "
            "menggerus badan jalan di lereng.",
            f"Jalan ini dipakai warga {desa.name} dan {desa.neighbour} untuk "
            "mengangkut hasil kebun ke pasar.",
        ),
        tags=("gotong royong", "jalan desa"),
    )


def bahasa(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="lomba-pidato-basa-banyumasan",
        title=f"Lomba pidato basa Banyumasan pelajar Desa {desa.name}",
        category="budaya",
        days_ago=desa.rng.randint(30, 90),
        summary=(
            "Pelajar berlomba berpidato dalam bahasa Jawa dialek Banyumasan "
            "(ngapak). (contoh)"
        ),
        paragraphs=(
            "Warga wilayah ini bertutur dalam bahasa Jawa Banyumasan, akrab "
            f"disebut ngapak (sumber: {REGION_SOURCE}).",
            f"Lomba di Desa {desa.name} mengajak pelajar bangga memakai bahasa "
            "ibunya di depan umum.",
        ),
        tags=("budaya", "ngapak"),
    )


def pengumuman(desa: DesaFacts) -> NewsSpec:
    service, slug = desa.pick(
        [
            ("pemutakhiran data keluarga", "pemutakhiran-data-keluarga"),
            ("perekaman KTP elektronik keliling", "perekaman-ktp-keliling"),
            ("pendaftaran kartu identitas anak", "pendaftaran-kia"),
        ]
    )
    return NewsSpec(
        slug=slug,
        title=f"Jadwal {service} di balai Desa {desa.name}",
        category="pengumuman",
        days_ago=desa.rng.randint(1, 14),
        summary=(
            f"Warga {desa.name} diminta membawa kartu keluarga saat {service}. (contoh)"
        ),
        paragraphs=(
            f"Layanan {service} dibuka di balai desa pada hari kerja pukul 08.00 "
            "sampai 14.00.",
            "Warga lanjut usia dan penyandang disabilitas dapat meminta layanan di "
            "rumah melalui ketua RT.",
        ),
        tags=("pelayanan",),
    )


TEMPLATES: list[Callable[[DesaFacts], NewsSpec]] = [
    musyawarah,
    kesehatan,
    kentang,
    carica,
    pendidikan,
    gotong_royong,
    bahasa,
    pengumuman,
]


def giritirta(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="kerja-bakti-jalur-curug-mrawu",
        title="Kerja bakti membersihkan jalur menuju Curug Mrawu",
        category="pembangunan",
        days_ago=desa.rng.randint(5, 25),
        summary=(
            "Pemuda Giritirta membersihkan jalur pejalan kaki menuju air terjun dan "
            "sumber air panas. (contoh)"
        ),
        paragraphs=(
            "Curug Genting, Curug Mrawu dan sebuah sumber air panas berada di "
            "sepanjang Sungai Mrawu, anak Sungai Serayu (sumber: catatan perjalanan "
            "2013-2015, iqbalkautsar.com, idahceris.com).",
            "Pemuda desa memangkas semak dan memperbaiki anak tangga tanah agar "
            "jalur aman dilalui pengunjung saat musim hujan.",
        ),
        tags=("wisata", "gotong royong"),
    )


def sarwodadi(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="papan-penunjuk-jalan-curug-penaraban",
        title="Pemuda Tlodas memasang papan penunjuk jalan ke Curug Penaraban",
        category="pembangunan",
        days_ago=desa.rng.randint(10, 45),
        summary=(
            "Karang taruna memasang papan arah dan batas aman di jalur pejalan "
            "kaki menuju air terjun. (contoh)"
        ),
        paragraphs=(
            "Curug Penaraban dicapai dengan berjalan kaki sekitar 2 km dari Dusun "
            "Tlodas dan pada 2019 sedang dikembangkan sebagai objek wisata "
            "(sumber: derapserayu.banjarnegarakab.go.id, 23 September 2019).",
            "Papan dipasang di setiap persimpangan jalur, dengan nomor telepon "
            "perangkat desa untuk keadaan darurat.",
        ),
        tags=("wisata", "karang taruna"),
    )


def pejawaran(desa: DesaFacts) -> NewsSpec:
    return NewsSpec(
        slug="pemeriksaan-kesehatan-domba-batur",
        title="Pemeriksaan kesehatan Domba Batur kelompok Kendil Makmur",
        category="ekonomi",
        days_ago=desa.rng.randint(10, 45),
        summary=(
            "Petugas kesehatan hewan memeriksa domba anggota kelompok peternak "
            "Kendil Makmur. (contoh)"
        ),
        paragraphs=(
            "Domba Batur, rumpun domba Banjarnegara, dipelihara kelompok peternak "
            "Kendil Makmur di Desa Pejawaran (sumber: ditjenpkh.pertanian.go.id, "
            "2015).",
            "Petugas memeriksa kesehatan kulit dan bulu, memberi obat cacing dan "
            "mencatat bobot domba.",
        ),
        tags=("domba batur", "peternakan"),
    )


# Sample news built on a sourced fact of one desa, placed before the pool.
DESA_TEMPLATES: dict[str, Callable[[DesaFacts], NewsSpec]] = {
    "33.04.15.2005": giritirta,
    "33.04.15.2003": sarwodadi,
    "33.04.15.2009": pejawaran,
}


def news_for(kode: str, name: str, sourced: list[NewsSpec]) -> list[NewsSpec]:
    """The desa's sourced news, then samples up to NEWS_PER_DESA: its own
    fact-based sample first, then the pool, chosen the same on every run."""
    rng = random.Random(kode)  # noqa: S311 (repeatable demo choices, not secrets)
    facts = DesaFacts(kode, name, neighbours().get(kode, name), rng)
    news = list(sourced)
    if kode in DESA_TEMPLATES:
        news.append(DESA_TEMPLATES[kode](facts))
    missing = max(0, NEWS_PER_DESA - len(news))
    for template in rng.sample(TEMPLATES, k=min(missing, len(TEMPLATES))):
        news.append(template(facts))
    return news
