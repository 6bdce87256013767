"""The typed listings across all desa and their details: /api/v2/news/,
/tourism/, /wisdom/ and /development/."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from wagtail.fields import StreamField

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
    """Base for the typed listings. A subclass, declared with `item_listing`
    (its serializers, its own filters, its schema), names the model and the
    related data to fetch with a listing (constant number of queries
    whatever the page size)."""

    model = None
    lookup_value_regex = r"\d+"
    list_serializer = s.ItemSerializer
    detail_serializer = s.ItemSerializer
    filter_backends = [filters.DesaFilter, filters.PublishedFilter, filters.OrderFilter]
    list_prefetch: tuple = ()
    detail_prefetch: tuple = ()
    select: tuple = ()
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
        """Listings leave out the streams (body, gallery) and fetch relations
        in bulk (prime)."""
        streams = [
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, StreamField)
        ]
        return (
            self.get_base_queryset()
            .defer(*self.page_defer, *streams)
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


def item_listing(name: str, item, detail, *extra_filters):
    """Declare a typed listing: its serializers, the filters it takes besides
    the common ones, and its OpenAPI description under `name`."""

    def decorate(viewset):
        viewset.list_serializer = item
        viewset.detail_serializer = detail
        viewset.filter_backends = [*ItemViewSet.filter_backends, *extra_filters]
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
                responses={200: detail} | COMMON_ERRORS,
            ),
        )(viewset)

    return decorate


@item_listing(
    "news",
    s.NewsItemSerializer,
    s.NewsDetailSerializer,
    filters.NewsCategoryFilter,
    filters.TagFilter,
)
class NewsAPIViewSet(ItemViewSet):
    """/api/v2/news/: berita of every desa and of the kecamatan."""

    model = NewsPage
    detail_prefetch = (
        Prefetch(
            "tagged_items",
            queryset=NewsPage.tags.through.objects.select_related("tag"),
        ),
    )
    select = ("category",)


@item_listing(
    "tourism",
    s.TourismItemSerializer,
    s.TourismDetailSerializer,
    filters.model_choices_filter(TourismPage, example="alam"),
)
class TourismAPIViewSet(ItemViewSet):
    """/api/v2/tourism/: wisata."""

    model = TourismPage
    detail_prefetch = ("facilities",)


@item_listing(
    "local wisdom",
    s.WisdomItemSerializer,
    s.WisdomDetailSerializer,
    filters.model_choices_filter(LocalWisdomPage, example="kesenian"),
)
class WisdomAPIViewSet(ItemViewSet):
    """/api/v2/wisdom/: kearifan lokal."""

    model = LocalWisdomPage


@item_listing(
    "development",
    s.DevelopmentItemSerializer,
    s.DevelopmentDetailSerializer,
    filters.FiscalYearFilter,
    filters.StageFilter,
)
class DevelopmentAPIViewSet(ItemViewSet):
    """/api/v2/development/: pembangunan, with progress and stage."""

    model = DevelopmentProjectPage
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
