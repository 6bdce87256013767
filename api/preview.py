"""/api/v2/preview/: the draft an editor is previewing."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import serializers as s
from .base import COMMON_ERRORS, PublicAPIMixin, missing_parameters
from .items import ITEM_VIEWSETS, detail_response


class PreviewAPIView(PublicAPIMixin, APIView):
    """The draft an editor is previewing, by the signed token the admin's
    preview handed to the frontend, for the site the frontend renders:
    /api/v2/preview/?token=...&desa=giritirta (or desa=kecamatan on the
    portal). A token shown on another desa's site is refused like a bad
    one, so nobody can dress a draft of one desa in another desa's site.
    Never cached, here or by anyone on the way (`private, no-store`)."""

    known_parameters = frozenset({"token", "desa"})

    cache_control = "private, no-store"

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

        missing_parameters(request, ("token", "desa"))
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
