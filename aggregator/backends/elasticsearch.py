"""Elasticsearch through `elasticsearch.dsl` (the former elasticsearch-dsl,
now inside the official client): the built-in `indonesian` analyzer plus an
ASCII-folding sub-field, a FacetedSearch with the same facets as the
database engines, highlighting, fuzziness for typos, and rebuilds into a new
timestamped index followed by an atomic alias switch (no downtime).

Reads and writes go through the alias; the concrete indexes are
`<alias>-<timestamp>`.
"""

import time
from collections.abc import Iterable

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    GeoPoint,
    Integer,
    Keyword,
    Q,
    TermsFacet,
    Text,
    analyzer,
)
from elasticsearch.helpers import bulk

from cms.core.breakers import Unavailable, circuit_breaker
from cms.core.registry import kind_labels
from cms.core.vocabulary import KECAMATAN

from ..documents import DesaInfo, Record
from ..query import (
    MARK_END,
    MARK_START,
    FacetBucket,
    Hit,
    ParsedQuery,
    SearchQuery,
    SearchResults,
    parse,
)
from .base import EngineUnavailable, SearchBackend

folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def indonesian_text(**kwargs) -> Text:
    return Text(
        analyzer="indonesian", fields={"folded": Text(analyzer=folded)}, **kwargs
    )


class SearchDocument(Document):
    """One Record in Elasticsearch; its id is "<source>:<key>"."""

    kind = Keyword()
    desa_kode = Keyword()
    desa_name = indonesian_text()
    desa_slug = Keyword()
    desa_aliases = indonesian_text()
    title = indonesian_text()
    summary = indonesian_text()
    body = indonesian_text()
    category_slug = Keyword()
    category_name = Keyword()
    tags = Keyword(fields={"text": Text(analyzer="indonesian")})
    published = Date()
    year = Integer()
    url = Keyword(index=False)
    thumbnail_url = Keyword(index=False)
    location = GeoPoint()

    class Index:
        name = "simpul-desa"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_record(cls, record: Record) -> "SearchDocument":
        desa = record.desa
        document = cls(
            kind=record.kind,
            desa_kode=desa.kode_kemendagri if desa else KECAMATAN,
            desa_name=desa.name if desa else "",
            desa_slug=desa.slug if desa else "",
            desa_aliases=" ".join(desa.aliases) if desa else "",
            title=record.title,
            summary=record.summary,
            body=record.body,
            category_slug=record.category_slug,
            category_name=record.category_name,
            tags=list(record.tags),
            published=record.published,
            year=record.published.year,
            url=record.url,
            thumbnail_url=record.thumbnail_url,
        )
        if record.latitude is not None and record.longitude is not None:
            document.location = {"lat": record.latitude, "lon": record.longitude}
        document.meta.id = record.id
        return document


SEARCH_FIELDS = [
    "title^4",
    "title.folded^3",
    "desa_name^2",
    "desa_aliases^2",
    "tags.text^2",
    "summary^2",
    "summary.folded",
    "body",
    "body.folded",
]
FACET_FIELDS = {
    "desa": "desa_kode",
    "kind": "kind",
    "category": "category_slug",
    "year": "year",
}
# The field holding a bucket's label, for the facets whose labels are stored.
LABEL_FIELDS = {"desa": "desa_name", "category": "category_name"}
# How many slugs one desa code may carry (a renamed desa, while reindexing).
SLUGS_PER_DESA = 10


def labels_aggregations(keys_by_facet: dict[str, list[str]]) -> dict:
    """Aggregations reading one stored label per wanted bucket key: one
    filtered terms aggregation per facet, a top hit's label field inside."""
    return {
        facet: {
            "filter": {"terms": {FACET_FIELDS[facet]: keys}},
            "aggs": {
                "keys": {
                    "terms": {"field": FACET_FIELDS[facet], "size": len(keys)},
                    "aggs": {
                        "label": {
                            "top_hits": {"size": 1, "_source": [LABEL_FIELDS[facet]]}
                        }
                    },
                }
            },
        }
        for facet, keys in keys_by_facet.items()
        if keys and facet in LABEL_FIELDS
    }


def labels_from(aggregations: dict) -> dict[str, dict[str, str]]:
    """{facet: {key: label}} from the answer to labels_aggregations."""
    labels: dict[str, dict[str, str]] = {}
    for facet, answer in aggregations.items():
        field = LABEL_FIELDS[facet]
        labels[facet] = {
            str(bucket["key"]): bucket["label"]["hits"]["hits"][0]["_source"].get(
                field, ""
            )
            for bucket in answer["keys"]["buckets"]
        }
    return labels


def words_query(parsed: ParsedQuery):
    """The parsed user query as an Elasticsearch bool query: every clause
    must match (any of its alternatives); words are fuzzy, phrases exact."""

    def alternative(text: str):
        if " " in text:
            return Q("multi_match", query=text, type="phrase", fields=SEARCH_FIELDS)
        return Q(
            "multi_match",
            query=text,
            fields=SEARCH_FIELDS,
            fuzziness="AUTO",
            prefix_length=1,
        )

    must = [
        Q("bool", should=[alternative(alt) for alt in clause], minimum_should_match=1)
        for clause in parsed.clauses
    ]
    must_not = [alternative(text) for text in parsed.excluded]
    return Q("bool", must=must, must_not=must_not)


class RecordSearch(FacetedSearch):
    """Facets narrow the hits and each other, never themselves
    (FacetedSearch's post_filter plus filtered aggregations)."""

    doc_types = [SearchDocument]
    fields = SEARCH_FIELDS
    facets = {
        name: TermsFacet(field=field, size=30) for name, field in FACET_FIELDS.items()
    }

    def __init__(self, query: SearchQuery, index: str, using=None):
        self.index = index
        self.using = using or "default"
        self.search_query = query
        self.sort_order = (
            ["-published", "_id"]
            if query.browsing or query.order == "newest"
            else ["_score", "-published"]
        )
        filters = {
            facet: [str(value) for value in query.selected(facet)]
            for facet in FACET_FIELDS
            if query.selected(facet)
        }
        super().__init__(query.text, filters, sort=self.sort_order)

    def query(self, search, query):
        if self.search_query.browsing:
            return search
        return search.query(words_query(parse(query)))

    def highlight(self, search):
        return search.highlight_options(
            pre_tags=[MARK_START], post_tags=[MARK_END]
        ).highlight("summary", "body", fragment_size=160, number_of_fragments=2)

    def page(self):
        start = self.search_query.offset
        return self[start : start + self.search_query.limit]


UNREACHABLE = (es_exceptions.ConnectionError, es_exceptions.TransportError)


class ElasticsearchBackend(SearchBackend):
    """Options (settings.SEARCH_BACKEND["OPTIONS"]): `url`, `index` (the
    alias), `timeout` (seconds a search may take: the answer must come well
    before the frontend gives up, default 0.5), `write_timeout` (indexing,
    done by the search worker, default 10), and the circuit breaker's
    `failures` (in a row, default 1) and `cool_down` (seconds, default 30):
    while it is open, every call fails at once with EngineUnavailable and
    search answers from the database engine."""

    name = "elasticsearch"

    def __init__(self, url: str, index: str = "simpul-desa", **options):
        super().__init__(url=url, index=index, **options)
        self.alias = index
        self.client = Elasticsearch(
            url, request_timeout=options.get("write_timeout", 10)
        )
        # One try: the fallback is the database engine, not a second wait.
        self.search_client = self.client.options(
            request_timeout=options.get("timeout", 0.5), max_retries=0
        )
        self.breaker = circuit_breaker(
            f"Search engine {self.name}",
            options.get("failures", 1),
            options.get("cool_down", 30),
            counts=UNREACHABLE,
        )

    def _call(self, action, *args, **kwargs):
        try:
            with self.breaker.calling():
                return action(*args, **kwargs)
        except Unavailable as error:
            raise EngineUnavailable(f"{self.breaker.name}: {error}") from error
        except UNREACHABLE as error:
            raise EngineUnavailable(str(error)) from error

    def _ensure_index(self) -> None:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._create_index_behind_alias()

    def _create_index_behind_alias(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**6}"
        self._call(SearchDocument.init, index=name, using=self.client)
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        return name

    def index(self, records: Iterable[Record]) -> int:
        self._ensure_index()
        return self._bulk(self.alias, records)

    def _bulk(self, index: str, records: Iterable[Record]) -> int:
        actions = (
            {
                **SearchDocument.from_record(r).to_dict(include_meta=True),
                "_index": index,
            }
            for r in records
        )
        done, _errors = self._call(bulk, self.client, actions, refresh="wait_for")
        return done

    def delete(self, ids: Iterable[tuple[str, str]]) -> None:
        self._ensure_index()
        actions = [
            {"_op_type": "delete", "_index": self.alias, "_id": f"{source}:{key}"}
            for source, key in ids
        ]
        self._call(bulk, self.client, actions, raise_on_error=False, refresh="wait_for")

    def reset(self) -> None:
        self.rebuild([])

    def count(self) -> int:
        self._ensure_index()
        return self._call(self.client.count, index=self.alias)["count"]

    def rebuild(self, records: Iterable[Record], batch_size: int = 500) -> int:
        """Index into a new index, then switch the alias in one atomic call."""
        new_index = self._create_index_behind_alias()
        indexed = self._bulk(new_index, records)
        old = list(
            self._call(
                self.client.indices.get_alias, name=self.alias, ignore_unavailable=True
            )
        )
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for name in old:
            self._call(self.client.indices.delete, index=name)
        return indexed

    def search(self, query: SearchQuery) -> SearchResults:
        faceted = RecordSearch(query, self.alias, using=self.search_client)
        response = self._call(faceted.page().execute)
        return SearchResults(
            total=response.hits.total.value,
            hits=[self.hit(hit) for hit in response],
            facets=self.facets(response, query),
            engine=self.name,
        )

    def hit(self, hit) -> Hit:
        highlight = getattr(hit.meta, "highlight", None)
        fragments = []
        if highlight:
            fragments = [
                *getattr(highlight, "summary", []),
                *getattr(highlight, "body", []),
            ]
        desa = (
            DesaInfo.reference(hit.desa_kode, hit.desa_name, hit.desa_slug)
            if hit.desa_kode != KECAMATAN
            else None
        )
        return Hit(
            id=hit.meta.id,
            kind=hit.kind,
            title=hit.title,
            url=hit.url,
            date=hit.published.date()
            if hasattr(hit.published, "date")
            else hit.published,
            snippet=" … ".join(fragments) if fragments else hit.summary,
            desa=desa,
            thumbnail_url=getattr(hit, "thumbnail_url", "") or "",
            score=hit.meta.score or 0.0,
        )

    def facets(self, response, query) -> dict[str, list[FacetBucket]]:
        keys = {
            facet: sorted(
                {str(key) for key, _count, _selected in response.facets[facet]}
            )
            for facet in FACET_FIELDS
        }
        labels = self.labels(keys)
        return {
            facet: [
                FacetBucket(
                    str(key), labels[facet].get(str(key), str(key)), count, selected
                )
                for key, count, selected in response.facets[facet]
                # Items without a category (development projects) are no bucket.
                if key != "" or facet != "category"
            ]
            for facet in FACET_FIELDS
        }

    def labels(self, keys_by_facet: dict[str, list[str]]) -> dict[str, dict]:
        """Every facet's labels for the wanted keys, in one request."""
        aggregations = labels_aggregations(keys_by_facet)
        stored = {}
        if aggregations:
            answer = self._call(
                self.search_client.search,
                index=self.alias,
                size=0,
                aggs=aggregations,
            )
            stored = labels_from(answer["aggregations"])
        return {
            "desa": {**stored.get("desa", {}), KECAMATAN: "Kecamatan"},
            "kind": kind_labels(),
            "category": stored.get("category", {}),
            "year": {},
        }

    def facet_labels(self, facet: str, keys) -> dict[str, str]:
        return self.labels({facet: [str(key) for key in keys]})[facet]

    def known_values(self, facet: str, values) -> set[str]:
        values = list(values)
        if not values:
            return set()
        field = FACET_FIELDS[facet]
        answer = self._call(
            self.search_client.search,
            index=self.alias,
            size=0,
            query={"terms": {field: values}},
            aggs={"held": {"terms": {"field": field, "size": len(values)}}},
        )
        return {
            str(bucket["key"]) for bucket in answer["aggregations"]["held"]["buckets"]
        }

    def known_desa(self, codes, slugs) -> set[tuple[str, str]]:
        codes, slugs = list(codes), list(slugs)
        if not codes and not slugs:
            return set()
        answer = self._call(
            self.search_client.search,
            index=self.alias,
            size=0,
            query=known_desa_query(codes, slugs),
            aggs={
                "codes": {
                    "terms": {"field": "desa_kode", "size": len(codes) + len(slugs)},
                    "aggs": {
                        "slugs": {
                            "terms": {"field": "desa_slug", "size": SLUGS_PER_DESA}
                        }
                    },
                }
            },
        )
        return {
            (code["key"], slug["key"])
            for code in answer["aggregations"]["codes"]["buckets"]
            for slug in code["slugs"]["buckets"]
        }


def known_desa_query(codes: list[str], slugs: list[str]) -> dict:
    """Records of a desa by code or by slug; never the kecamatan's own."""
    return {
        "bool": {
            "should": [
                {"terms": {"desa_kode": codes}},
                {"terms": {"desa_slug": slugs}},
            ],
            "minimum_should_match": 1,
            "must_not": [{"term": {"desa_kode": KECAMATAN}}],
        }
    }
