"""OpenAPI schema hooks."""

from drf_spectacular.openapi import AutoSchema

PUBLIC_PREFIXES = (
    "/api/v2/desa/",
    "/api/v2/news/",
    "/api/v2/tourism/",
    "/api/v2/wisdom/",
    "/api/v2/development/",
    "/api/v2/find/",
    "/api/v2/preview/",
    "/api/v2/search/",
    "/api/v2/dashboard/",
)


def only_public_api(endpoints):
    """Document the project's own endpoints (Wagtail's v2 endpoints have
    their own documentation and no DRF schema)."""
    return [
        endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIXES)
    ]


class EnvelopeAutoSchema(AutoSchema):
    """The project's list responses are explicit envelope serializers, never
    bare arrays, so nothing is wrapped in an array."""

    def _is_list_view(self, serializer=None) -> bool:
        return False

    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        if getattr(self.view, "action", None) == "list":
            return operation_id.replace("_retrieve", "_list")
        return operation_id
