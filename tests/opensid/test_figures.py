"""The public view of the pushed figures (cms/opensid/figures.py): counts of
1 to 4 people are "< 5" in the desa detail of the public API, which keeps to
its OpenAPI schema, and a new push renews the API's cache."""

import json
from datetime import date

import pytest
from django.test import override_settings
from jsonschema import Draft202012Validator

from cms.opensid.figures import SMALL, public_table, suppressed
from cms.opensid.models import AidProgramme, PopulationFigures

from .conftest import replay
from .test_population import PUSHED_ON

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URL = "/api/v2/desa/33.04.15.2011/"


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, SMALL), (4, SMALL), (5, 5), (7, 5), (8, 10), (6002, 6000)],
)
def test_small_counts_are_suppressed(count, shown):
    assert suppressed(count) == shown


def test_a_small_cell_cannot_be_recovered_by_subtraction():
    """20 residents, 2 women: with an exact total and an exact 18 men, the
    "< 5" would say 2. Every count is rounded to 5, the totals too."""

    def table(*counts):
        return [
            {"key": str(i), "label": str(i), "count": c} for i, c in enumerate(counts)
        ]

    assert [row["count"] for row in public_table(table(18, 2))] == [20, SMALL]
    assert [row["count"] for row in public_table(table(0, 19, 0, 1))] == [
        0,
        20,
        0,
        SMALL,
    ]
    assert suppressed(20) == 20  # the total: 18 + "< 5" leaves 1 to 4 open


def validate(client, data: dict) -> None:
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v2/desa/{kode_kemendagri}/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**body, "components": schema["components"]})
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[0]


@override_settings(API_CACHE_ENABLED=True)
def test_the_desa_detail_shows_the_figures_suppressed(
    server, ratamba, client, monkeypatch
):
    monkeypatch.setattr("cms.opensid.population.push_date", lambda: PUSHED_ON)
    before = client.get(URL).json()
    assert (before["population"], before["aid_programmes"]) == (None, [])
    for name in (
        "002_penduduk_storedata",
        "006_program_bantuan",
        "007_program_bantuan_peserta",
    ):
        assert replay(server, name).status_code == 200
    data = client.get(URL).json()  # the cache was renewed by the pushes
    population = data["population"]
    assert population["residents"] == 5  # 6, rounded to 5
    assert population["households"] == SMALL
    assert population["source"] == "opensid"
    assert population["tables"]["religion"][0] == {
        "key": "1",
        "label": "ISLAM",
        "count": 5,
    }
    assert population["tables"]["sex"] == [
        {"key": "1", "label": "LAKI-LAKI", "count": SMALL},
        {"key": "2", "label": "PEREMPUAN", "count": SMALL},
    ]
    counts = [row["count"] for rows in population["tables"].values() for row in rows]
    assert set(counts) <= {0, 5, SMALL}  # 1 to 4 never leaves, 6 is 5
    assert data["aid_programmes"] == [
        {
            "name": "Bantuan Bibit Kopi Contoh",
            "target": {"slug": "keluarga", "name": "Keluarga (KK)"},
            "start_date": "2024-03-01",
            "end_date": "2024-11-30",
            "active": False,
            "funding_source": "Kab/Kota",
            "participants": SMALL,
        },
        {
            "name": "BLT Dana Desa Contoh 2024",
            "target": {"slug": "penduduk", "name": "Penduduk"},
            "start_date": "2024-01-01",
            "end_date": "2024-12-31",
            "active": False,
            "funding_source": "Dana Desa",
            "participants": SMALL,
        },
    ]
    validate(client, data)
    # The exact counts stay in the database, for the kecamatan's own use.
    assert PopulationFigures.objects.get().households == 2


@override_settings(API_CACHE_ENABLED=True)
def test_a_change_of_the_figures_renews_the_api_cache(ratamba, client):
    assert client.get(URL).json()["aid_programmes"] == []
    AidProgramme.objects.create(
        desa=ratamba, opensid_id=1, name="PKH", participants=40, target=1
    )
    assert client.get(URL).json()["aid_programmes"][0]["participants"] == 40
    PopulationFigures.objects.create(desa=ratamba, residents=3000, households=900)
    data = client.get(URL).json()
    assert data["population"]["residents"] == 3000
    assert json.dumps(data["population"]["tables"]["sex"]) == "[]"
    assert date.fromisoformat(data["population"]["counted_at"][:10])
