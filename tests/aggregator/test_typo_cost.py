"""The typo suggestions do a bounded amount of work per search, whatever the
query (security review, issue 12): random letters find nothing, so every
anonymous request with them reaches the suggestions. Measured before the
bound on 20,000 records: one 200-letter word 36 s, 28 six-letter words 9 s.

The cost is asserted as the number of lookups and forms looked up, never as
time (bench/suggestion_bench.py measures time)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aggregator.backends import postgres, typos
from aggregator.backends.postgres import SWAP_MAX_LENGTH, PostgresSearchBackend
from aggregator.backends.sqlite import SQLiteSearchBackend
from aggregator.query import SearchQuery

from .test_contract import CORPUS

# 20 distinct 9-letter words (199 characters).
NINE_LETTER_WORDS = " ".join(f"qwertyu{c}{c}" for c in "abcdefghijklmnopqrst")
# 28 distinct 6-letter words (195 characters), each within SWAP_MAX_LENGTH.
SIX_LETTER_WORDS = " ".join(
    f"qwe{a}{b}y"
    for a, b in zip("abcdefghijklmn" * 2, "nopqrstuvwxyzab" * 2, strict=False)
)[:195]
ATTACKS = ["a" * 200, " ".join(["b" * 49, "c" * 49, "d" * 49, "e" * 49])]
ATTACKS += [NINE_LETTER_WORDS, SIX_LETTER_WORDS]


def _postgres_lookups(monkeypatch, text):
    """The forms of each pg_trgm lookup `corrected` asks for (no database)."""
    engine = PostgresSearchBackend.__new__(PostgresSearchBackend)
    asked = []

    def near(self, forms):
        asked.append(list(forms))
        return set()

    monkeypatch.setattr(PostgresSearchBackend, "near", near)
    engine.corrected(SearchQuery(text=text))
    return asked


def test_long_words_are_not_tried_with_swapped_letters(monkeypatch):
    for length in (SWAP_MAX_LENGTH + 1, 12, typos.MAX_WORD_LENGTH):
        asked = _postgres_lookups(monkeypatch, "x" * length)
        assert asked == [["x" * length]], length


def test_short_words_are_still_tried_with_swapped_letters(monkeypatch):
    assert _postgres_lookups(monkeypatch, "kpoi") == [
        ["kpoi"],
        ["pkoi", "kopi", "kpio"],
    ]


def test_words_longer_than_the_limit_are_not_looked_up(monkeypatch):
    assert _postgres_lookups(monkeypatch, "a" * (typos.MAX_WORD_LENGTH + 1)) == []
    assert _postgres_lookups(monkeypatch, "a" * 200) == []


@pytest.mark.parametrize("text", ATTACKS)
def test_a_search_looks_up_a_bounded_number_of_forms(monkeypatch, text):
    asked = _postgres_lookups(monkeypatch, text)
    assert len(asked) <= 2 * typos.MAX_WORDS
    assert all(len(forms) <= SWAP_MAX_LENGTH for forms in asked)
    assert sum(map(len, asked)) <= typos.MAX_WORDS * SWAP_MAX_LENGTH


def test_at_most_max_words_distinct_words_are_looked_up(monkeypatch):
    asked = _postgres_lookups(monkeypatch, SIX_LETTER_WORDS)
    words = [forms[0] for forms in asked if len(forms) == 1]
    assert words == SIX_LETTER_WORDS.split()[: typos.MAX_WORDS]
    asked = _postgres_lookups(monkeypatch, "kpoi kpoi kpoi kpoi kpoi kpoi")
    assert len(asked) == 2


@pytest.mark.parametrize("text", ATTACKS)
def test_sqlite_looks_up_a_bounded_number_of_words(monkeypatch, text):
    engine = SQLiteSearchBackend.__new__(SQLiteSearchBackend)
    asked = []
    monkeypatch.setattr(
        SQLiteSearchBackend, "candidates", lambda self, word: asked.append(word) or []
    )
    engine.corrected(SearchQuery(text=text))
    assert len(asked) <= typos.MAX_WORDS
    assert all(len(word) <= typos.MAX_WORD_LENGTH for word in asked)


def test_each_form_is_its_own_indexed_query():
    """An OR of `<%` clauses cannot use the trigram index; one branch per
    form can."""
    sql, params = PostgresSearchBackend.near_sql(["pkoi", "kopi", "kpio"])
    assert " OR " not in sql
    assert sql.count("UNION ALL") == 2
    assert sql.count("<%% fuzzy_text") == 3
    assert params == ["pkoi", "pkoi", "kopi", "kopi", "kpio", "kpio"]


@pytest.fixture
def pg_engine(db):
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm lookups run on PostgreSQL only")
    engine = PostgresSearchBackend()
    engine.reset()
    engine.index(CORPUS)
    return engine


def _setting(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return cursor.fetchone()[0]


def test_the_lookup_runs_under_a_statement_timeout(pg_engine):
    before = _setting("statement_timeout")
    with CaptureQueriesContext(connection) as queries:
        assert "kopi" in pg_engine.near(["kpoi", "kopi"])
    statements = [query["sql"] for query in queries.captured_queries]
    timeout = statements.index(
        f"SET LOCAL statement_timeout = '{postgres.SUGGESTION_TIMEOUT}'"
    )
    lookup = next(i for i, sql in enumerate(statements) if "UNION ALL" in sql)
    assert timeout < lookup
    # The SET LOCAL ends with the lookup, also inside the test's transaction.
    assert _setting("statement_timeout") == before


def test_a_slow_lookup_means_no_suggestion_not_an_error(pg_engine, monkeypatch):
    monkeypatch.setattr(postgres, "SUGGESTION_TIMEOUT", "20ms")
    monkeypatch.setattr(
        PostgresSearchBackend,
        "near_sql",
        staticmethod(lambda forms: ("SELECT 'kopi' FROM pg_sleep(5)", [])),
    )
    results = pg_engine.search(SearchQuery(text="kpoi"))
    assert results.total == 0
    assert results.suggestion is None
    # The connection stays usable: the savepoint of the lookup was undone.
    assert pg_engine.search(SearchQuery(text="kopi")).total == 3


def test_suggestions_still_work_on_postgres(pg_engine):
    assert pg_engine.search(SearchQuery(text="kpoi")).suggestion == "kopi"
    assert pg_engine.search(SearchQuery(text="curg")).suggestion == "curug"


def test_no_further_word_is_looked_up_once_the_budget_is_spent(monkeypatch):
    clock = iter([0.0, 0.0, 0.1, typos.BUDGET + 0.1, 99.0, 99.0])
    monkeypatch.setattr(typos, "monotonic", lambda: next(clock))
    asked = _postgres_lookups(monkeypatch, "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd")
    assert asked == [["aaaaaaaaa"], ["bbbbbbbbb"]]
