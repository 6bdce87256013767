"""Aid programmes and their participants pushed by OpenSID
(cms/opensid/aid.py): the three file layouts, full replacement, only the
number of participants kept, unknown programmes and other desa refused."""

import io
import zipfile
from datetime import date

import httpx
import pytest
from openpyxl import Workbook

from cms.opensid.models import AidProgramme, AidTarget

from .conftest import CAPTURED_KEY, replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADER_9 = "desa_id,id,nama,sasaran,ndesc,sdate,edate,status,asaldana"


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def push(server, path, name, data: bytes, desa_id="33.04.15.2011"):
    """POST a ZIP holding `name` as OpenSID's Guzzle calls do."""
    return httpx.post(
        f"{server}/api/v1/{path}",
        files={"file": (name.rsplit(".", 1)[0] + ".zip", zipped(name, data))},
        data={"desa_id": desa_id},
        headers={"Authorization": f"Bearer {CAPTURED_KEY}"},
        timeout=60,
    )


def csv_bytes(*lines: str) -> bytes:
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def programmes(desa) -> dict:
    return {p.opensid_id: p for p in AidProgramme.objects.filter(desa=desa)}


def test_the_v2410_programme_file_is_read_with_its_misalignment(server, ratamba):
    response = replay(server, "006_program_bantuan")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "success"
    blt, kopi = programmes(ratamba)[1], programmes(ratamba)[2]
    assert blt.name == "BLT Dana Desa Contoh 2024"
    assert blt.target == AidTarget.RESIDENT
    assert blt.description == 'Bantuan langsung tunai contoh, "uji coba", tahap 1'
    assert (blt.start_date, blt.end_date) == (date(2024, 1, 1), date(2024, 12, 31))
    # Value 8 is the empty userid, 9 the status (empty: false), 10 asal dana.
    assert (blt.active, blt.funding_source) == (False, "Dana Desa")
    assert (kopi.target, kopi.active, kopi.funding_source) == (
        AidTarget.FAMILY,
        False,
        "Kab/Kota",
    )


def test_participants_are_only_counted(server, ratamba):
    replay(server, "006_program_bantuan")
    response = replay(server, "007_program_bantuan_peserta")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "success"
    assert {i: p.participants for i, p in programmes(ratamba).items()} == {1: 2, 2: 1}


def test_an_active_v2410_programme_and_the_older_aligned_header(server, ratamba):
    v2410 = csv_bytes(
        HEADER_9,
        '33.04.15.2011,5,"PKH Contoh",1,"",2025-01-01,,,1,Pusat',
    )
    assert push(server, "program-bantuan", "p.csv", v2410).status_code == 200
    pkh = programmes(ratamba)[5]
    assert (pkh.active, pkh.funding_source, pkh.end_date) == (True, "Pusat", None)
    older = csv_bytes(
        "desa_id,id,nama,sasaran,ndesc,sdate,edate,userid,status,asaldana",
        '33.04.15.2011,5,"PKH Contoh",1,"",2025-01-01,2025-12-31,3,1,Provinsi',
    )
    assert push(server, "program-bantuan", "p.csv", older).status_code == 200
    pkh = programmes(ratamba)[5]
    assert (pkh.active, pkh.funding_source) == (True, "Provinsi")
    assert pkh.end_date == date(2025, 12, 31)


def newer_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER_9.split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_newer_xlsx_replaces_the_programmes(server, ratamba):
    replay(server, "006_program_bantuan")
    replay(server, "007_program_bantuan_peserta")
    data = newer_xlsx(
        [
            ["33.04.15.2011", 1, "BLT Dana Desa Contoh 2024", 1, "x &amp; y",
             date(2024, 1, 1), date(2024, 12, 31), 1, "Dana Desa"],
            ["3304152011", 3, "Bedah Rumah", 3, None, "2025-02-01", None, 0,
             "Lain-lain (Hibah)"],
        ]
    )  # fmt: skip
    response = push(server, "program-bantuan", "program_bantuan_opendk.xlsx", data)
    assert response.status_code == 200, response.text
    now = programmes(ratamba)
    assert set(now) == {1, 3}  # Bibit Kopi is no longer sent: removed
    assert (now[1].active, now[1].description, now[1].participants) == (
        True,
        "x & y",
        2,  # kept until the participant push that follows
    )
    assert (now[3].target, now[3].active, now[3].start_date) == (
        AidTarget.HOUSEHOLD,
        False,
        date(2025, 2, 1),
    )


def test_a_participant_of_an_unknown_programme_is_refused(server, ratamba):
    replay(server, "006_program_bantuan")
    replay(server, "007_program_bantuan_peserta")
    data = csv_bytes(
        "desa_id,id,peserta,program_id,no_id_kartu,kartu_nik,kartu_nama,"
        "kartu_tempat_lahir,kartu_tanggal_lahir,kartu_alamat,kartu_peserta,"
        "kartu_id_pend,sasaran",
        "33.04.15.2011,1,3304159901800001,1,K,3304159901800001,Budi Contoh,"
        "Banjarnegara,1980-01-01,Jl,,2,1",
        "33.04.15.2011,9,3304159942900004,77,K,3304159942900004,Wati Sampel,"
        "Banjarnegara,1990-02-02,Jl,,5,1",
    )
    response = push(server, "program-bantuan/peserta", "peserta.csv", data)
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == ["baris 3"]
    assert "program_id" in body["errors"]["baris 3"][0]
    for personal in ("3304159942900004", "Wati", "1990-02-02"):
        assert personal not in response.text
    # Nothing changed.
    assert {i: p.participants for i, p in programmes(ratamba).items()} == {1: 2, 2: 1}


@pytest.mark.parametrize("where", ["row", "part"])
def test_another_desa_is_refused_and_nothing_stored(server, ratamba, where):
    row_desa = "33.04.15.2005" if where == "row" else "33.04.15.2011"
    part_desa = "33.04.15.2005" if where == "part" else "33.04.15.2011"
    data = csv_bytes(HEADER_9, f'{row_desa},5,"PKH",1,"",2025-01-01,,,1,Pusat')
    response = push(server, "program-bantuan", "p.csv", data, desa_id=part_desa)
    assert response.status_code == 403
    assert "33.04.15.2005" in response.json()["message"]
    assert not AidProgramme.objects.exists()


def test_a_bad_date_names_the_row_and_column(server, ratamba):
    data = csv_bytes(HEADER_9, '33.04.15.2011,5,"PKH",1,"",1 Januari 2025,,,1,Pusat')
    response = push(server, "program-bantuan", "p.csv", data)
    assert response.status_code == 422
    assert response.json()["errors"]["baris 2"][0].startswith("sdate")
    assert not AidProgramme.objects.exists()
