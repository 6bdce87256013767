"""The Elasticsearch mapping and queries, built without a server."""

from aggregator.backends.elasticsearch import RecordSearch, SearchDocument
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
