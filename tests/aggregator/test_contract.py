"""One contract for every engine: a mixin of behaviours, subclassed per
engine. PostgreSQL runs when the suite runs on PostgreSQL, SQLite when it
runs on SQLite (CI runs both); Elasticsearch when ELASTICSEARCH_URL is set.
Where an engine cannot do something, the test says so with a reason."""

import datetime
import os

import pytest
from django.db import connection

from aggregator.backends import database_backend_class
from aggregator.documents import DesaInfo, Record
from aggregator.query import MARK_START, SearchQuery, marked
from cms.core.registry import kind_labels

GIRITIRTA = DesaInfo("33.04.15.2005", "Giritirta", "giritirta")
TLAHAB = DesaInfo("33.04.15.2007", "Tlahab", "tlahab", aliases=("Tlahap",))
RATAMBA = DesaInfo("33.04.15.2011", "Ratamba", "ratamba")


def record(key, title, body="", desa=GIRITIRTA, kind="news", days_ago=0, **extra):
    return Record(
        source="test",
        key=str(key),
        kind=kind,
        title=title,
        url=f"https://portal.example/{key}/",
        published=datetime.date(2026, 11, 1) - datetime.timedelta(days=days_ago),
        desa=desa,
        body=body,
        summary=extra.pop("summary", ""),
        category_slug=extra.pop("category", "umum"),
        category_name=extra.pop("category_name", "Umum"),
        **extra,
    )


CORPUS = [
    record(
        1,
        "Curug Mrawu di Giritirta",
        "Air terjun di Sungai Mrawu.",
        kind="tourism",
        category="alam",
        category_name="Alam",
        days_ago=30,
    ),
    record(
        2,
        "Kopi robusta Ratamba",
        "Petani kopi menanam di lereng.",
        desa=RATAMBA,
        kind="wisdom",
        category="pengetahuan",
        category_name="Pengetahuan",
        days_ago=5,
    ),
    record(
        3,
        "Pembangunan jembatan desa",
        "Warga gotong royong membangun jembatan.",
        desa=TLAHAB,
        kind="development",
        category="",  # projects have no category (their stage is no topic)
        category_name="",
        days_ago=10,
    ),
    record(4, "Posyandu balita", "Kader menimbang balita. Kopi disajikan.", days_ago=1),
    record(
        5,
        "Rapat kecamatan",
        "Camat memimpin rapat tentang gas rawa.",
        desa=None,
        days_ago=2,
    ),
    record(
        6,
        "Berita keamanan",
        "Awas <script>alert(1)</script> penipuan kopi.",
        desa=RATAMBA,
        days_ago=3,
    ),
]


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


class SearchContract:
    """Behaviours every engine must have. Subclasses provide `backend`."""

    stemming = True
    # Says "did you mean" when it corrected a typo (Elasticsearch matches
    # fuzzily instead, without naming the correction).
    suggests = True

    @pytest.fixture
    def engine(self, backend):
        backend.reset()
        backend.index(CORPUS)
        return backend

    def search(self, engine, text="", **kwargs):
        return engine.search(SearchQuery(text=text, **kwargs))

    def test_finds_words_in_title_and_body(self, engine):
        assert set(titles(self.search(engine, "kopi"))) == {
            "Kopi robusta Ratamba",
            "Posyandu balita",
            "Berita keamanan",
        }

    def test_title_ranks_above_body(self, engine):
        assert titles(self.search(engine, "kopi"))[0] == "Kopi robusta Ratamba"

    def test_stemming_finds_other_forms_of_a_word(self, engine):
        if not self.stemming:
            pytest.skip(f"{engine.name}: no Indonesian stemmer (FTS5 unicode61)")
        assert titles(self.search(engine, "membangun")) == ["Pembangunan jembatan desa"]

    def test_phrase_or_and_exclusion(self, engine):
        assert titles(self.search(engine, '"gas rawa"')) == ["Rapat kecamatan"]
        assert set(titles(self.search(engine, "jembatan OR posyandu"))) == {
            "Pembangunan jembatan desa",
            "Posyandu balita",
        }
        assert set(titles(self.search(engine, "kopi -balita"))) == {
            "Kopi robusta Ratamba",
            "Berita keamanan",
        }

    def test_typo_finds_the_intended_record(self, engine):
        results = self.search(engine, "merawu")
        assert titles(results) == ["Curug Mrawu di Giritirta"]
        if self.suggests:
            assert results.suggestion == "mrawu"

    @pytest.mark.parametrize(
        ("typed", "meant", "found"),
        [
            ("kpoi", "kopi", "Kopi robusta Ratamba"),
            ("okpi", "kopi", "Kopi robusta Ratamba"),
            ("curg", "curug", "Curug Mrawu di Giritirta"),
            ("curg giritirta", "curug giritirta", "Curug Mrawu di Giritirta"),
        ],
    )
    def test_typo_suggests_the_indexed_word(self, engine, typed, meant, found):
        results = self.search(engine, typed)
        assert found in titles(results)
        if self.suggests:
            assert results.suggestion == meant

    def test_no_suggestion_for_a_word_that_finds_something(self, engine):
        results = self.search(engine, "kopi")
        assert results.total
        assert results.suggestion is None

    def test_words_of_a_removed_record_are_never_suggested(self, engine):
        # A page made private or unpublished leaves the index: none of its
        # words may come back as a "did you mean".
        engine.index([record(7, "Rahasiawan desa", kind="news")])
        assert self.search(engine, "rahasiawan").total == 1
        engine.delete([("test", "7")])
        results = self.search(engine, "rahasiawn")
        assert results.total == 0
        assert results.suggestion is None

    def test_no_suggestion_for_a_word_near_nothing_indexed(self, engine):
        results = self.search(engine, "zzzqqq")
        assert results.suggestion is None
        assert results.total == 0

    def test_desa_name_variants_match_the_official_name(self, engine):
        assert titles(self.search(engine, "tlahap")) == ["Pembangunan jembatan desa"]

    def test_empty_query_browses_newest_first(self, engine):
        results = self.search(engine)
        assert results.total == len(CORPUS)
        assert titles(results)[:3] == [
            "Posyandu balita",
            "Rapat kecamatan",
            "Berita keamanan",
        ]

    def test_no_match_is_an_empty_result_not_an_error(self, engine):
        results = self.search(engine, "zzzqqq")
        assert (results.total, results.hits) == (0, [])
        assert all(buckets == [] for buckets in results.facets.values())

    def test_facets_count_and_narrow_the_others_not_themselves(self, engine):
        results = self.search(engine, "kopi", desa=(RATAMBA.kode_kemendagri,))
        assert results.total == 2
        desa = {b.key: (b.count, b.selected) for b in results.facets["desa"]}
        # The selected desa facet still shows the other desa that match.
        assert desa == {"33.04.15.2011": (2, True), "33.04.15.2005": (1, False)}
        kinds = {b.key: b.count for b in results.facets["kind"]}
        assert kinds == {"wisdom": 1, "news": 1}

    def test_items_without_a_category_are_no_category_bucket(self, engine):
        results = self.search(engine)  # browsing: every record, the project too
        categories = {b.key: b.count for b in results.facets["category"]}
        assert categories == {"umum": 3, "alam": 1, "pengetahuan": 1}

    def test_kecamatan_items_have_their_own_facet_key(self, engine):
        results = self.search(engine, "rapat", desa=("kecamatan",))
        assert titles(results) == ["Rapat kecamatan"]
        assert results.hits[0].desa is None
        assert [b.key for b in results.facets["desa"]] == ["kecamatan"]

    def test_snippets_mark_matches_and_escape_html(self, engine):
        hit = next(h for h in self.search(engine, "penipuan").hits)
        assert MARK_START in hit.snippet
        html = marked(hit.snippet)
        assert "<mark>penipuan</mark>" in html.lower()
        assert "<script>" not in html

    def test_pagination(self, engine):
        first = self.search(engine, limit=2)
        second = self.search(engine, limit=2, offset=2)
        assert first.total == second.total == len(CORPUS)
        assert not set(titles(first)) & set(titles(second))

    def test_reindexing_replaces_and_delete_removes(self, engine):
        engine.index([record(1, "Curug Mrawu diperbarui", kind="tourism")])
        assert engine.count() == len(CORPUS)
        assert titles(self.search(engine, "diperbarui")) == ["Curug Mrawu diperbarui"]
        engine.delete([("test", "1"), ("test", "unknown")])
        assert engine.count() == len(CORPUS) - 1
        engine.reset()
        assert engine.count() == 0

    def test_facet_labels_name_the_buckets_they_are_asked_for(self, engine):
        desa = engine.facet_labels(
            "desa", [RATAMBA.kode_kemendagri, TLAHAB.kode_kemendagri, "kecamatan"]
        )
        assert desa[RATAMBA.kode_kemendagri] == "Ratamba"
        assert desa[TLAHAB.kode_kemendagri] == "Tlahab"
        assert desa["kecamatan"] == "Kecamatan"
        assert GIRITIRTA.kode_kemendagri not in desa
        categories = engine.facet_labels("category", ["alam", "umum"])
        assert categories == {"alam": "Alam", "umum": "Umum"}
        assert engine.facet_labels("kind", ["news"]) == kind_labels()
        assert engine.facet_labels("year", [2026]) == {}

    def test_known_values_are_those_the_records_hold(self, engine):
        wanted = {"alam", "pengetahuan", "olahraga"}
        assert engine.known_values("category", wanted) == {"alam", "pengetahuan"}
        assert engine.known_values("kind", ["tourism", "video"]) == {"tourism"}
        assert engine.known_values("category", []) == set()
        desa = ["kecamatan", RATAMBA.kode_kemendagri, "33.04.15.9999"]
        assert engine.known_values("desa", desa) == {
            "kecamatan",
            RATAMBA.kode_kemendagri,
        }
        assert engine.known_values("year", ["2026", "2001"]) == {"2026"}

    def test_known_desa_by_code_or_slug(self, engine):
        found = engine.known_desa(
            [RATAMBA.kode_kemendagri, "33.04.15.9999"], ["tlahab"]
        )
        assert found == {
            (RATAMBA.kode_kemendagri, "ratamba"),
            (TLAHAB.kode_kemendagri, "tlahab"),
        }
        assert engine.known_desa(["kecamatan"], ["kecamatan"]) == set()


@pytest.mark.django_db
class TestDatabaseEngine(SearchContract):
    @pytest.fixture
    def backend(self):
        engine = database_backend_class()()
        if engine.name == "sqlite":
            self.stemming = False
        return engine


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="Elasticsearch tests run only when ELASTICSEARCH_URL is set",
)
@pytest.mark.django_db
class TestElasticsearchEngine(SearchContract):
    suggests = False

    @pytest.fixture
    def backend(self):
        from aggregator.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            os.environ["ELASTICSEARCH_URL"], index="simpul-desa-test"
        )


def test_the_database_engine_matches_the_database(db):
    assert database_backend_class()().name == connection.vendor


@pytest.mark.django_db
def test_postgres_estimates_counts_for_near_universal_words(monkeypatch):
    """Beyond the facet sample, totals and facet counts are scaled estimates,
    and the results say so."""
    if connection.vendor != "postgresql":
        pytest.skip("the bounded facet scan is PostgreSQL's (SQLite counts exactly)")
    from aggregator.backends import postgres

    engine = postgres.PostgresSearchBackend()
    engine.reset()
    engine.index(CORPUS)
    exact = engine.search(SearchQuery(text="kopi"))
    assert (exact.total, exact.approximate) == (3, False)
    monkeypatch.setattr(postgres, "FACET_SAMPLE", 2)
    estimated = engine.search(SearchQuery(text="kopi"))
    assert estimated.approximate is True
    assert estimated.total >= 2
    assert len(estimated.hits) == 3
