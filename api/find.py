"""/api/v2/find/: a frontend path (desa + section + slug) to its item."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from cms.core.registry import section_item_models

from . import filters
from . import serializers as s
from .base import COMMON_ERRORS, PublicAPIMixin, missing_parameters
from .errors import BadRequest
from .items import ITEM_VIEWSETS, detail_response


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
                enum=list(section_item_models()),
            ),
            OpenApiParameter("slug", OpenApiTypes.STR, required=True),
        ],
        responses={200: s.AnyItemDetailSerializer} | COMMON_ERRORS,
    )
    def get(self, request):
        missing_parameters(request, ("desa", "section", "slug"))
        model = section_item_models().get(request.query_params["section"])
        if model is None:
            raise BadRequest(
                _("section must be one of: %(choices)s.")
                % {"choices": ", ".join(section_item_models())}
            )
        viewset = ITEM_VIEWSETS[model]()
        queryset = filters.DesaFilter().filter_queryset(
            request, viewset.detail_queryset(), self
        )
        page = queryset.filter(slug=request.query_params["slug"]).first()
        if page is None:
            raise NotFound(_("No published item at this path."))
        return detail_response(page)
