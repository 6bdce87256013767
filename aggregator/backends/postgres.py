"""PostgreSQL full-text search: the `indonesian` configuration (Snowball
stemmer), a weighted tsvector with a GIN index, the user's syntax through
websearch_to_tsquery, ts_headline snippets, and pg_trgm for typos.

Every SQL fragment below binds the user's text as a parameter.
"""

import json

from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from cms.core.vocabulary import KECAMATAN

from ..models import SearchRecord
from ..query import (
    FACETS,
    MARK_END,
    MARK_START,
    SearchQuery,
    SearchResults,
    parse,
    websearch_text,
)
from .database import FACET_FIELDS, FACET_SIZE, DatabaseBackend, stored_value
from .typos import TypoCorrection, closest

CONFIG = "indonesian"
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
# The same, in SQL bound with named parameters (FACET_SQL).
NAMED_TSQUERY = f"websearch_to_tsquery('{CONFIG}', %(text)s)"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, "
    'MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
# How close a misspelt word must be to a word of a title or desa name.
TYPO_SIMILARITY = 0.4
# Swapped letters are tried in words up to this long (see closest_word).
SWAP_MAX_LENGTH = 6
# A lookup of typo candidates slower than this is cancelled: the search then
# carries no suggestion rather than failing or keeping a worker busy.
SUGGESTION_TIMEOUT = "500ms"
# SQLSTATE of a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"
# One branch per form, each answered from the trigram index on fuzzy_text
# (an OR of `<%` clauses is not: five forms ORed cost 40 times five lookups).
NEAR_BRANCH = (
    "(SELECT fuzzy_text, word_similarity(%s, fuzzy_text) AS similarity "
    "FROM aggregator_searchrecord WHERE %s <%% fuzzy_text "
    "ORDER BY similarity DESC LIMIT 5)"
)
# Above this many matches the words are near-universal ("desa", "warga"):
# relevance carries little information and ranking every match costs
# hundreds of milliseconds, so such results are ordered newest first.
RANK_LIMIT = 5000

# One scan of the matches gives every facet and the total: each facet's
# counts apply the other facets' selections, never its own. The scan reads
# at most FACET_SAMPLE matches (the first the index yields): words found in
# tens of thousands of records would otherwise cost a full heap scan (about
# 150 ms at 100,000 records) for counts nobody reads exactly. Parameters are
# bound by name (%(desa)s, %(text)s, %(sample)s): no list to keep in order.
FACET_SAMPLE = 5000
FACET_SQL = """
SELECT desa_kode, desa_name, kind, category_slug, category_name, year,
       GROUPING(desa_kode, kind, category_slug, year) AS grouping_set,
       count(*) FILTER (WHERE {kind} AND {category} AND {year}) AS desa_count,
       count(*) FILTER (WHERE {desa} AND {category} AND {year}) AS kind_count,
       count(*) FILTER (WHERE {desa} AND {kind} AND {year}) AS category_count,
       count(*) FILTER (WHERE {desa} AND {kind} AND {category}) AS year_count,
       count(*) FILTER (WHERE {desa} AND {kind} AND {category} AND {year}) AS total,
       count(*) AS sampled
FROM (
    SELECT desa_kode, desa_name, kind, category_slug, category_name, year
    FROM aggregator_searchrecord
    WHERE {matching}
    LIMIT %(sample)s
) AS matches
GROUP BY GROUPING SETS (
    (desa_kode, desa_name), (kind), (category_slug, category_name), (year), ()
)
"""
# GROUPING() bits, desa_kode first: 0 where the column is grouped.
GROUPING_SETS = {0b0111: "desa", 0b1011: "kind", 0b1101: "category", 0b1110: "year"}


def _matching(text: str) -> RawSQL:
    return RawSQL(f"search_vector @@ {TSQUERY}", [text], output_field=BooleanField())  # noqa: S611


class PostgresSearchBackend(TypoCorrection, DatabaseBackend):
    name = "postgresql"

    def matches(self, query: SearchQuery, state: dict) -> QuerySet | None:
        queryset = SearchRecord.objects.all()
        if not query.browsing:
            text = websearch_text(parse(query.text))
            if not text:
                return None
            queryset = queryset.filter(_matching(text))
        state["facets"] = self.facets_and_total(query)
        return queryset

    def results(self, query, matches, page, snippets, state) -> SearchResults:
        empty = (0, {f: [] for f in FACETS}, False)
        total, facets, approximate = state.get("facets") or empty
        return SearchResults(
            total=total,
            hits=[self.hit(row, snippets.get(row.pk)) for row in page],
            facets=facets,
            engine=self.name,
            approximate=approximate,
        )

    def facets_and_total(self, query: SearchQuery):
        params: dict = {"sample": FACET_SAMPLE}
        if query.browsing:
            matching = "TRUE"
        else:
            matching = f"search_vector @@ {NAMED_TSQUERY}"
            params["text"] = websearch_text(parse(query.text))
        conditions = {}
        for facet, column in FACET_FIELDS.items():
            selected = [stored_value(facet, v) for v in query.selected(facet)]
            if selected:
                conditions[facet] = f"{column} = ANY(%({facet})s)"
                params[facet] = selected
            else:
                conditions[facet] = "TRUE"
        sql = FACET_SQL.format(matching=matching, **conditions)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total, facets, sampled = self.facets_from_rows(rows, query)
        if sampled < FACET_SAMPLE:
            return total, facets, False
        return self.scaled(query, matching, params, total, facets)

    def scaled(self, query, matching, params, total, facets):
        """More matches than the sample: scale the sample's counts to
        PostgreSQL's estimate of the matches (approximate)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM aggregator_searchrecord "  # noqa: S608
                f"WHERE {matching}",
                {"text": params["text"]} if "text" in params else None,
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        estimate = max(int(plan[0]["Plan"]["Plan Rows"]), FACET_SAMPLE)
        factor = estimate / FACET_SAMPLE
        for buckets in facets.values():
            for bucket in buckets:
                bucket.count = round(bucket.count * factor)
        return round(total * factor), facets, True

    def facets_from_rows(self, rows, query):
        """(total, facets, how many matches were scanned) from FACET_SQL."""
        counts = {facet: [] for facet in FACETS}
        labels = {"desa": {}, "category": {}}
        total = sampled = 0
        for row in rows:
            desa, desa_name, kind, category, category_name, year, grouping = row[:7]
            by_facet = dict(zip(FACETS, row[7:11], strict=True))
            facet = GROUPING_SETS.get(grouping)
            if facet is None:
                total, sampled = row[11], row[12]
                continue
            count = by_facet[facet]
            if not count:
                continue
            key = {"desa": desa, "kind": kind, "category": category, "year": year}
            counts[facet].append((key[facet], count))
            if facet == "desa":
                labels["desa"][desa or KECAMATAN] = desa_name or str(_("Kecamatan"))
            elif facet == "category":
                labels["category"][category] = category_name
        facets = {}
        for facet, pairs in counts.items():
            pairs.sort(key=lambda pair: (-pair[1], str(pair[0])))
            top = pairs[:FACET_SIZE]
            facets[facet] = self.buckets(facet, top, query, labels.get(facet))
        return total, facets, sampled

    def ranked(self, queryset, query, state):
        if query.browsing or query.order == "newest":
            return super().ranked(queryset, query, state)
        if state["facets"][0] > RANK_LIMIT:
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

    def closest_word(self, word: str) -> str | None:
        """Swapping two letters of a short word ("kpoi") leaves almost no
        trigram in common with the intended word ("kopi"), so the swapped
        forms of words up to SWAP_MAX_LENGTH letters are tried when the word
        itself is near nothing. Only then: each form is one more lookup."""
        found = closest(word, self.candidates(word))
        if found or len(word) > SWAP_MAX_LENGTH:
            return found
        return closest(word, self.near(transpositions(word)))

    def candidates(self, word: str) -> set[str]:
        """Words of the titles, desa names and tags (pg_trgm) near `word`."""
        return self.near([word])

    def near(self, forms: list[str]) -> set[str]:
        """Words of the 5 titles (with desa names and tags) most similar to
        any of `forms`; none when the lookup takes longer than
        SUGGESTION_TIMEOUT."""
        if not forms:
            return set()
        sql, params = self.near_sql(forms)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [SUGGESTION_TIMEOUT])
                cursor.execute(
                    "SET LOCAL pg_trgm.word_similarity_threshold = %s",
                    [TYPO_SIMILARITY],
                )
                cursor.execute(sql, params)
                texts = [row[0] for row in cursor.fetchall()]
                # Nothing was written: rolling back (the savepoint when called
                # inside a transaction) ends both SET LOCALs here.
                transaction.set_rollback(True)
        except OperationalError as error:
            if _sqlstate(error) != QUERY_CANCELED:
                raise
            return set()
        return {
            token.lower().strip(",.;:()")
            for text in texts
            for token in text.split()
            if len(token) > 2
        }

    @staticmethod
    def near_sql(forms: list[str]) -> tuple[str, list[str]]:
        """The lookup of `forms`: a UNION ALL of one indexed query per form."""
        branches = " UNION ALL ".join([NEAR_BRANCH] * len(forms))
        sql = (
            f"SELECT fuzzy_text FROM ({branches}) AS near "  # noqa: S608
            "ORDER BY similarity DESC LIMIT 5"
        )
        return sql, [value for form in forms for value in (form, form)]


def _sqlstate(error: Exception) -> str | None:
    cause = error.__cause__
    return getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)


def transpositions(word: str) -> list[str]:
    """`word` with each pair of neighbouring letters swapped."""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
    ]
