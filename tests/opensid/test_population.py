"""Residents pushed by OpenSID become aggregate figures and nothing else
(cms/opensid/population.py, figures.py): the captured v2410 pushes replayed
over real HTTP, the figures counted by hand from the fixture, all or nothing,
another desa refused, and the privacy test: no personal value of the fixture
is anywhere in the database, the media folders or the log afterwards."""

import csv
import io
import json
import logging
import zipfile
from datetime import date
from pathlib import Path

import httpx
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from cms.opensid import population
from cms.opensid.fake import RESIDENT_COLUMNS, residents_xlsx
from cms.opensid.models import Outcome, PopulationFigures, SyncPush

from .conftest import CAPTURED_KEY, SAMPLES, replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STOREDATA = SAMPLES / "002_penduduk_storedata"
PUSHED_ON = date(2026, 12, 1)  # the captures' day: ages are counted on it


def fixture_rows() -> list[dict]:
    """The 7 residents of capture 002, as dicts by column."""
    dump = next((STOREDATA / "unzipped").glob("*/*.xlsx.json"))
    header, *rows = json.loads(dump.read_text())["rows"]
    assert tuple(header) == RESIDENT_COLUMNS
    return [
        {column: value or "" for column, value in zip(header, row, strict=True)}
        for row in rows
    ]


def push_residents(server: str, rows: list[dict]) -> httpx.Response:
    """POST rows as OpenSID's curl call does: one part `file`, a ZIP whose
    name carries a path, holding the XLSX (and a photo)."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("kecil_1796064497697741.png", b"\x89PNG\r\n\x1a\nfake")
        zipped.writestr("penduduk_01_12_2026_opendk.xlsx", residents_xlsx(rows))
    name = "desa/upload/sinkronisasi/penduduk_01_12_2026_opendk.zip"
    return httpx.post(
        server + "/api/v1/penduduk/storedata",
        files={"file": (name, archive.getvalue(), "application/octet-stream")},
        headers={"Authorization": f"Bearer {CAPTURED_KEY}"},
        timeout=60,
    )


@pytest.fixture(autouse=True)
def pushed_on(monkeypatch):
    monkeypatch.setattr(population, "push_date", lambda: PUSHED_ON)


def counts(figures, table: str) -> dict:
    return {row["key"]: row["count"] for row in figures.tables[table] if row["count"]}


# Counted by hand from 002's XLSX (samples README, "Data entered"): 7 rows
# (the deleted resident is absent), Mendiang Percontohan died (status 2), so
# 6 living: Pendatang (P, 1995, no KK), Anak (L, 2010), Siti (P, 1985),
# Budi (L, 1980, head), Dummy (L, 2015), Wati (P, 1990, head).
EXPECTED = {
    "sex": {"1": 3, "2": 3},
    "age_group": {
        "10-14": 1,
        "15-19": 1,
        "30-34": 1,
        "35-39": 1,
        "40-44": 1,
        "45-49": 1,
    },
    "religion": {"1": 6},
    "education": {"2": 1, "3": 1, "4": 1, "5": 2, "6": 1},
    "occupation": {"2": 1, "3": 2, "9": 1, "88": 1, "89": 1},
    "marital_status": {"1": 3, "2": 2, "4": 1},
    "status": {"1": 6, "2": 1},
}


def test_the_captured_push_keeps_only_the_figures(server, ratamba):
    response = replay(server, "002_penduduk_storedata")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "success"
    figures = PopulationFigures.objects.get(desa=ratamba)
    assert (figures.residents, figures.households, figures.source) == (6, 2, "opensid")
    assert {name: counts(figures, name) for name in EXPECTED} == EXPECTED
    # Whole tables, zeros included, in OpenSID's order with its labels.
    assert figures.tables["sex"] == [
        {"key": "1", "label": "LAKI-LAKI", "count": 3},
        {"key": "2", "label": "PEREMPUAN", "count": 3},
    ]
    assert [row["key"] for row in figures.tables["age_group"]][-2:] == ["70-74", "75+"]
    assert figures.tables["occupation"][-1] == {
        "key": "89",
        "label": "LAINNYA",
        "count": 1,
    }
    push = SyncPush.objects.get()
    assert (push.module, push.outcome, push.rows_received) == (
        "penduduk/storedata",
        Outcome.SUCCESS,
        7,
    )


def test_the_deletion_list_is_acknowledged(server):
    response = replay(server, "003_penduduk")  # v2410 always sends it empty
    assert response.status_code == 200
    assert response.json()["status"] == "success"
    items = [
        {"desa_id": "33.04.15.2011", "id_pend_desa": "7", "foto": None},
        {"desa_id": "3304152011", "id_pend_desa": 12, "foto": "x.jpg"},
    ]
    body = json.dumps({"hapus_penduduk": items}).encode()
    response = replay(server, "003_penduduk", body=body)
    assert response.status_code == 200
    assert "2" in response.json()["message"]


@pytest.mark.parametrize(
    ("item", "where"),
    [
        ({"desa_id": "33.04.15.2011", "id_pend_desa": "tujuh"}, "hapus_penduduk.1"),
        ({"desa_id": "33.04.15.2011", "id_pend_desa": True}, "hapus_penduduk.1"),
        ({"desa_id": "", "id_pend_desa": 1}, "hapus_penduduk.1"),
        ({"desa_id": "33.04.15.2005", "id_pend_desa": 1}, "hapus_penduduk.1.desa_id"),
    ],
)
def test_a_bad_deletion_list_is_refused(server, item, where):
    body = json.dumps({"hapus_penduduk": [item]}).encode()
    response = replay(server, "003_penduduk", body=body)
    assert response.status_code == 422  # curl: only a 422 shows as a failure
    assert where in response.json()["errors"]


def test_a_row_of_another_desa_refuses_the_whole_push(server, ratamba):
    rows = fixture_rows()
    rows[3]["desa_id"] = "33.04.15.2005"  # Giritirta
    response = push_residents(server, rows)
    assert response.status_code == 422  # storedata is a curl call
    assert "33.04.15.2005" in response.json()["message"]
    assert not PopulationFigures.objects.exists()


def test_a_bad_row_leaves_the_previous_figures(server, ratamba):
    assert replay(server, "002_penduduk_storedata").status_code == 200
    before = PopulationFigures.objects.values().get()
    rows = fixture_rows()
    rows[3]["status_dasar"] = "x"  # the 5th row of the sheet, after the header
    response = push_residents(server, rows)
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == ["baris 5"]
    assert body["errors"]["baris 5"][0].startswith("status_dasar")
    assert PopulationFigures.objects.values().get() == before


def test_a_full_push_replaces_the_figures(server, ratamba):
    assert replay(server, "002_penduduk_storedata").status_code == 200
    rows = [row for row in fixture_rows() if row["jenis_kelamin"] == "2"]
    assert push_residents(server, rows).status_code == 200
    figures = PopulationFigures.objects.get(desa=ratamba)
    assert (figures.residents, figures.households) == (3, 1)
    assert counts(figures, "sex") == {"2": 3}
    assert PopulationFigures.objects.count() == 1


def test_a_file_without_the_needed_columns_is_refused(server, ratamba):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zipped:
        zipped.writestr("penduduk.csv", "desa_id,nama\n33.04.15.2011,Budi Contoh\n")
    response = httpx.post(
        server + "/api/v1/penduduk/storedata",
        files={"file": ("penduduk.zip", data.getvalue(), "application/zip")},
        headers={"Authorization": f"Bearer {CAPTURED_KEY}"},
    )
    assert response.status_code == 422
    assert "status_dasar" in response.json()["message"]
    assert "Budi" not in response.text
    assert not PopulationFigures.objects.exists()


# The privacy test ----------------------------------------------------------

PERSONAL_COLUMNS = (
    "alamat",
    "nama",
    "nomor_kk",
    "nomor_nik",
    "tanggal_lahir",
    "nama_ayah",
    "nama_ibu",
    "akta_lahir",
    "nik_ayah",
    "nik_ibu",
    "nomor_akta_perkawinan",
    "alamat_sekarang",
    "foto",
)
PARTICIPANT_COLUMNS = (
    "peserta",
    "no_id_kartu",
    "kartu_nik",
    "kartu_nama",
    "kartu_tanggal_lahir",
    "kartu_alamat",
)


def personal_values() -> set[str]:
    values = set()
    for row in fixture_rows():
        values |= {row[column] for column in PERSONAL_COLUMNS}
        values.add(row["alamat_sekarang"].strip('"').replace('""', '"'))
    folder = SAMPLES / "007_program_bantuan_peserta" / "unzipped"
    with next(folder.glob("*/*.csv")).open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            values |= {row[column] for column in PARTICIPANT_COLUMNS}
    values |= {"Budi Contoh", "Siti Percobaan", "Hapus Contoh", "kecil_"}
    values |= {"1796064497697741", "kepala_budi"}
    values.discard("")
    return values


def text_columns(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def found_in_database(values: set[str]) -> list[str]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = text_columns(model)
        if not columns:
            continue
        for row in model._default_manager.values_list(*columns):
            text = json.dumps(row, ensure_ascii=False, default=str)
            found += [f"{model._meta.label}: {v}" for v in values if v in text]
    return found


def found_in_media(values: set[str], photo: bytes) -> list[str]:
    found = []
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for path in Path(root).rglob("*"):
            if not path.is_file():
                continue
            content = path.read_bytes()
            if photo in content:
                found.append(f"{path}: the photo")
            text = path.name + content.decode("utf-8", "replace")
            found += [f"{path}: {v}" for v in values if v in text]
    return found


def test_no_personal_value_is_kept_anywhere(server, ratamba, caplog):
    values = personal_values()
    assert {"3304159901800001", "3304159900000002", "Budi Contoh"} <= values
    assert "kecil_kepala_budi.jpg" in values
    caplog.set_level(logging.DEBUG)
    for name in (
        "002_penduduk_storedata",
        "003_penduduk",
        "006_program_bantuan",
        "007_program_bantuan_peserta",
    ):
        response = replay(server, name)
        assert response.status_code == 200, (name, response.text)
        assert response.json()["status"] == "success", (name, response.text)
        assert not [v for v in values if v in response.text]
    # The pushes really stored their figures...
    assert PopulationFigures.objects.get(desa=ratamba).residents == 6
    assert sorted(ratamba.aid_programmes.values_list("participants", flat=True)) == [
        1,
        2,
    ]
    # ...and nothing else.
    assert found_in_database(values) == []
    photo = next((STOREDATA / "unzipped").glob("*/kecil_*.png")).read_bytes()
    assert found_in_media(values, photo) == []
    logged = "\n".join(
        record.getMessage() + repr(record.args) for record in caplog.records
    )
    assert [v for v in values if v in logged] == []
