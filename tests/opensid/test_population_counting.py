"""Counting residents without HTTP or a database
(cms/opensid/population.py, fake.py): age bands, reference codes, and the
counts of generated residents against a plain count of the same rows."""

from collections import Counter
from types import SimpleNamespace

import pytest

from cms.opensid import population
from cms.opensid.archive import Table
from cms.opensid.fake import RESIDENT_COLUMNS, fake_residents, residents_xlsx

from .test_population import PUSHED_ON


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        ("2026-12-01", "0-4"),
        ("2021-12-02", "0-4"),  # turns 5 tomorrow
        ("2021-12-01", "5-9"),
        ("1951-12-01", "75+"),
        ("1900-01-01", "75+"),  # 126: possible
        ("1890-01-01", "tidak_diketahui"),
        ("2027-01-01", "tidak_diketahui"),
        ("", "tidak_diketahui"),
        ("01-06-1990", "tidak_diketahui"),
        ("1990-02-30", "tidak_diketahui"),
        ("1990-06-01 00:00:00", "35-39"),
    ],
)
def test_age_bands(birth, band):
    assert population.age_band(population.age_on(birth, PUSHED_ON)) == band


@pytest.mark.parametrize(
    ("text", "key"),
    [("1", "1"), (" 7 ", "7"), ("07", "7"), ("8", "lainnya"), ("ISLAM", "lainnya")],
)
def test_codes_outside_the_reference_table_are_other(text, key):
    assert population.code_key(text, population.reference.RELIGION) == key
    assert population.code_key("", population.reference.RELIGION) == ("tidak_diketahui")


def test_generated_residents_are_counted_like_a_plain_count():
    rows = list(fake_residents(600, "3304152011", seed=3))
    assert rows == list(fake_residents(600, "33.04.15.2011", seed=3))
    assert all(tuple(row) == RESIDENT_COLUMNS for row in rows)
    assert all(len(row["nomor_nik"]) == 16 for row in rows)
    table = Table.from_bytes(residents_xlsx(rows), "penduduk.xlsx")
    desa = SimpleNamespace(kode_kemendagri="33.04.15.2011", name="Ratamba")
    count = population.count_residents(table, desa, PUSHED_ON)
    living = [row for row in rows if row["status_dasar"] == "1"]
    assert (count.rows, count.residents) == (600, len(living))
    assert 0 < len(living) < 600
    assert count.households == sum(row["hubungan_keluarga"] == "1" for row in living)
    assert count.counters["sex"] == Counter(row["jenis_kelamin"] for row in living)
    assert count.counters["occupation"] == Counter(row["pekerjaan"] for row in living)
    assert sum(count.counters["age_group"].values()) == len(living)
    assert "tidak_diketahui" not in count.counters["age_group"]


def test_a_placeholder_row_is_skipped_and_a_row_without_desa_is_an_error():
    desa = SimpleNamespace(kode_kemendagri="33.04.15.2011", name="Ratamba")
    header = ",".join(population.REQUIRED)
    placeholder = ",".join("" for _ in population.REQUIRED)
    csv = f"{header}\n{placeholder}\n".encode()
    count = population.count_residents(Table.from_bytes(csv, "p.csv"), desa, PUSHED_ON)
    assert (count.rows, count.residents) == (0, 0)
    row = dict.fromkeys(population.REQUIRED, "1")
    row["desa_id"] = ""
    csv = f"{header}\n{','.join(row.values())}\n".encode()
    with pytest.raises(population.PushRefused) as refused:
        population.count_residents(Table.from_bytes(csv, "p.csv"), desa, PUSHED_ON)
    assert list(refused.value.errors) == ["baris 2"]
