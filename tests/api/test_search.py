"""GET /api/v2/search/ over the aggregator."""

import pytest

from aggregator import backends
from aggregator.backends import EngineUnavailable
from tests.aggregator.test_contract import CORPUS

from .conftest import get_json


@pytest.fixture
def indexed(desa_a, desa_b):
    from tests.factories import publish

    publish(desa_a)
    publish(desa_b)
    engine = backends.get_database_backend()
    engine.reset()
    engine.index(CORPUS)
    return engine


def test_envelope_items_and_facets(client, indexed):
    data = get_json(client, "/api/v2/search/?q=kopi&desa=ratamba")
    meta = data["meta"]
    assert meta["total_count"] == 2
    assert meta["degraded"] is False
    assert meta["engine"] in {"postgresql", "sqlite"}
    assert set(meta["facets"]) == {"desa", "kind", "category", "year"}
    desa = {b["key"]: b for b in meta["facets"]["desa"]}
    assert desa["33.04.15.2011"] == {
        "key": "33.04.15.2011",
        "label": "Ratamba",
        "count": 2,
        "selected": True,
    }
    assert desa["33.04.15.2005"]["selected"] is False
    item = data["items"][0]
    assert set(item) == {
        "id",
        "kind",
        "desa",
        "title",
        "snippet",
        "url",
        "date",
        "thumbnail_url",
        "external",
    }
    assert item["title"] == "Kopi robusta Ratamba"
    assert item["external"] is False  # a page here, not a desa feed item
    assert "<mark>" in item["snippet"].lower()


def test_snippets_are_safe_html(client, indexed):
    item = get_json(client, "/api/v2/search/?q=penipuan")["items"][0]
    # PostgreSQL's ts_headline drops the tag, SQLite keeps it escaped:
    # either way the only markup left is <mark>.
    snippet = item["snippet"].replace("<mark>", "").replace("</mark>", "")
    assert "<" not in snippet
    assert "penipuan" in item["snippet"]


def test_empty_query_browses_and_no_match_is_empty(client, indexed):
    browse = get_json(client, "/api/v2/search/?order=newest&limit=2")
    assert browse["meta"]["total_count"] == len(CORPUS)
    assert [i["title"] for i in browse["items"]] == [
        "Posyandu balita",
        "Rapat kecamatan",
    ]
    nothing = get_json(client, "/api/v2/search/?q=zzzqqq")
    assert nothing["items"] == []
    assert nothing["meta"]["total_count"] == 0


def test_kind_year_and_kecamatan_filters(client, indexed):
    assert get_json(client, "/api/v2/search/?kind=tourism")["meta"]["total_count"] == 1
    assert get_json(client, "/api/v2/search/?year=2026")["meta"]["total_count"] == 6
    kecamatan = get_json(client, "/api/v2/search/?desa=kecamatan")
    assert [i["title"] for i in kecamatan["items"]] == ["Rapat kecamatan"]


def test_falls_back_to_the_database_when_the_engine_is_down(
    client, indexed, monkeypatch
):
    class Down:
        def search(self, query):
            raise EngineUnavailable("no route to host")

    monkeypatch.setattr("api.search.get_backend", lambda: Down())
    data = get_json(client, "/api/v2/search/?q=kopi")
    assert data["meta"]["degraded"] is True
    assert data["meta"]["total_count"] == 3


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("q=" + "x" * 201, 400, "q"),
        ("q=%00", 400, "q"),
        ("kind=berita", 400, "kind"),
        ("category=olahraga", 400, "olahraga"),
        ("year=20x6", 400, "year"),
        ("order=random", 400, "order"),
        ("limit=0", 400, "limit"),
        ("sort=1", 400, "sort"),
        ("desa=wakanda", 404, "wakanda"),
    ],
)
def test_bad_input(client, indexed, query, status, says):
    data = get_json(client, f"/api/v2/search/?{query}", status)
    assert says in data["message"]
