"""The Elasticsearch mapping and queries, built without a server."""

from aggregator.backends.elasticsearch import (
    RecordSearch,
    SearchDocument,
    known_desa_query,
    labels_aggregations,
    labels_from,
)
from aggregator.query import MARK_END, MARK_START, SearchQuery

FIELDS = [
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


def indonesian_with_folding():
    return {
        "type": "text",
        "analyzer": "indonesian",
        "fields": {"folded": {"type": "text", "analyzer": "folded"}},
    }


def test_index_mapping_and_analysis():
    index = SearchDocument._index.to_dict()
    assert index["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {
                "folded": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                }
            }
        },
    }
    properties = index["mappings"]["properties"]
    for name in ("title", "summary", "body", "desa_name", "desa_aliases"):
        assert properties[name] == indonesian_with_folding()
    assert properties["kind"] == {"type": "keyword"}
    assert properties["year"] == {"type": "integer"}
    assert properties["published"] == {"type": "date"}
    assert properties["location"] == {"type": "geo_point"}
    assert properties["url"] == {"type": "keyword", "index": False}


def test_search_with_words_phrase_exclusion_and_a_selected_facet():
    query = SearchQuery(text='kopi "gas rawa" -robusta', kind=("news",), limit=10)
    body = RecordSearch(query, "simpul-desa").page()._s.to_dict()
    fuzzy = {"fields": FIELDS, "fuzziness": "AUTO", "prefix_length": 1}
    assert body["query"] == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [{"multi_match": {"query": "kopi", **fuzzy}}],
                        "minimum_should_match": 1,
                    }
                },
                {
                    "bool": {
                        "should": [
                            {
                                "multi_match": {
                                    "query": "gas rawa",
                                    "fields": FIELDS,
                                    "type": "phrase",
                                }
                            }
                        ],
                        "minimum_should_match": 1,
                    }
                },
            ],
            "must_not": [{"multi_match": {"query": "robusta", **fuzzy}}],
        }
    }
    # The selected kind narrows hits (post_filter) and the other facets,
    # not its own counts.
    assert body["post_filter"] == {"terms": {"kind": ["news"]}}
    assert body["aggs"]["_filter_kind"]["filter"] == {"match_all": {}}
    assert body["aggs"]["_filter_desa"]["filter"] == {"terms": {"kind": ["news"]}}
    assert body["highlight"]["pre_tags"] == [MARK_START]
    assert body["highlight"]["post_tags"] == [MARK_END]
    assert body["sort"] == ["_score", {"published": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (0, 10)


def test_browsing_sorts_newest_first_without_a_query():
    body = RecordSearch(SearchQuery(offset=20), "simpul-desa").page()._s.to_dict()
    assert "query" not in body
    assert body["sort"] == [{"published": {"order": "desc"}}, "_id"]
    assert (body["from"], body["size"]) == (20, 20)


def test_facet_labels_are_read_in_one_request_for_the_wanted_keys():
    aggs = labels_aggregations(
        {"desa": ["33.04.15.2011"], "category": ["alam", "umum"], "kind": ["news"]}
    )
    # Kinds are labelled by the code, years not at all: only stored labels.
    assert sorted(aggs) == ["category", "desa"]
    assert aggs["desa"]["filter"] == {"terms": {"desa_kode": ["33.04.15.2011"]}}
    keys = aggs["category"]["aggs"]["keys"]
    assert keys["terms"] == {"field": "category_slug", "size": 2}
    assert keys["aggs"]["label"]["top_hits"] == {
        "size": 1,
        "_source": ["category_name"],
    }
    answer = {
        "desa": {
            "keys": {"buckets": [bucket("33.04.15.2011", "desa_name", "Ratamba")]}
        },
        "category": {"keys": {"buckets": [bucket("alam", "category_name", "Alam")]}},
    }
    assert labels_from(answer) == {
        "desa": {"33.04.15.2011": "Ratamba"},
        "category": {"alam": "Alam"},
    }
    assert labels_aggregations({"desa": [], "year": ["2026"]}) == {}


def bucket(key, field, label):
    hit = {"_source": {field: label}}
    return {"key": key, "doc_count": 1, "label": {"hits": {"hits": [hit]}}}


def test_known_desa_never_matches_the_kecamatan_own_items():
    query = known_desa_query(["kecamatan"], ["ratamba"])
    assert query["bool"]["must_not"] == [{"term": {"desa_kode": "kecamatan"}}]
    assert query["bool"]["minimum_should_match"] == 1
