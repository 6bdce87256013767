"""GET /api/v2/search/: one search across every desa, through the
aggregator's engine contract (never an engine directly)."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from aggregator import outbox
from aggregator.backends import EngineUnavailable, get_backend, get_database_backend
from aggregator.query import ORDERS, SearchQuery, SearchResults, marked
from cms.core import registry
from cms.core.visibility import public_pages
from cms.core.vocabulary import KECAMATAN, YEARS
from cms.desa.models import DesaHomePage
from cms.news.models import NewsCategory
from cms.tourism.models import TourismCategory
from cms.wisdom.models import WisdomCategory

from . import pagination
from .base import PublicAPIMixin
from .errors import BadRequest
from .filters import values, year_of
from .serializers import DesaRefSerializer, ErrorSerializer, ResponseSerializer


class BucketSerializer(ResponseSerializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(ResponseSerializer):
    desa = BucketSerializer(many=True)
    kind = BucketSerializer(many=True)
    category = BucketSerializer(many=True)
    year = BucketSerializer(many=True)


class SearchMetaSerializer(ResponseSerializer):
    total_count = serializers.IntegerField(source="total")
    facets = FacetsSerializer()
    engine = serializers.CharField()
    degraded = serializers.BooleanField(
        help_text="True when the configured engine was unreachable, or still "
        "catching up with a change, and the database engine answered instead."
    )
    suggestion = serializers.CharField(
        allow_null=True, help_text='"Did you mean": the query with typos corrected.'
    )
    approximate = serializers.BooleanField(
        help_text="True when the words match so many items that the total and "
        "facet counts are estimates."
    )

    def get_facets(self, results: SearchResults) -> dict:
        # The engine answers the facets it has, in its order.
        bucket = BUCKET.to_representation
        return {
            name: [bucket(item) for item in buckets]
            for name, buckets in results.facets.items()
        }


class SearchHitSerializer(ResponseSerializer):
    id = serializers.CharField()
    kind = serializers.CharField()
    desa = DesaRefSerializer(allow_null=True)
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark>.")
    url = serializers.URLField()
    date = serializers.DateField()
    thumbnail_url = serializers.CharField()
    external = serializers.BooleanField(
        help_text="True for an item read from the desa's own website feed; "
        "its url is the original article."
    )

    def get_snippet(self, hit) -> str:
        return marked(hit.snippet)


class SearchResponseSerializer(ResponseSerializer):
    meta = SearchMetaSerializer(source="*")
    items = SearchHitSerializer(many=True, source="hits")


BUCKET = BucketSerializer()
RESPONSE = SearchResponseSerializer()


def unknown_categories(categories) -> set[str]:
    """Those of `categories` neither the CMS defines nor the index holds
    (items read from desa feeds bring their own, aggregator/sources)."""
    if not categories:
        return set()
    unknown = set(categories) - {
        *NewsCategory.objects.values_list("slug", flat=True),
        *TourismCategory.values,
        *WisdomCategory.values,
    }
    if not unknown:
        return unknown
    return unknown - get_database_backend().known_values("category", unknown)


def search_desa(request) -> tuple[str, ...]:
    """?desa= as Kemendagri codes. A desa is known when it has a public home
    page or records in the index (items from a desa's own feed may come
    before its pages do)."""
    wanted = values(request, "desa")
    keys = [key for key in wanted if key != KECAMATAN]
    if not keys:
        return tuple(wanted)
    lowered = [key.lower() for key in keys]
    pairs = get_database_backend().known_desa(keys, lowered)
    pairs |= set(
        public_pages(
            DesaHomePage.objects.filter(
                Q(kode_kemendagri__in=keys) | Q(slug__in=lowered)
            )
        ).values_list("kode_kemendagri", "slug")
    )
    code_of = {key: code for code, slug in pairs for key in (code, slug)}
    unknown = [key for key in keys if key.lower() not in code_of and key not in code_of]
    if unknown:
        raise NotFound(_("Unknown desa: %(desa)s.") % {"desa": ", ".join(unknown)})
    codes = {code_of.get(key) or code_of[key.lower()] for key in keys}
    return (*sorted(codes), *([KECAMATAN] if KECAMATAN in wanted else []))


def search_query(request) -> SearchQuery:
    text = request.query_params.get("q", "")
    if len(text) > settings.SEARCH_MAX_QUERY_LENGTH:
        raise BadRequest(
            _("q is longer than %(max)s characters.")
            % {"max": settings.SEARCH_MAX_QUERY_LENGTH}
        )
    kinds = values(request, "kind")
    if set(kinds) - set(registry.kinds()):
        raise BadRequest(
            _("kind must be among: %(k)s.") % {"k": ", ".join(registry.kinds())}
        )
    categories = values(request, "category")
    unknown = unknown_categories(categories)
    if unknown:
        raise BadRequest(
            _("Unknown category: %(c)s.") % {"c": ", ".join(sorted(unknown))}
        )
    years = [year_of(raw, "year") for raw in values(request, "year")]
    order = request.query_params.get("order", "relevance")
    if order not in ORDERS:
        raise BadRequest(
            _("order must be one of: %(choices)s.") % {"choices": ", ".join(ORDERS)}
        )
    desa = search_desa(request)
    start, stop = pagination.page_bounds(request)
    return SearchQuery(
        text=text.strip(),
        desa=tuple(desa),
        kind=tuple(kinds),
        category=tuple(categories),
        year=tuple(years),
        order=order,
        limit=stop - start,
        offset=start,
    )


def run(query: SearchQuery) -> SearchResults:
    """The configured engine; the database engine when that one is down
    (its breaker answers at once during a cool-down) or still has changes
    to apply (it could still find a page unpublished a moment ago)."""
    if not outbox.separate_engine_behind():
        try:
            return get_backend().search(query)
        except EngineUnavailable:
            pass
    results = get_database_backend().search(query)
    results.degraded = True
    return results


class SearchAPIView(PublicAPIMixin, APIView):
    """Search news, tourism, local wisdom and development across all desa,
    with facets: /api/v2/search/?q=kopi&desa=ratamba&kind=news"""

    known_parameters = frozenset(
        {"q", "desa", "kind", "category", "year", "order", "limit", "offset"}
    )

    @extend_schema(
        summary="Search across all desa",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": settings.SEARCH_MAX_QUERY_LENGTH},
                description='Words, "a phrase", OR, -exclude. Empty: newest first.',
            ),
            OpenApiParameter("desa", OpenApiTypes.STR, description="Codes or slugs."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(registry.kinds())),
            OpenApiParameter("category", OpenApiTypes.STR),
            OpenApiParameter(
                "year", {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]}
            ),
            OpenApiParameter("order", OpenApiTypes.STR, enum=list(ORDERS)),
            *[
                OpenApiParameter(p.name, p.schema, description=p.description)
                for p in pagination.PARAMETERS
            ],
        ],
        responses={
            200: SearchResponseSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request):
        return Response(RESPONSE.to_representation(run(search_query(request))))
