"""Fake but realistic residents of a desa, as its OpenSID database holds
them (its reference codes, its export's column names), so that pushing them
really exercises the privacy rule. Deterministic for a seed; names, places
and numbers are invented (NIK and KK numbers have the real shape: the
kecamatan's 6-digit region code, a date, a serial)."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

MALE = [
    "Slamet",
    "Ahmad",
    "Sugeng",
    "Wahyu",
    "Agus",
    "Joko",
    "Eko",
    "Teguh",
    "Bambang",
    "Rudi",
    "Hadi",
    "Suparman",
    "Sutrisno",
    "Muhammad",
    "Yusuf",
    "Imam",
    "Rohmat",
    "Wahid",
    "Fajar",
    "Rizki",
    "Bayu",
    "Dimas",
    "Arif",
    "Taufik",
    "Kusno",
    "Sarno",
    "Darmo",
    "Tarsono",
    "Warsito",
    "Ma'ruf",
    "Nurhadi",
    "Sukirno",
]
FEMALE = [
    "Siti",
    "Sri",
    "Sumiati",
    "Suyati",
    "Endang",
    "Rina",
    "Dewi",
    "Ani",
    "Umi",
    "Lestari",
    "Ratna",
    "Yuni",
    "Fitri",
    "Rahma",
    "Nurul",
    "Aisyah",
    "Indah",
    "Putri",
    "Ayu",
    "Tarsini",
    "Kasmini",
    "Warsini",
    "Sukinah",
    "Darsih",
    "Partini",
    "Rukmini",
    "Wartini",
    "Nur'aini",
]
FAMILY = [
    "Santoso",
    "Wibowo",
    "Susanto",
    "Prasetyo",
    "Hidayat",
    "Setiawan",
    "Saputra",
    "Nugroho",
    "Purnomo",
    "Kurniawan",
    "Maulana",
    "Hartono",
    "Sulistyo",
    "Riyanto",
    "Rahayu",
    "Wulandari",
    "Handayani",
    "Suryani",
    "Utami",
    "Mulyani",
]
BIRTHPLACES = ["Banjarnegara"] * 8 + ["Wonosobo", "Purbalingga", "Jakarta"]
DUSUN = ["Krajan", "Kalisari", "Sidomulyo", "Karangrejo"]
STREETS = ["Jl. Raya Pejawaran", "Jl. Dieng", "Jl. Kalibening", "Gg. Melati"]


@dataclass
class Family:
    nomor_kk: str | None
    dusun: str
    rw: str
    rt: str
    alamat: str | None
    members: list = field(default_factory=list)


class _Numbers:
    """NIK and KK numbers in their real shape: the 6-digit region code of
    the desa's kecamatan, a date (day + 40 for women), a serial."""

    def __init__(self, kode_desa: str):
        self.region = kode_desa.replace(".", "")[:6]
        self.serial = 0

    def nik(self, born: date, female: bool) -> str:
        self.serial += 1
        day = born.day + (40 if female else 0)
        return f"{self.region}{day:02d}{born:%m%y}{self.serial:04d}"

    def kk(self, issued: date) -> str:
        self.serial += 1
        return f"{self.region}{issued:%d%m%y}{self.serial:04d}"


def _born(rng: random.Random, today: date, low: int, high: int) -> date:
    return today - timedelta(days=rng.randint(low * 365, high * 365))


def _school(age: int) -> int:
    """pendidikan_sdg_ditempuh: 1 not yet, 2 in TK, 4 in SD, 6 in SLTP,
    7 in SLTA, 18 not in school."""
    for below, code in ((5, 1), (7, 2), (13, 4), (16, 6), (19, 7)):
        if age < below:
            return code
    return 18


def _person(rng, numbers, today, *, female, age, role, family, parents=None):
    born = _born(rng, today, age, age + 1)
    first = rng.choice(FEMALE if female else MALE)
    name = first if rng.random() < 0.4 else f"{first} {rng.choice(FAMILY)}"
    adult = age >= 17
    school = _school(age)
    person = {
        "nama": name,
        "nomor_nik": numbers.nik(born, female),
        "jenis_kelamin": 2 if female else 1,
        "tempat_lahir": rng.choice(BIRTHPLACES),
        "tanggal_lahir": born.isoformat(),
        "agama": 1 if rng.random() < 0.97 else rng.choice([2, 3]),
        "pendidikan_dlm_kk": rng.choice([3, 3, 4, 4, 5, 5, 6, 8])
        if adult
        else (1 if age < 7 else 2),
        "pendidikan_sdg_ditempuh": school,
        "pekerjaan": rng.choice([9, 9, 9, 20, 19, 88, 2, 15]) if adult else 3,
        "kawin": 2 if role in (1, 3) else 1,
        "hubungan_keluarga": role,
        "kewarganegaraan": 1,
        "nama_ayah": f"{rng.choice(MALE)} {rng.choice(FAMILY)}",
        "nama_ibu": rng.choice(FEMALE),
        "gol_darah": rng.choice([13, 13, 13, 1, 2, 3, 4]),
        "akta_lahir": f"3304-LT-{born:%d%m%Y}-{numbers.serial:04d}"
        if born.year >= 2000
        else None,
        "nik_ayah": "0",  # OpenSID stores "0" for an unknown parent NIK
        "nik_ibu": None,
        "cacat": 7,
        "cara_kb": None,
        "hamil": 0 if female else None,
        "ktp_el": 2 if adult else 3,
        "status_rekam": 4 if adult else 1,
        "alamat_sekarang": family.alamat,
        "status_dasar": 1,
    }
    if parents:
        father, mother = parents
        person["nama_ayah"], person["nik_ayah"] = father["nama"], father["nomor_nik"]
        if mother:
            person["nama_ibu"], person["nik_ibu"] = mother["nama"], mother["nomor_nik"]
    if role in (1, 3) and person["kawin"] == 2:
        person["nomor_akta_perkawinan"] = f"AKN-{rng.randint(100, 999)}/{born.year}"
        person["tanggal_perkawinan"] = (born + timedelta(days=365 * 23)).isoformat()
    return person


def _family(rng, numbers, today, index) -> Family:
    dusun = DUSUN[index % len(DUSUN)]
    rw = f"{index % len(DUSUN) + 1:03d}"
    rt = f"{rng.randint(1, 4):03d}"
    alamat = f"Dusun {dusun} RT {rt} RW {rw}"
    if rng.random() < 0.2:
        alamat = f"{rng.choice(STREETS)} No. {rng.randint(1, 80)}, RT {rt}"
    family = Family(numbers.kk(_born(rng, today, 1, 20)), dusun, rw, rt, alamat)
    head_age = rng.randint(25, 70)
    head = _person(
        rng, numbers, today, female=False, age=head_age, role=1, family=family
    )
    family.members.append(head)
    wife = None
    if rng.random() < 0.85:
        wife = _person(
            rng, numbers, today, female=True, age=head_age - 3, role=3, family=family
        )
        if head_age < 45 and rng.random() < 0.5:
            wife["cara_kb"] = rng.choice([1, 2, 3, 3, 5])
        wife["hamil"] = 1 if head_age < 35 and rng.random() < 0.2 else 0
        family.members.append(wife)
    else:
        head["kawin"] = 4
    for _child in range(rng.choice([0, 1, 2, 2, 3]) if head_age < 60 else 0):
        family.members.append(
            _person(
                rng,
                numbers,
                today,
                female=rng.random() < 0.5,
                age=rng.randint(0, max(head_age - 22, 1)),
                role=4,
                family=family,
                parents=(head, wife),
            )
        )
    if head_age < 50 and rng.random() < 0.15:
        elder = _person(
            rng, numbers, today, female=True, age=head_age + 26, role=7, family=family
        )
        elder["kawin"] = 4
        family.members.append(elder)
    return family


def _newcomer(rng, numbers, today) -> Family:
    """A resident without a KK (a pendatang): OpenSID leaves alamat,
    nomor_kk and hubungan_keluarga empty, and lists them first."""
    family = Family(None, "", "", "", None)
    person = _person(rng, numbers, today, female=True, age=28, role=None, family=family)
    person["alamat_sekarang"] = 'Kos "Sederhana", Jl. Raya Pejawaran No. 3'
    family.members.append(person)
    return family


def fake_residents(n: int, kode_desa: str, seed: int = 14, today: date | None = None):
    """About `n` fake residents of the desa `kode_desa`, as dicts keyed by
    OpenSID's export columns (raw database values: ints for codes, None for
    empty, "0" for an unknown parent NIK), each with its KK's dusun, rw, rt
    and alamat. Deterministic for a seed. Includes a resident without a KK,
    one who died and one who moved, an address with a comma and quotes, and
    names with an apostrophe."""
    rng = random.Random(seed)  # noqa: S311 (repeatable samples, not secrets)
    today = today or date.today()
    numbers = _Numbers(kode_desa)
    families = [_newcomer(rng, numbers, today)]
    count = 1
    while count < n:
        family = _family(rng, numbers, today, len(families))
        families.append(family)
        count += len(family.members)
    people = []
    for family in families:
        for member in family.members:
            member.update(
                nomor_kk=family.nomor_kk,
                dusun=family.dusun,
                rw=family.rw,
                rt=family.rt,
                alamat=family.alamat,
            )
            people.append(member)
    people = people[:n]
    _life_events(rng, people, today)
    return people


def _life_events(rng, people, today) -> None:
    stamp = datetime.combine(today, datetime.min.time()).replace(hour=9)
    for number, person in enumerate(people, start=1):
        person["id"] = number
        person["foto"] = None
        if number % 7 == 3:
            person["foto"] = f"kecil_{1790000000 + number * 3607}{number:06d}.jpg"
        created = stamp - timedelta(days=rng.randint(30, 900), minutes=number)
        person["created_at"] = created.strftime("%Y-%m-%d %H:%M:%S")
        person["updated_at"] = (created + timedelta(days=rng.randint(0, 20))).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
    if len(people) > 12:
        people[-2]["status_dasar"] = 2  # died: still sent, status 2
        people[-5]["status_dasar"] = 3  # moved away
    if len(people) > 3:
        people[2]["alamat_sekarang"] = 'Jl. Raya Pejawaran No. 7, "Gang Kenanga" RT 001'


def deleted_residents(residents: list[dict]) -> list[dict]:
    """Residents the operator deleted in OpenSID (absent from the resident
    file): their OpenSID id and stored photo name, never more."""
    last = max((person["id"] for person in residents), default=0)
    return [
        {"id": last + 1, "foto": None},
        {"id": last + 2, "foto": f"{1790000000 + last}123456.jpg"},
    ]
