"""The public, read-only API: the desa directory, typed listings across all
desa, the find-by-path lookup and the preview of drafts."""

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.core.public_urls import SECTION_MODELS
from cms.core.renditions import RENDITION_SPECS, images_with_renditions
from cms.core.visibility import hiding_paths, public_pages
from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentProjectPage
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsPage
from cms.tourism.models import TourismPage
from cms.wisdom.models import LocalWisdomPage

from . import filters, listing, pagination
from . import serializers as s
from .errors import BadRequest
from .schema import EnvelopeAutoSchema

COMMON_ERRORS = {400: s.ErrorSerializer, 404: s.ErrorSerializer}


def generation_of(request) -> str | None:
    """The API cache generation the middleware read for this request."""
    return getattr(request, "api_generation", None)


def renditions_of(field: str) -> Prefetch:
    """Prefetch only the API's renditions of an already joined image."""
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{field}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=RENDITION_SPECS),
    )


def schema_parameters(filter_classes, extra=()) -> list[OpenApiParameter]:
    found = []
    for filter_class in filter_classes:
        found.extend(getattr(filter_class, "parameters", [filter_class.parameter]))
    return [
        OpenApiParameter(p.name, p.schema, description=p.description)
        for p in [*found, *extra]
    ]


class JSONOnly(BaseContentNegotiation):
    """Always the view's first renderer (JSON): neither an Accept header nor
    ?format= can turn an answer into a 404 or a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def unknown_parameters(request, known) -> str | None:
    """The 400 message for query parameters outside `known`, if any."""
    unknown = set(request.GET) - set(known)
    return unknown_message(unknown, known) if unknown else None


def unknown_message(unknown, known) -> str:
    return _("Unknown query parameter: %(names)s. Known: %(known)s.") % {
        "names": ", ".join(sorted(unknown)),
        "known": ", ".join(sorted(known)) or "-",
    }


class PublicAPIMixin:
    """No authentication, JSON only, Indonesian labels, and a 400 for any
    query parameter the endpoint does not know."""

    authentication_classes = []
    permission_classes = []
    content_negotiation_class = JSONOnly
    schema = EnvelopeAutoSchema()
    known_parameters: frozenset = frozenset()

    def initial(self, request, *args, **kwargs):
        translation.activate(settings.LANGUAGE_CODE)
        super().initial(request, *args, **kwargs)
        problem = unknown_parameters(request, self.get_known_parameters())
        if problem:
            raise BadRequest(problem)

    def get_known_parameters(self) -> set:
        return set(self.known_parameters)


class ItemViewSet(PublicAPIMixin, viewsets.ViewSet):
    """Base for the typed listings. Subclasses name the model, serializers,
    extra filters and the related data to fetch with a listing (constant
    number of queries whatever the page size)."""

    model = None
    lookup_value_regex = r"\d+"
    list_serializer = s.ItemSerializer
    detail_serializer = s.ItemSerializer
    filter_classes = [filters.DesaFilter, filters.PublishedFilter, filters.OrderFilter]
    extra_filter_classes: list = []
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

    def get_filter_classes(self):
        return [*self.filter_classes, *self.extra_filter_classes]

    def get_known_parameters(self):
        names = {p.name for p in pagination.PARAMETERS}
        for filter_class in self.get_filter_classes():
            parameters = getattr(filter_class, "parameters", [filter_class.parameter])
            names.update(p.name for p in parameters)
        return names

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
        queryset = self.get_list_queryset()
        for filter_class in self.get_filter_classes():
            queryset = filter_class().filter(request, queryset)
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


def listing_schema(name: str, item, detail, extra_filters=()):
    """OpenAPI description of a typed listing and its detail."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {name}",
            parameters=schema_parameters(
                [*ItemViewSet.filter_classes, *extra_filters], pagination.PARAMETERS
            ),
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
    )


NEWS_FILTERS = [filters.NewsCategoryFilter, filters.TagFilter]
TOURISM_FILTERS = [filters.model_choices_filter(TourismPage, example="alam")]
WISDOM_FILTERS = [filters.model_choices_filter(LocalWisdomPage, example="kesenian")]
DEVELOPMENT_FILTERS = [filters.FiscalYearFilter, filters.StageFilter]


@listing_schema("news", s.NewsItemSerializer, s.NewsDetailSerializer, NEWS_FILTERS)
class NewsAPIViewSet(ItemViewSet):
    """/api/v2/news/: berita of every desa and of the kecamatan."""

    model = NewsPage
    list_serializer = s.NewsItemSerializer
    detail_serializer = s.NewsDetailSerializer
    extra_filter_classes = NEWS_FILTERS
    detail_prefetch = (
        Prefetch(
            "tagged_items",
            queryset=NewsPage.tags.through.objects.select_related("tag"),
        ),
    )
    select = ("category",)


@listing_schema(
    "tourism", s.TourismItemSerializer, s.TourismDetailSerializer, TOURISM_FILTERS
)
class TourismAPIViewSet(ItemViewSet):
    """/api/v2/tourism/: wisata."""

    model = TourismPage
    list_serializer = s.TourismItemSerializer
    detail_serializer = s.TourismDetailSerializer
    extra_filter_classes = TOURISM_FILTERS
    detail_prefetch = ("facilities",)
    listing_defer = ("body", "gallery")


@listing_schema(
    "local wisdom", s.WisdomItemSerializer, s.WisdomDetailSerializer, WISDOM_FILTERS
)
class WisdomAPIViewSet(ItemViewSet):
    """/api/v2/wisdom/: kearifan lokal."""

    model = LocalWisdomPage
    list_serializer = s.WisdomItemSerializer
    detail_serializer = s.WisdomDetailSerializer
    extra_filter_classes = WISDOM_FILTERS
    listing_defer = ("body", "gallery")


@listing_schema(
    "development",
    s.DevelopmentItemSerializer,
    s.DevelopmentDetailSerializer,
    DEVELOPMENT_FILTERS,
)
class DevelopmentAPIViewSet(ItemViewSet):
    """/api/v2/development/: pembangunan, with progress and stage."""

    model = DevelopmentProjectPage
    list_serializer = s.DevelopmentItemSerializer
    detail_serializer = s.DevelopmentDetailSerializer
    extra_filter_classes = DEVELOPMENT_FILTERS
    list_prefetch = ("progress_reports",)
    detail_prefetch = (
        Prefetch("progress_reports__photo", queryset=images_with_renditions()),
    )


ITEM_VIEWSETS = {
    NewsPage: NewsAPIViewSet,
    TourismPage: TourismAPIViewSet,
    LocalWisdomPage: WisdomAPIViewSet,
    DevelopmentProjectPage: DevelopmentAPIViewSet,
}


def count_of(model, hidden) -> Coalesce:
    counted = (
        public_pages(model.objects.filter(desa=OuterRef("pk")), hidden)
        .order_by()
        .values("desa")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def latest_of(model, hidden) -> Subquery:
    return Subquery(
        public_pages(model.objects.filter(desa=OuterRef("pk")), hidden)
        .order_by()
        .values("desa")
        .annotate(latest=Max("last_published_at"))
        .values("latest")
    )


COUNTED = {
    "news": NewsPage,
    "tourism": TourismPage,
    "wisdom": LocalWisdomPage,
    "development": DevelopmentProjectPage,
}


def desa_queryset(generation=None):
    """Public desa with their counts and last publication, in one query."""
    hidden = hiding_paths(generation)
    annotations = {}
    for key, model in COUNTED.items():
        annotations[f"{key}_count"] = count_of(model, hidden)
        annotations[f"{key}_latest"] = latest_of(model, hidden)
    return (
        public_pages(DesaHomePage.objects.all(), hidden)
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image"))
        .annotate(**annotations)
        .order_by("name")
    )


def desa_detail_queryset(generation=None):
    """As desa_queryset, with what only the detail shows (the logo)."""
    return (
        desa_queryset(generation)
        .select_related("logo")
        .prefetch_related(renditions_of("logo"))
    )


def with_last_published(desa):
    moments = [getattr(desa, f"{key}_latest") for key in COUNTED]
    desa.last_content_published_at = max((m for m in moments if m), default=None)
    return desa


class DesaAPIViewSet(PublicAPIMixin, viewsets.ViewSet):
    """The desa directory; one desa by Kemendagri code or by public domain."""

    lookup_field = "kode_kemendagri"
    lookup_value_regex = r"\d{2}\.\d{2}\.\d{2}\.\d{4}"
    known_parameters = frozenset({"domain"})

    @extend_schema(
        summary="The desa directory, or one desa by its public domain",
        parameters=[
            OpenApiParameter(
                "domain",
                OpenApiTypes.STR,
                description="A desa's public domain (e.g. ratamba.desa.id): "
                "answers with that desa's detail, or 404.",
            )
        ],
        responses={
            200: s.DesaListOrDetailSerializer,
        }
        | COMMON_ERRORS,
    )
    def list(self, request):
        domain = request.query_params.get("domain")
        if domain is not None:
            desa = (
                desa_detail_queryset(generation_of(request))
                .filter(public_domain=domain.strip().lower())
                .first()
            )
            if desa is None:
                raise NotFound(_("No desa uses the domain %(d)s.") % {"d": domain})
            return Response(
                s.DesaDetailSerializer().to_representation(with_last_published(desa))
            )
        serializer = s.DesaSerializer()
        items = [
            serializer.to_representation(with_last_published(desa))
            for desa in desa_queryset(generation_of(request))
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    @extend_schema(
        summary="One desa with its profile",
        responses={200: s.DesaDetailSerializer} | COMMON_ERRORS,
    )
    def retrieve(self, request, kode_kemendagri=None):
        desa = (
            desa_detail_queryset(generation_of(request))
            .filter(kode_kemendagri=kode_kemendagri)
            .first()
        )
        if desa is None:
            raise NotFound(_("Unknown desa: %(desa)s.") % {"desa": kode_kemendagri})
        return Response(
            s.DesaDetailSerializer().to_representation(with_last_published(desa))
        )


class KecamatanAPIView(PublicAPIMixin, APIView):
    """/api/v2/kecamatan/: the kecamatan's profile, office contact, camat
    and the portal's identity (theme colour, logo, main image)."""

    @extend_schema(
        summary="The kecamatan",
        responses={200: s.KecamatanProfileSerializer} | COMMON_ERRORS,
    )
    def get(self, request):
        kecamatan = (
            public_pages(
                KecamatanHomePage.objects.all(), hiding_paths(generation_of(request))
            )
            .select_related("hero_image", "logo")
            .prefetch_related(renditions_of("hero_image"), renditions_of("logo"))
            .first()
        )
        if kecamatan is None:
            raise NotFound(_("Not found."))
        return Response(s.KecamatanProfileSerializer().to_representation(kecamatan))


def detail_response(page):
    viewset = ITEM_VIEWSETS[type(page)]
    return Response(viewset.detail_serializer().to_representation(page))


class FindAPIView(PublicAPIMixin, APIView):
    """Resolve a frontend path (desa + section + slug) to the item, in one
    request: /api/v2/find/?desa=giritirta&section=berita&slug=posyandu"""

    known_parameters = frozenset({"desa", "section", "slug"})

    @extend_schema(
        summary="Find an item by desa, section and slug",
        parameters=[
            OpenApiParameter(
                "desa",
                OpenApiTypes.STR,
                required=True,
                description="Kemendagri code or slug of the desa, or `kecamatan`.",
            ),
            OpenApiParameter(
                "section",
                OpenApiTypes.STR,
                required=True,
                enum=list(SECTION_MODELS),
            ),
            OpenApiParameter("slug", OpenApiTypes.STR, required=True),
        ],
        responses={200: s.AnyItemDetailSerializer} | COMMON_ERRORS,
    )
    def get(self, request):
        missing = [
            n for n in ("desa", "section", "slug") if not request.query_params.get(n)
        ]
        if missing:
            raise BadRequest(
                _("Missing parameter: %(names)s.") % {"names": ", ".join(missing)}
            )
        model = SECTION_MODELS.get(request.query_params["section"])
        if model is None:
            raise BadRequest(
                _("section must be one of: %(choices)s.")
                % {"choices": ", ".join(SECTION_MODELS)}
            )
        viewset = ITEM_VIEWSETS[model]()
        queryset = filters.DesaFilter().filter(request, viewset.detail_queryset())
        page = queryset.filter(slug=request.query_params["slug"]).first()
        if page is None:
            raise NotFound(_("No published item at this path."))
        return detail_response(page)


class PreviewAPIView(PublicAPIMixin, APIView):
    """The draft an editor is previewing, by the signed token the admin's
    preview handed to the frontend, for the site the frontend renders:
    /api/v2/preview/?token=...&desa=giritirta (or desa=kecamatan on the
    portal). A token shown on another desa's site is refused like a bad
    one, so nobody can dress a draft of one desa in another desa's site.
    Never cached, here or by anyone on the way (`private, no-store`)."""

    known_parameters = frozenset({"token", "desa"})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="A draft being previewed",
        parameters=[
            OpenApiParameter("token", OpenApiTypes.STR, required=True),
            OpenApiParameter(
                "desa",
                OpenApiTypes.STR,
                required=True,
                description="The site rendering the preview: the desa's "
                "Kemendagri code or slug, or `kecamatan` for the portal.",
            ),
        ],
        responses={200: s.AnyItemDetailSerializer, 403: s.ErrorSerializer}
        | COMMON_ERRORS,
    )
    def get(self, request):
        from cms.core.preview import InvalidPreviewToken, page_for_token

        missing = [n for n in ("token", "desa") if not request.query_params.get(n)]
        if missing:
            raise BadRequest(
                _("Missing parameter: %(names)s.") % {"names": ", ".join(missing)}
            )
        try:
            page = page_for_token(
                request.query_params["token"], request.query_params["desa"]
            )
        except InvalidPreviewToken as error:
            return Response({"message": str(error)}, status=403)
        if type(page) not in ITEM_VIEWSETS:
            return Response(
                {"message": _("This page type has no preview.")}, status=404
            )
        return detail_response(page)
