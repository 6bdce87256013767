"""Demo content for Kecamatan Pejawaran.

Facts come from public sources, named on each item (`source`). Anything
without a source (budgets, percentages, the dates of sample news) is sample
data: such items say so in their text ("contoh") and must never be read as
official figures.
"""

from dataclasses import dataclass, field

SAMPLE_NOTE = (
    "Catatan: ini konten contoh untuk demo sistem, bukan informasi resmi desa."
)
SAMPLE_FIGURES_NOTE = (
    "Angka anggaran dan progres pada halaman ini adalah data contoh, bukan data resmi."
)


@dataclass(frozen=True)
class NewsSpec:
    slug: str
    title: str
    category: str
    days_ago: int
    summary: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class TourismSpec:
    slug: str
    title: str
    category: str
    summary: str
    paragraphs: tuple[str, ...]
    opening_hours: str = ""
    is_free: bool = False
    ticket_price: int | None = None
    facilities: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class WisdomSpec:
    slug: str
    title: str
    category: str
    summary: str
    paragraphs: tuple[str, ...]
    practitioners: str = ""
    season_note: str = ""
    source: str = ""


@dataclass(frozen=True)
class ReportSpec:
    days_ago: int
    percent: int
    note: str


@dataclass(frozen=True)
class DevelopmentSpec:
    slug: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    location_name: str
    volume: int
    unit: str
    fiscal_year: int
    funding_source: str
    budget_total: int
    reports: tuple[ReportSpec, ...]
    executor: str = "TPK Desa"
    benefit: str = ""


@dataclass
class DesaContent:
    news: list[NewsSpec] = field(default_factory=list)
    tourism: TourismSpec | None = None
    wisdom: WisdomSpec | None = None
    development: DevelopmentSpec | None = None


KECAMATAN_PROFILE = (
    "<p>Kecamatan Pejawaran adalah salah satu dari 20 kecamatan di Kabupaten "
    "Banjarnegara, Jawa Tengah, dengan 17 desa. Kode wilayah Kemendagri 33.04.15, "
    "kode BPS 3304150.</p>"
    "<p>Banjarnegara dikenal sebagai penghasil kentang terbesar di Jawa Tengah; "
    "warga di wilayah ini bertutur dalam bahasa Jawa Banyumasan (ngapak).</p>"
)

KECAMATAN_NEWS = [
    NewsSpec(
        slug="peluncuran-sistem-informasi-desa-terpadu",
        title="Peluncuran sistem informasi desa terpadu Kecamatan Pejawaran",
        category="pengumuman",
        days_ago=3,
        summary=(
            "Berita desa, wisata, kearifan lokal dan kemajuan pembangunan dari "
            "17 desa kini dapat dibaca di satu portal kecamatan. (contoh)"
        ),
        paragraphs=(
            "Setiap desa menulis di ruang kerjanya sendiri; moderator kecamatan "
            "meninjau setiap tulisan sebelum terbit.",
            "Portal kecamatan menampilkan pencarian lintas desa dan ringkasan "
            "capaian pembangunan desa.",
        ),
        tags=("sistem informasi desa",),
    ),
]

COFFEE_SOURCE = "kedhanakedhinicoffee.com (2017)"

SPECIFIC: dict[str, DesaContent] = {
    # Giritirta
    "33.04.15.2005": DesaContent(
        tourism=TourismSpec(
            slug="curug-mrawu-dan-air-panas",
            title="Curug Mrawu, Curug Genting dan pemandian air panas",
            category="alam",
            summary=(
                "Dua air terjun dan sumber air panas di sepanjang Sungai Mrawu, "
                "anak Sungai Serayu, sekitar 35 km di utara kota Banjarnegara."
            ),
            paragraphs=(
                "Curug Genting dan Curug Mrawu (juga ditulis Merawu) berada di "
                "sepanjang aliran Sungai Mrawu, anak Sungai Serayu. Di dekatnya "
                "terdapat sumber air panas.",
                "Lokasinya sekitar 35 km di utara kota Banjarnegara, dengan akses "
                "melalui Karangkobar.",
                "Warga setempat meyakini air dari sumber air panas ini baik untuk "
                "penyakit kulit dan rematik.",
            ),
            facilities=("parkir", "kolam-rendam"),
            source="catatan perjalanan 2013-2015 (iqbalkautsar.com, idahceris.com)",
        ),
    ),
    # Sarwodadi
    "33.04.15.2003": DesaContent(
        tourism=TourismSpec(
            slug="curug-penaraban",
            title="Curug Penaraban",
            category="alam",
            summary=(
                "Air terjun sekitar 2 km berjalan kaki dari Dusun Tlodas, yang "
                "pada 2019 sedang dikembangkan sebagai objek wisata."
            ),
            paragraphs=(
                "Curug Penaraban dicapai dengan berjalan kaki sekitar 2 km dari "
                "Dusun Tlodas.",
                "Pada 2019 air terjun ini sedang dikembangkan sebagai objek wisata "
                "desa.",
            ),
            facilities=("jalur-trekking",),
            source="derapserayu.banjarnegarakab.go.id (23 September 2019)",
        ),
        wisdom=WisdomSpec(
            slug="kopi-penahan-lereng-tlodas",
            title="Kopi robusta dan arabika penahan lereng di Tlodas",
            category="pengetahuan",
            summary=(
                "Petani Dusun Tlodas menanam kopi robusta dan arabika, sebagian "
                "untuk menahan tanah di lereng yang curam."
            ),
            paragraphs=(
                "Petani di Dusun Tlodas menanam kopi robusta dan arabika. Selain "
                "untuk dipanen, tanaman kopi membantu menahan tanah di lereng yang "
                "curam.",
            ),
            practitioners="Petani kopi Dusun Tlodas",
            source=COFFEE_SOURCE,
        ),
    ),
    # Pegundungan
    "33.04.15.2013": DesaContent(
        news=[
            NewsSpec(
                slug="separator-gas-rawa-diresmikan",
                title="Separator gas rawa Pegundungan diresmikan gubernur",
                category="pembangunan",
                days_ago=20,
                summary=(
                    "Separator gas biogenik dangkal (gas rawa) diresmikan pada 18 "
                    "Agustus 2021 dan pertama kali mengalirkan gas ke 25 rumah."
                ),
                paragraphs=(
                    "Pada 18 Agustus 2021 Gubernur Jawa Tengah meresmikan separator "
                    "gas biogenik dangkal (gas rawa) di Desa Pegundungan.",
                    "Pada tahap awal gas dialirkan ke 25 rumah warga. Pengelolaannya "
                    "dipegang oleh BUMDes.",
                ),
                tags=("energi", "bumdes"),
                source="suarabaru.id (19 Agustus 2021), solopos.com",
            ),
        ],
        wisdom=WisdomSpec(
            slug="kopi-senggani",
            title="Kopi Senggani, arabika dari ketinggian 1.300 mdpl",
            category="kuliner",
            summary=(
                "Kopi arabika Senggani ditanam di Pegundungan pada ketinggian "
                "sekitar 1.300 meter di atas permukaan laut."
            ),
            paragraphs=(
                "Kopi Senggani adalah kopi arabika yang ditanam petani Pegundungan "
                "pada ketinggian sekitar 1.300 mdpl.",
            ),
            practitioners="Petani kopi Desa Pegundungan",
            source="timesindonesia.co.id (2020)",
        ),
    ),
    # Ratamba
    "33.04.15.2011": DesaContent(
        news=[
            NewsSpec(
                slug="tanah-gerak-januari-2025",
                title="Tanah gerak merusak 16 rumah, hunian tetap di Kaliireng",
                category="bencana",
                days_ago=45,
                summary=(
                    "Pergerakan tanah pada Januari 2025 merusak berat 16 rumah; "
                    "hunian tetap direncanakan di Dusun Kaliireng."
                ),
                paragraphs=(
                    "Pergerakan tanah (tanah gerak) pada Januari 2025 menyebabkan "
                    "16 rumah di Desa Ratamba rusak berat.",
                    "Hunian tetap bagi warga terdampak direncanakan di Dusun "
                    "Kaliireng.",
                ),
                tags=("tanah gerak", "kebencanaan"),
                source="detik.com, serayunews.com (2025)",
            ),
        ],
        wisdom=WisdomSpec(
            slug="kopi-robusta-konservasi-lahan",
            title="Petani kopi robusta dan konservasi lahan",
            category="pengetahuan",
            summary=(
                "Petani kopi robusta Ratamba ikut dalam program konservasi lahan."
            ),
            paragraphs=(
                "Petani kopi robusta di Desa Ratamba mengikuti program konservasi "
                "lahan, menanam kopi di lahan miring untuk menjaga tanah.",
            ),
            practitioners="Kelompok petani kopi robusta Desa Ratamba",
            source="Antara Jateng (2016)",
        ),
    ),
    # Pejawaran
    "33.04.15.2009": DesaContent(
        wisdom=WisdomSpec(
            slug="domba-batur-kendil-makmur",
            title="Domba Batur dan kelompok peternak Kendil Makmur",
            category="pengetahuan",
            summary=(
                "Domba Batur, rumpun domba asli Banjarnegara, dipelihara kelompok "
                "peternak Kendil Makmur di Desa Pejawaran."
            ),
            paragraphs=(
                "Domba Batur adalah rumpun domba Banjarnegara hasil persilangan "
                "Merino dengan domba lokal Dieng, ditetapkan melalui Kepmentan "
                "2916/Kpts/OT.140/6/2011.",
                "Domba ini dipelihara di Kecamatan Batur, Pejawaran dan Wanayasa. "
                "Di Desa Pejawaran, peternaknya berhimpun dalam kelompok Kendil "
                "Makmur.",
            ),
            practitioners="Kelompok peternak Domba Batur Kendil Makmur",
            source="ditjenpkh.pertanian.go.id (2015); Antara Jateng (2016)",
        ),
    ),
}


def generic_tourism(name: str) -> TourismSpec:
    return TourismSpec(
        slug="contoh-destinasi-wisata",
        title=f"Contoh destinasi wisata Desa {name}",
        category="alam",
        summary=(
            "Halaman contoh untuk demo. Editor desa menggantinya dengan destinasi "
            "wisata desa yang sebenarnya."
        ),
        paragraphs=(
            "Tuliskan daya tarik, cara menuju lokasi, jam buka dan fasilitas.",
        ),
        opening_hours="Setiap hari 08.00-16.00 (contoh)",
        ticket_price=5000,
        facilities=("parkir", "toilet"),
    )


GENERIC_WISDOM = [
    WisdomSpec(
        slug="basa-banyumasan-ngapak",
        title="Basa Banyumasan (ngapak) dalam keseharian",
        category="bahasa",
        summary=(
            "Warga wilayah Banjarnegara bertutur dalam bahasa Jawa dialek "
            "Banyumasan, yang akrab disebut ngapak."
        ),
        paragraphs=(
            "Bahasa Jawa dialek Banyumasan (ngapak) dipakai sehari-hari di wilayah "
            "Banjarnegara, termasuk di desa ini.",
        ),
        source="fakta wilayah Kabupaten Banjarnegara",
    ),
    WisdomSpec(
        slug="bertani-kentang-dan-embun-upas",
        title="Bertani kentang dan waspada embun upas",
        category="pengetahuan",
        summary=(
            "Banjarnegara adalah penghasil kentang terbesar di Jawa Tengah; "
            "embun upas (embun beku) dapat merusak tanaman kentang dan wortel."
        ),
        paragraphs=(
            "Kabupaten Banjarnegara adalah penghasil kentang terbesar di Jawa Tengah.",
            "Di dataran tinggi Dieng, embun upas (embun beku) pada musim kemarau "
            "dapat merusak tanaman kentang dan wortel.",
        ),
        source="fakta wilayah Kabupaten Banjarnegara",
    ),
]


def generic_development(name: str, index: int) -> DevelopmentSpec:
    """Sample project; every third desa has finished, the others are midway."""
    done = index % 3 == 0
    reports = [ReportSpec(70, 30, "Pengerjaan pondasi dan pemadatan (contoh).")]
    reports.append(ReportSpec(20, 100 if done else 60 + index, "Pengecoran (contoh)."))
    budget = 100_000_000 + index * 7_500_000
    return DevelopmentSpec(
        slug="rabat-beton-jalan-lingkungan",
        title=f"Rabat beton jalan lingkungan Desa {name}",
        summary=(
            "Pembangunan rabat beton jalan lingkungan dari Dana Desa. Anggaran dan "
            "progres adalah data contoh."
        ),
        paragraphs=(
            "Jalan lingkungan dibangun dengan rabat beton agar mudah dilalui saat "
            "musim hujan.",
        ),
        location_name=f"Jalan lingkungan RT 02, Desa {name}",
        volume=150 + index * 10,
        unit="m",
        fiscal_year=2026,
        funding_source="dana_desa",
        budget_total=budget,
        reports=tuple(reports),
        benefit="Memperlancar akses warga dan angkutan hasil pertanian.",
    )


def content_for(kode: str, name: str, index: int) -> DesaContent:
    """The demo content of one desa: its sourced items, filled up with
    clearly labelled samples to 3 news (varied per desa, see news.py),
    1 tourism, 1 wisdom, 1 project."""
    from .news import news_for  # news.py builds on the specs defined here

    specific = SPECIFIC.get(kode, DesaContent())
    return DesaContent(
        news=news_for(kode, name, specific.news),
        tourism=specific.tourism or generic_tourism(name),
        wisdom=specific.wisdom or GENERIC_WISDOM[index % len(GENERIC_WISDOM)],
        development=generic_development(name, index),
    )
