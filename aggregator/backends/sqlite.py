"""SQLite FTS5 for the embedded demo: diacritics removed, bm25 ranking with
the title weighted highest, snippet() highlighting.

Typos: a search that finds nothing is retried with each word replaced by
the closest word of the titles, desa names and tags, read from the FTS5
vocabulary (fts5vocab) of the index (see typos.py).

Gap, marked in the contract tests: no stemming ("membangun" does not find
"pembangunan"). Ranking reads the scores of all matches, which is fine at
demo scale; production uses PostgreSQL.
"""

from django.db import connection

from ..models import SearchRecord
from ..query import MARK_END, MARK_START, ParsedQuery, parse
from .database import DatabaseBackend
from .typos import MIN_LENGTH, TypoCorrection

# bm25 weights for the FTS columns: title, summary, body, fuzzy_text.
WEIGHTS = "10.0, 3.0, 1.0, 5.0"
# The index's vocabulary per column. A temporary table (one per connection,
# made on first use) rather than a migration: it stores nothing, it only
# reads aggregator_fts.
VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.aggregator_fts_vocab "
    "USING fts5vocab(main, aggregator_fts, col)"
)
# A typo changes the length of a word by at most this much.
LENGTH_SLACK = 2


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(parsed: ParsedQuery) -> str:
    """The parsed query in FTS5 syntax: every clause ANDed, alternatives
    ORed, exclusions with NOT."""
    clauses = [
        "(" + " OR ".join(_quoted(alt) for alt in clause) + ")"
        for clause in parsed.clauses
    ]
    if not clauses:
        return ""
    expression = " AND ".join(clauses)
    for excluded in parsed.excluded:
        expression += f" NOT {_quoted(excluded)}"
    return expression


class SQLiteSearchBackend(TypoCorrection, DatabaseBackend):
    name = "sqlite"

    def candidates(self, word: str) -> list[str]:
        """Words of the titles, desa names and tags (the `fuzzy_text`
        column) about as long as `word` and starting with its first or
        second letter ("kpoi" -> "kopi", "okpi" -> "kopi"). Reading one
        letter's range of the vocabulary costs a twentieth of reading it
        all, which grows with the index (about 100 ms at 20,000 records)."""
        shortest = max(MIN_LENGTH, len(word) - LENGTH_SLACK)
        terms: list[str] = []
        with connection.cursor() as cursor:
            cursor.execute(VOCABULARY)
            for letter in dict.fromkeys(word[:2]):
                cursor.execute(
                    "SELECT term FROM temp.aggregator_fts_vocab "
                    "WHERE term >= %s AND term < %s AND col = 'fuzzy_text' "
                    "AND length(term) BETWEEN %s AND %s",
                    [letter, chr(ord(letter) + 1), shortest, len(word) + LENGTH_SLACK],
                )
                terms += [row[0] for row in cursor.fetchall()]
        return terms

    def scores(self, query) -> dict[int, float]:
        expression = fts_expression(parse(query.text))
        if not expression:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25(aggregator_fts, {WEIGHTS}) FROM aggregator_fts "  # noqa: S608
                "WHERE aggregator_fts MATCH %s",
                [expression],
            )
            return dict(cursor.fetchall())

    def matches(self, query, state):
        queryset = SearchRecord.objects.all()
        if query.browsing:
            return queryset
        scores = self.scores(query)
        if not scores:
            return None
        state["scores"] = scores
        return queryset.filter(pk__in=list(scores))

    def ranked(self, queryset, query, state):
        if query.browsing or query.order == "newest":
            return super().ranked(queryset, query, state)
        scores = state["scores"]
        ids = sorted(
            queryset.values_list("pk", "published"),
            key=lambda row: (scores.get(row[0], 0.0), -row[1].toordinal(), -row[0]),
        )
        ordered = [pk for pk, _published in ids]
        return _OrderedRows(ordered)

    def snippets(self, query, ids):
        expression = fts_expression(parse(query.text))
        if query.browsing or not ids or not expression:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(aggregator_fts, 2, %s, %s, ' … ', 24) "  # noqa: S608
                f"FROM aggregator_fts WHERE aggregator_fts MATCH %s "
                f"AND rowid IN ({placeholders})",
                [MARK_START, MARK_END, expression, *ids],
            )
            return dict(cursor.fetchall())


class _OrderedRows:
    """Rows in a precomputed order, sliceable like a queryset."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __getitem__(self, window: slice):
        ids = self.ids[window]
        rows = SearchRecord.objects.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
