"""The typed listings across all desa and their details: /api/v2/news/,
/tourism/, /wisdom/ and /development/."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from cms.core.renditions import images_with_renditions
from cms.core.visibility import hiding_paths, public_pages
from cms.development.models import DevelopmentProjectPage
from cms.news.models import NewsPage
from cms.tourism.models import TourismPage
from cms.wisdom.models import LocalWisdomPage

from . import filters, listing, pagination
from . import serializers as s
from .base import COMMON_ERRORS, PublicAPIMixin, generation_of, renditions_of


def query_parameters(viewset) -> list[filters.Parameter]:
    """What a listing reads: its filters' parameters, then the pagination's."""
    return [
        *(p for backend in viewset.filter_backends for p in backend.query_parameters()),
        *pagination.PARAMETERS,
    ]


class ItemViewSet(PublicAPIMixin, viewsets.ViewSet):
    """Base for the typed listings. Subclasses name the model, serializers,
    extra filters and the related data to fetch with a listing (constant
    number of queries whatever the page size)."""

    model = None
    lookup_value_regex = r"\d+"
    list_serializer = s.ItemSerializer
    detail_serializer = s.ItemSerializer
    filter_backends = [filters.DesaFilter, filters.PublishedFilter, filters.OrderFilter]
    list_prefetch: tuple = ()
    detail_prefetch: tuple = ()
    select: tuple = ()
    listing_defer: tuple = ("body",)
    # Page columns no listing reads.
    page_defer = (
        "draft_title",
        "seo_title",
        "search_description",
        "url_path",
        "translation_key",
        "locale",
        "latest_revision",
        "live_revision",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "alias_of",
        "show_in_menus",
        "has_unpublished_changes",
    )

    def get_known_parameters(self):
        return {parameter.name for parameter in query_parameters(self)}

    def filter_queryset(self, queryset):
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def get_base_queryset(self):
        hidden = hiding_paths(generation_of(getattr(self, "request", None)))
        return public_pages(self.model.objects.all(), hidden).select_related(
            "hero_image"
        )

    def get_list_queryset(self):
        """Listings leave out the body and fetch relations in bulk (prime)."""
        return (
            self.get_base_queryset()
            .defer(*self.page_defer, *self.listing_defer)
            .prefetch_related(*self.list_prefetch)
        )

    def list(self, request):
        start, stop = pagination.page_bounds(request)
        queryset = self.filter_queryset(self.get_list_queryset())
        total = queryset.count()
        pages = list(queryset[start:stop])
        listing.prime(pages, generation_of(request))
        serializer = self.list_serializer()
        items = [serializer.to_representation(page) for page in pages]
        return Response({"meta": {"total_count": total}, "items": items})

    def retrieve(self, request, pk=None):
        found = filters.page_id(pk)
        page = (
            None if found is None else self.detail_queryset().filter(pk=found).first()
        )
        if page is None:
            raise NotFound(_("No published item with id %(id)s.") % {"id": pk})
        return Response(self.detail_serializer().to_representation(page))

    def detail_queryset(self):
        return (
            self.get_base_queryset()
            .select_related("desa", *self.select)
            .prefetch_related(
                renditions_of("hero_image"), *self.list_prefetch, *self.detail_prefetch
            )
        )


def listing_schema(name: str):
    """OpenAPI description of a typed listing and its detail, from the
    viewset's filters and serializers."""

    def decorate(viewset):
        item = viewset.list_serializer
        return extend_schema_view(
            list=extend_schema(
                summary=f"List {name}",
                parameters=[
                    OpenApiParameter(p.name, p.schema, description=p.description)
                    for p in query_parameters(viewset)
                ],
                responses={200: pagination.envelope(item, f"{item.__name__[:-10]}List")}
                | COMMON_ERRORS,
            ),
            retrieve=extend_schema(
                summary=f"One {name} item",
                parameters=[
                    OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
                ],
                responses={200: viewset.detail_serializer} | COMMON_ERRORS,
            ),
        )(viewset)

    return decorate


@listing_schema("news")
class NewsAPIViewSet(ItemViewSet):
    """/api/v2/news/: berita of every desa and of the kecamatan."""

    model = NewsPage
    list_serializer = s.NewsItemSerializer
    detail_serializer = s.NewsDetailSerializer
    filter_backends = [
        *ItemViewSet.filter_backends,
        filters.NewsCategoryFilter,
        filters.TagFilter,
    ]
    detail_prefetch = (
        Prefetch(
            "tagged_items",
            queryset=NewsPage.tags.through.objects.select_related("tag"),
        ),
    )
    select = ("category",)


@listing_schema("tourism")
class TourismAPIViewSet(ItemViewSet):
    """/api/v2/tourism/: wisata."""

    model = TourismPage
    list_serializer = s.TourismItemSerializer
    detail_serializer = s.TourismDetailSerializer
    filter_backends = [
        *ItemViewSet.filter_backends,
        filters.model_choices_filter(TourismPage, example="alam"),
    ]
    detail_prefetch = ("facilities",)
    listing_defer = ("body", "gallery")


@listing_schema("local wisdom")
class WisdomAPIViewSet(ItemViewSet):
    """/api/v2/wisdom/: kearifan lokal."""

    model = LocalWisdomPage
    list_serializer = s.WisdomItemSerializer
    detail_serializer = s.WisdomDetailSerializer
    filter_backends = [
        *ItemViewSet.filter_backends,
        filters.model_choices_filter(LocalWisdomPage, example="kesenian"),
    ]
    listing_defer = ("body", "gallery")


@listing_schema("development")
class DevelopmentAPIViewSet(ItemViewSet):
    """/api/v2/development/: pembangunan, with progress and stage."""

    model = DevelopmentProjectPage
    list_serializer = s.DevelopmentItemSerializer
    detail_serializer = s.DevelopmentDetailSerializer
    filter_backends = [
        *ItemViewSet.filter_backends,
        filters.FiscalYearFilter,
        filters.StageFilter,
    ]
    list_prefetch = ("progress_reports",)
    detail_prefetch = (
        Prefetch("progress_reports__photo", queryset=images_with_renditions()),
    )


ITEM_VIEWSETS = {
    viewset.model: viewset
    for viewset in (
        NewsAPIViewSet,
        TourismAPIViewSet,
        WisdomAPIViewSet,
        DevelopmentAPIViewSet,
    )
}


def detail_response(page) -> Response:
    """The detail of any item (find, preview)."""
    viewset = ITEM_VIEWSETS[type(page)]
    return Response(viewset.detail_serializer().to_representation(page))
