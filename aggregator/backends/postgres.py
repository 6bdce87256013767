"""PostgreSQL full-text search: the `indonesian` configuration (Snowball
stemmer), a weighted tsvector with a GIN index, the user's syntax through
websearch_to_tsquery, ts_headline snippets, and pg_trgm for typos.

Every SQL fragment below binds the user's text as a parameter.
"""

import difflib
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from ..models import SearchRecord
from ..query import (
    MARK_END,
    MARK_START,
    SearchQuery,
    SearchResults,
    parse,
    websearch_text,
)
from .database import DatabaseBackend

CONFIG = "indonesian"
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, "
    'MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
# How close a misspelt word must be to a word of a title or desa name.
TYPO_SIMILARITY = 0.4


def _matching(text: str) -> RawSQL:
    return RawSQL(f"search_vector @@ {TSQUERY}", [text], output_field=BooleanField())  # noqa: S611


class PostgresSearchBackend(DatabaseBackend):
    name = "postgresql"

    def search(self, query: SearchQuery) -> SearchResults:
        results = super().search(query)
        if results.total or query.browsing:
            return results
        corrected = self.corrected(query)
        if corrected is None:
            return results
        retry = super().search(corrected)
        retry.suggestion = corrected.text
        return retry

    def matches(self, query: SearchQuery, state: dict) -> QuerySet | None:
        queryset = SearchRecord.objects.all()
        if query.browsing:
            return queryset
        text = websearch_text(parse(query.text))
        if not text:
            return None
        return queryset.filter(_matching(text))

    def ranked(self, queryset, query, state):
        if query.browsing or query.order == "newest":
            return super().ranked(queryset, query, state)
        text = websearch_text(parse(query.text))
        score = RawSQL(  # noqa: S611
            f"ts_rank_cd(search_vector, {TSQUERY}, 32)",
            [text],
            output_field=FloatField(),
        )
        return queryset.annotate(score=score).order_by("-score", "-published", "-id")

    def snippets(self, query, ids):
        if query.browsing or not ids:
            return {}
        text = websearch_text(parse(query.text))
        headline = RawSQL(  # noqa: S611
            f"ts_headline('{CONFIG}', summary || ' ' || body, {TSQUERY}, %s)",
            [text, HEADLINE_OPTIONS],
        )
        rows = SearchRecord.objects.filter(pk__in=ids).annotate(headline=headline)
        return dict(rows.values_list("pk", "headline"))

    def corrected(self, query: SearchQuery) -> SearchQuery | None:
        """The query with misspelt words replaced by the closest words of
        titles, desa names and tags (pg_trgm), or None."""
        parsed = parse(query.text)
        words = parsed.words
        replacements = {}
        for word in words:
            candidate = self.closest_word(word)
            if candidate and candidate != word:
                replacements[word] = candidate
        if not replacements:
            return None
        text = " ".join(replacements.get(word, word) for word in words)
        return replace(query, text=text)

    def closest_word(self, word: str) -> str | None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL pg_trgm.word_similarity_threshold = %s", [TYPO_SIMILARITY]
            )
            cursor.execute(
                "SELECT fuzzy_text FROM aggregator_searchrecord "
                "WHERE %s <%% fuzzy_text "
                "ORDER BY word_similarity(%s, fuzzy_text) DESC LIMIT 5",
                [word, word],
            )
            texts = [row[0] for row in cursor.fetchall()]
        candidates = {
            token.lower().strip(",.;:()")
            for text in texts
            for token in text.split()
            if len(token) > 2
        }
        best = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return best[0] if best else None
