"""The simulator (cms/opensid/simulator/) builds what OpenSID really sends:
compared with the captured v2410 bytes (tests/opensid/samples/), and the
opensid_push command and the demo push run against this project."""

import base64
import io
import json
import re
import zipfile
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cms.demo.opensid import push_opensid_desa
from cms.desa.models import IntegrationStatus
from cms.opensid import simulator
from cms.opensid.archive import PushArchive
from cms.opensid.models import SyncKey, SyncPush
from cms.opensid.simulator import NEWER, V2410, Simulation, Village, formats
from cms.opensid.simulator.opensid import opensid_now

from .conftest import SAMPLES, captured

CAPTURE_MOMENT = datetime(2026, 12, 1, 1, 48, 20)
RATAMBA = Village(
    "33.04.15.2011", "Ratamba", -7.231191, 109.815969, "https://ratamba.desa.example"
)
ALL_MODULES = [
    "identitas-desa",
    "penduduk/storedata",
    "penduduk",
    "pembangunan",
    "pembangunan/dokumentasi",
    "program-bantuan",
    "program-bantuan/peserta",
    "laporan-apbdes",
    "laporan-penduduk",
]


def simulation(version=V2410, residents=40):
    return Simulation(
        RATAMBA, version=version, residents=residents, moment=CAPTURE_MOMENT
    )


def by_module(requests):
    return {request.module: request for request in requests}


def multipart_parts(request):
    """[(headers text, content)] of a multipart body."""
    boundary = request.content_type.split("boundary=")[1].encode()
    chunks = request.body.split(b"--" + boundary)
    assert chunks[0] == b"" and chunks[-1] == b"--\r\n"
    parts = []
    for chunk in chunks[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _sep, content = chunk[2:-2].partition(b"\r\n\r\n")
        parts.append((head.decode(), content))
    return parts


def captured_parts(name):
    request = captured(name)
    return multipart_parts(
        simulator.Request("", request.headers["Content-Type"], request.body)
    )


def zip_of(request):
    return zipfile.ZipFile(io.BytesIO(multipart_parts(request)[0][1]))


def captured_zip(name):
    return zipfile.ZipFile(io.BytesIO(captured_parts(name)[0][1]))


def first_line(data: bytes) -> bytes:
    return data.split(b"\n", 1)[0]


def test_the_identity_form_is_byte_for_byte_the_captured_one():
    request = by_module(simulation().identity())["identitas-desa"]
    assert request.body == captured("001_identitas_desa").body
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.headers == {
        "User-Agent": "GuzzleHttp/7",
        "X-Requested-With": "XMLHttpRequest",
    }


@pytest.mark.parametrize(
    ("module", "capture"),
    [
        ("pembangunan", "004_pembangunan"),
        ("pembangunan/dokumentasi", "005_pembangunan_dokumentasi"),
        ("program-bantuan", "006_program_bantuan"),
        ("program-bantuan/peserta", "007_program_bantuan_peserta"),
    ],
)
def test_guzzle_uploads_are_built_as_captured(module, capture):
    request = by_module(simulation().requests())[module]
    mine, theirs = multipart_parts(request), captured_parts(capture)
    # Parts `file` then `desa_id`, with the same headers (Content-Length
    # aside), the same ZIP name and the same desa code.
    length = re.compile(r"Content-Length: \d+")
    assert [length.sub("", head) for head, _ in mine] == [
        length.sub("", head) for head, _ in theirs
    ]
    for head, content in mine:
        assert f"Content-Length: {len(content)}\r\n" in head + "\r\n"
    assert mine[1][1] == theirs[1][1] == b"33.04.15.2011"
    assert re.fullmatch(
        r"multipart/form-data; boundary=[0-9a-f]{40}", request.content_type
    )

    # The same entry layout: photos first, the CSV of the ZIP's name last,
    # with the same header line, byte for byte (BOM included).
    ours, real = zip_of(request), captured_zip(capture)
    assert ours.namelist()[-1] == real.namelist()[-1]
    assert first_line(ours.read(ours.namelist()[-1])) == first_line(
        real.read(real.namelist()[-1])
    )
    # Named by OpenSID's Unix time: 01:48:20 in Jakarta, as in the captures.
    photo = re.compile(r"1796064500[a-z]+\d*__sid__[A-Za-z0-9]{7}\.(jpg|png)")
    assert all(photo.fullmatch(name) for name in ours.namelist()[:-1])
    for info in ours.infolist():
        assert (info.compress_type, info.create_system, info.external_attr) == (
            zipfile.ZIP_DEFLATED,
            0,
            0x20,
        )


def test_csv_values_follow_php_fputcsv_and_photos_are_in_the_zip():
    requests = by_module(simulation().requests())
    archive = zip_of(requests["pembangunan"])
    text = archive.read(archive.namelist()[-1]).decode("utf-8-sig")
    assert text.endswith("\n") and "\r" not in text
    first = text.splitlines()[1]
    assert first.startswith(
        '33.04.15.2011,1,"Dana Desa","Dusun Krajan - Rw 001/RT 001",'
    )
    assert ",0,BARU," in first  # v2410 never saves waktu or sifat_proyek
    assert "Contoh" in first
    rows = list(PushArchive(upload(requests["pembangunan"])).rows())
    assert [row["id"] for row in rows] == [str(n) for n in range(1, 8)]
    for row in rows:
        if row["foto"]:
            assert archive.read(row["foto"])[:3] in (b"\xff\xd8\xff", b"\x89PN")
    progress = list(PushArchive(upload(requests["pembangunan/dokumentasi"])).rows())
    assert {row["persentase"] for row in progress} >= {"25", "100"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row["created_at"]) for row in progress)


def upload(request):
    name, data = (
        re.search(r'filename="([^"]+)"', multipart_parts(request)[0][0])[1],
        (multipart_parts(request)[0][1]),
    )
    return SimpleUploadedFile(name.rsplit("/", 1)[-1], data)


def test_v2410_programme_csv_has_9_names_and_10_values():
    request = by_module(simulation().requests())["program-bantuan"]
    archive = zip_of(request)
    lines = archive.read(archive.namelist()[0]).decode("utf-8-sig").splitlines()
    assert lines[0] == "desa_id,id,nama,sasaran,ndesc,sdate,edate,status,asaldana"
    values = [next(iter(__import__("csv").reader([line]))) for line in lines[1:]]
    assert values and all(len(row) == 10 for row in values)
    assert all(row[7] == "" for row in values)  # userid, never set in v2410
    assert {row[8] for row in values} == {"1", ""}  # status: true or empty
    assert values[0][9] == "Dana Desa"
    assert "&quot;" in values[0][4]  # stored through htmlentities()


def test_the_newer_programme_file_is_an_aligned_xlsx():
    request = by_module(simulation(NEWER).requests())["program-bantuan"]
    name = zip_of(request).namelist()[0]
    assert name == "program_bantuan_01_12_2026_opendk_01_12_2026.xlsx"
    rows = list(PushArchive(upload(request)).rows())
    assert [row["status"] for row in rows] == ["1", "1", "0", "0"]
    assert rows[0]["asaldana"] == "Dana Desa"


def sheet_xml(request):
    archive = zip_of(request)
    xlsx = [name for name in archive.namelist() if name.endswith(".xlsx")][0]
    inner = zipfile.ZipFile(io.BytesIO(archive.read(xlsx)))
    return archive, xlsx, inner.read("xl/worksheets/sheet1.xml").decode()


def test_v2410_residents_come_as_captured():
    request = by_module(simulation().requests(["penduduk"]))["penduduk/storedata"]
    mine, theirs = multipart_parts(request), captured_parts("002_penduduk_storedata")
    assert [head for head, _ in mine] == [head for head, _ in theirs]  # same name
    assert re.fullmatch(
        r"multipart/form-data; boundary=-{24}[0-9a-f]{16}", request.content_type
    )
    assert request.headers == {
        "Accept": "*/*",
        "Accept-Encoding": "deflate, gzip, br, zstd",
    }
    archive, xlsx, xml = sheet_xml(request)
    assert xlsx == "penduduk_01_12_2026_opendk.xlsx" == archive.namelist()[-1]
    assert all(name.startswith("kecil_") for name in archive.namelist()[:-1])
    assert archive.namelist()[:-1]  # photos, some rows name a missing one
    cells = re.findall(r"<c [^>]*>", xml)
    assert cells and all('t="inlineStr"' in cell for cell in cells)
    assert "<t></t>" not in xml and "<t>0</t>" not in xml
    rows = list(PushArchive(upload(request)).rows())
    real = json.loads(
        (
            SAMPLES
            / "002_penduduk_storedata/unzipped/penduduk_01_12_2026_opendk.zip"
            / "penduduk_01_12_2026_opendk.xlsx.json"
        ).read_text()
    )
    header = PushArchive(upload(request)).rows().header
    assert header == real["rows"][0] and len(header) == 42
    assert len(rows) == 40
    assert rows[0]["nomor_kk"] == "" and rows[0]["dusun"] == "-"  # no KK first
    assert all(row["tanggal_akhir_pasport"] == "" for row in rows)
    assert all(row["nomor_nik"].startswith("330415") for row in rows)
    assert {row["status_dasar"] for row in rows} == {"1", "2", "3"}
    assert "&quot;&quot;Gang Kenanga&quot;&quot;" in xml  # CSV quoting in a cell
    deletions = by_module(simulation().requests(["penduduk"]))["penduduk"]
    assert deletions.body == captured("003_penduduk").body


def test_newer_residents_are_raw_with_numbers_and_no_photos():
    requests = by_module(simulation(NEWER).requests(["penduduk"]))
    archive, xlsx, xml = sheet_xml(requests["penduduk/storedata"])
    assert archive.namelist() == ["penduduk_opendk_01_12_2026.xlsx"]
    assert 't="n"' in xml and "<t>0</t>" in xml  # "0" for an unknown parent NIK
    deleted = json.loads(requests["penduduk"].body)["hapus_penduduk"]
    assert deleted and all(
        isinstance(item["id_pend_desa"], int) and item["desa_id"] == "33.04.15.2011"
        for item in deleted
    )


def test_programme_before_projects_sends_header_only_files_as_opensid_does():
    requests = simulation().requests(["bantuan", "pembangunan"])
    for module, capture in (
        ("pembangunan", "008_pembangunan"),
        ("pembangunan/dokumentasi", "009_pembangunan_dokumentasi"),
    ):
        ours, real = zip_of(by_module(requests)[module]), captured_zip(capture)
        assert ours.namelist() == real.namelist()
        assert ours.read(ours.namelist()[0]) == real.read(real.namelist()[0])


def test_reports_are_json_with_base64_pdfs_as_captured():
    requests = by_module(simulation().requests())
    for module, capture in (
        ("laporan-apbdes", "011_laporan_apbdes"),
        ("laporan-penduduk", "013_laporan_penduduk"),
    ):
        request = requests[module]
        real = json.loads(captured(capture).body)
        ours = json.loads(request.body)
        key = module.replace("-", "_")
        assert list(ours) == list(real) == ["desa_id", key]
        assert [list(item) for item in ours[key]][:1] == [list(real[key][0])]
        item = ours[key][0]
        assert re.fullmatch(r"[a-z0-9_]+_01_12_2026\.pdf", item["nama_file"])
        # OpenSID's local clock (Asia/Jakarta) in UTC, as Eloquent writes it.
        assert item["created_at"] == "2026-11-28T18:48:20.000000Z"
        pdf = base64.b64decode(item["file"])
        assert pdf.startswith(b"%PDF-1.4") and pdf.endswith(b"%%EOF\n")
        assert request.headers["Accept"] == "application/json"


def test_a_push_stays_small_enough_for_the_demo():
    # 200 residents with photos, 7 projects, 10 progress photos, 6 reports.
    requests = simulation(residents=200).requests()
    assert len(requests) == len(ALL_MODULES)
    assert sum(len(request.body) for request in requests) < 400_000


def test_the_tiny_pdf_has_a_correct_cross_reference_table():
    pdf = formats.tiny_pdf(["Laporan (contoh)", "baris 2"])
    startxref = int(re.search(rb"startxref\n(\d+)", pdf)[1])
    assert pdf[startxref:].startswith(b"xref")
    offsets = [int(n) for n in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())


def test_fake_residents_are_deterministic_and_bounded():
    first = simulator.make_residents(200, "33.04.15.2011", 7, CAPTURE_MOMENT.date())
    again = simulator.make_residents(200, "33.04.15.2011", 7, CAPTURE_MOMENT.date())
    other = simulator.make_residents(200, "33.04.15.2011", 8, CAPTURE_MOMENT.date())
    assert first == again != other
    assert len(first) == 200
    assert len({person["nomor_nik"] for person in first}) == 200
    assert any("'" in person["nama"] for person in first)


# The command and the demo, against this project's (placeholder) handlers.

pytestmark_db = pytest.mark.django_db


@pytest.fixture
def ratamba_key(desa_b):
    _key, plain = SyncKey.objects.issue(desa_b)
    return plain


@pytest.mark.django_db
def test_the_command_pushes_every_module_in_process_and_prints_each_answer(
    desa_b, ratamba_key
):
    out = io.StringIO()
    call_command(
        "opensid_push", desa="3304152011", key=ratamba_key, residents=30, stdout=out
    )
    output = out.getvalue()
    for module in ALL_MODULES:
        assert re.search(rf"^{re.escape(module)}: HTTP \d{{3}} ", output, re.M)
    assert "of 9" in output or "dari 9" in output
    assert sorted(SyncPush.objects.values_list("module", flat=True)) == sorted(
        ALL_MODULES
    )
    # The output names modules and answers, never a resident's value.
    today = opensid_now().date()
    people = simulator.make_residents(30, "33.04.15.2011", 14, today)
    assert not any(person["nomor_nik"] in output for person in people)


@pytest.mark.django_db
def test_the_command_reports_a_wrong_key_without_crashing(desa_b):
    out = io.StringIO()
    call_command(
        "opensid_push",
        desa="33.04.15.2011",
        key="not-a-key",
        opensid="newer",
        modules=["identitas", "laporan-apbdes"],
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("identitas-desa: HTTP 401 danger")
    assert lines[1].startswith("laporan-apbdes: HTTP 422 danger")
    assert not SyncPush.objects.exists()


@pytest.mark.django_db
def test_the_demo_marks_ratamba_as_on_opensid_and_pushes_it(desa_b):
    desa_b.integration_status = IntegrationStatus.INTEGRATED
    desa_b.save_revision().publish()
    lines = []
    push_opensid_desa(lines.append)
    desa_b.refresh_from_db()
    assert desa_b.integration_status == IntegrationStatus.FEED
    assert len(lines) == len(ALL_MODULES)  # one line per answer, no crash
    assert SyncKey.objects.filter(desa=desa_b, revoked_at=None).count() == 1
    assert set(SyncPush.objects.values_list("module", flat=True)) == set(ALL_MODULES)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_pushes_over_http_with_the_headers_opensid_sends(server):
    out = io.StringIO()
    call_command(
        "opensid_push",
        desa="33.04.15.2011",
        key="any-test-key",
        server=server,
        modules=["identitas", "pembangunan"],
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == [
        "identitas-desa",
        "pembangunan",
        "pembangunan/dokumentasi",
    ]
    assert sorted(SyncPush.objects.values_list("module", flat=True)) == [
        "identitas-desa",
        "pembangunan",
        "pembangunan/dokumentasi",
    ]


@pytest.mark.django_db
def test_an_unreachable_server_is_reported_not_raised():
    out = io.StringIO()
    call_command(
        "opensid_push",
        desa="33.04.15.2011",
        key="k",
        server="http://127.0.0.1:9",
        modules=["identitas"],
        stdout=out,
    )
    assert out.getvalue().startswith("identitas-desa: HTTP 0")
