"""/api/v2/generation/: the content generation (cms/core/generation.py), so
that a frontend can tell in one small request whether anything public
changed since it cached its answers (frontend_templates/common/client.py
asks at most once a second)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.core.generation import current_generation

from .base import PublicAPIMixin
from .serializers import ErrorSerializer, ResponseSerializer


class GenerationSerializer(ResponseSerializer):
    generation = serializers.CharField(
        help_text="Changes whenever public content changes; compare for equality."
    )

    def get_generation(self, request) -> str:
        return current_generation()


class GenerationAPIView(PublicAPIMixin, APIView):
    """/api/v2/generation/: {"generation": "..."}. Never cached (the
    response cache is keyed by this very value), here or on the way."""

    cache_control = "no-store"

    @extend_schema(
        summary="The content generation",
        responses={200: GenerationSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        return Response(GenerationSerializer().to_representation(request))
