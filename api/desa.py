"""The desa directory (/api/v2/desa/: one desa by Kemendagri code or by
public domain) and the kecamatan (/api/v2/kecamatan/)."""

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.core.visibility import hiding_paths, public_pages
from cms.desa.models import DesaHomePage
from cms.kecamatan.models import KecamatanHomePage

from . import serializers as s
from .base import COMMON_ERRORS, PublicAPIMixin, generation_of, renditions_of
from .items import ITEM_VIEWSETS


def per_desa(model, hidden, **aggregate) -> Subquery:
    """One figure of `model`'s public pages per desa, as a subquery."""
    return Subquery(
        public_pages(model.objects.filter(desa=OuterRef("pk")), hidden)
        .order_by()
        .values("desa")
        .annotate(**aggregate)
        .values(*aggregate)
    )


# Counted per desa, under the item type the responses name them by.
COUNTED = {
    viewset.list_serializer.item_type: model for model, viewset in ITEM_VIEWSETS.items()
}


def desa_queryset(generation=None):
    """Public desa with their counts and last publication, in one query."""
    hidden = hiding_paths(generation)
    annotations = {}
    for key, model in COUNTED.items():
        annotations[f"{key}_count"] = Coalesce(
            per_desa(model, hidden, n=Count("pk")), 0
        )
        annotations[f"{key}_latest"] = per_desa(
            model, hidden, latest=Max("last_published_at")
        )
    return (
        public_pages(DesaHomePage.objects.all(), hidden)
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image"))
        .annotate(**annotations)
        .order_by("name")
    )


def desa_detail_queryset(generation=None):
    """As desa_queryset, with what only the detail shows (the logo, the
    population and aid figures pushed by OpenSID)."""
    return (
        desa_queryset(generation)
        .select_related("logo", "population_figures")
        .prefetch_related(renditions_of("logo"), "aid_programmes")
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
