"""The OpenAPI schema: hooks, Wagtail's endpoints and the feeds.

Every public endpoint is described with the limits the server enforces
(a schemathesis test holds the server to it): the project's own endpoints
through their views, Wagtail's pages, images and documents endpoints
through `documented_endpoint`, and the feeds (plain Django views returning
XML) through the `add_feeds` hook. `add_common_errors` gives every operation
the errors any request can meet: 400 from the input checks in front of the
API and 429 from the rate limit.
"""

from drf_spectacular.drainage import isolate_view_method
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer

PUBLIC_PREFIXES = (
    "/api/v2/desa/",
    "/api/v2/kecamatan/",
    "/api/v2/news/",
    "/api/v2/tourism/",
    "/api/v2/wisdom/",
    "/api/v2/development/",
    "/api/v2/find/",
    "/api/v2/preview/",
    "/api/v2/generation/",
    "/api/v2/search/",
    "/api/v2/dashboard/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
)
# The input checks of api.middleware: longer values are a 400.
MAX_VALUE_LENGTH = 200
ERROR_REF = {"$ref": "#/components/schemas/Error"}
KODE_PATTERN = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"


def only_public_api(endpoints):
    """Document the public endpoints, not the admin's."""
    return [
        endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIXES)
    ]


class SchemaView(SpectacularAPIView):
    """The schema as YAML or JSON (?format=json); an error (an unknown
    ?format=) is JSON like every error of the API."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class EnvelopeAutoSchema(AutoSchema):
    """The project's list responses are explicit envelope serializers, never
    bare arrays, so nothing is wrapped in an array."""

    def _is_list_view(self, serializer=None) -> bool:
        return False

    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        if getattr(self.view, "action", None) in ("list", "listing_view"):
            return operation_id.replace("_retrieve", "_list")
        return operation_id


# Wagtail's endpoints: their items change shape with ?fields= and ?type=, so
# every property is optional and others may appear.


def _object(properties: dict) -> dict:
    return {"type": "object", "properties": properties}


NULLABLE_STRING = {"type": ["string", "null"]}
WAGTAIL_META = {
    "type": {"type": "string"},
    "detail_url": {"type": "string", "format": "uri"},
}
MEDIA_META = {
    **WAGTAIL_META,
    "tags": {"type": "array", "items": {"type": "string"}},
    "download_url": {"type": "string"},
}
PAGE_ITEM = _object(
    {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "meta": _object(
            {
                **WAGTAIL_META,
                "html_url": NULLABLE_STRING,
                "slug": {"type": "string"},
                "show_in_menus": {"type": "boolean"},
                "seo_title": {"type": "string"},
                "search_description": {"type": "string"},
                "first_published_at": {
                    "type": ["string", "null"],
                    "format": "date-time",
                },
                "alias_of": {"type": ["object", "null"]},
                "parent": {"type": ["object", "null"]},
            }
        ),
    }
)
MEDIA_ITEM = _object(
    {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "meta": _object(MEDIA_META),
    }
)


def _envelope(item: dict) -> dict:
    return _object(
        {
            "meta": _object({"total_count": {"type": "integer", "minimum": 0}}),
            "items": {"type": "array", "items": item},
        }
    ) | {"required": ["meta", "items"]}


def _query(name: str, schema, description: str = "", **extra) -> OpenApiParameter:
    return OpenApiParameter(name, schema, description=description, **extra)


def _orders(*fields: str) -> list[str]:
    return [*fields, *(f"-{field}" for field in fields), "random"]


def _page_types() -> list[str]:
    from wagtail.models import get_page_models

    return sorted(model._meta.label for model in get_page_models())


def _listing_parameters(name: str) -> list[OpenApiParameter]:
    from .pagination import PARAMETERS

    common = [
        *(_query(p.name, p.schema, p.description) for p in PARAMETERS),
        _query(
            "fields",
            OpenApiTypes.STR,
            "Fields to add (`title,body`), remove (`-title`), all (`*`) or "
            "none (`_`); nested as `hero_image(title)`.",
        ),
        _query("search", OpenApiTypes.STR, "Words to search for."),
        _query("search_operator", OpenApiTypes.STR, enum=["and", "or"]),
        _query("id", OpenApiTypes.INT),
        _query("title", OpenApiTypes.STR),
    ]
    if name == "pages":
        return [
            *common,
            _query("order", OpenApiTypes.STR, enum=_orders("id", "title", "slug")),
            _query(
                "type",
                OpenApiTypes.STR,
                "A page type, or several comma-separated; the type's own "
                "fields then filter and can be asked in `fields`.",
                enum=_page_types(),
            ),
            *(
                _query(
                    tree,
                    {"type": "string", "pattern": "^([0-9]+|root)$"},
                    "A page id, or `root`.",
                )
                for tree in ("child_of", "descendant_of")
            ),
            _query("ancestor_of", {"type": "integer", "minimum": 0}, "A page id."),
            _query("slug", OpenApiTypes.STR),
            _query("show_in_menus", OpenApiTypes.BOOL),
            _query("seo_title", OpenApiTypes.STR),
            _query("search_description", OpenApiTypes.STR),
            _query("first_published_at", OpenApiTypes.DATETIME),
        ]
    order = ("id", "title", "width", "height") if name == "images" else ("id", "title")
    return [
        *common,
        _query("order", OpenApiTypes.STR, enum=_orders(*order)),
        _query("tags", OpenApiTypes.STR, "Tag names, comma-separated."),
        *(
            _query(size, OpenApiTypes.INT)
            for size in (("width", "height") if name == "images" else ())
        ),
    ]


def _errors(*codes: int) -> dict:
    from .serializers import ErrorSerializer

    return dict.fromkeys(codes, ErrorSerializer)


def documented_endpoint(name: str):
    """The OpenAPI description of Wagtail's `name` endpoint (pages, images
    or documents): its listing, detail and find views."""
    item = PAGE_ITEM if name == "pages" else MEDIA_ITEM
    find = [_query("id", OpenApiTypes.INT)]
    if name == "pages":
        find.append(_query("html_path", OpenApiTypes.STR, "A path on the site."))
    fields = _query("fields", OpenApiTypes.STR, "As in the listing.")
    views = {
        "listing_view": extend_schema(
            operation_id=f"{name}_list",
            summary=f"Wagtail's {name} listing (public content only)",
            parameters=_listing_parameters(name),
            responses={200: _envelope(item)} | _errors(400, 404),
        ),
        "detail_view": extend_schema(
            operation_id=f"{name}_retrieve",
            summary=f"One of Wagtail's {name}",
            parameters=[
                OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
                fields,
            ],
            responses={200: item} | _errors(400, 404),
        ),
        "find_view": extend_schema(
            operation_id=f"{name}_find",
            summary=f"Find one of Wagtail's {name}: a redirect to its detail",
            parameters=[
                *find,
                fields,
                OpenApiParameter(
                    "Location",
                    OpenApiTypes.URI,
                    OpenApiParameter.HEADER,
                    response=[302],
                ),
            ],
            responses={302: OpenApiResponse(description="The detail URL.")}
            | _errors(400, 404),
        ),
    }

    def decorator(view):
        # extend_schema_view() knows DRF's action names only; Wagtail's
        # views are listing_view, detail_view and find_view.
        for method_name, schema in views.items():
            schema(isolate_view_method(view, method_name))
        return view

    return decorator


# Hooks (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])


def _feed_operation(name: str, atom: bool, per_desa: bool) -> dict:
    media_type = "application/atom+xml" if atom else "application/rss+xml"
    parameters = []
    if per_desa:
        parameters.append(
            {
                "in": "path",
                "name": "kode_kemendagri",
                "required": True,
                "schema": {"type": "string", "pattern": KODE_PATTERN},
            }
        )
    responses = {
        "200": {
            "description": "The feed, newest first (at most 50 items).",
            "content": {media_type: {"schema": {"type": "string"}}},
        },
        "400": {
            "description": "An unknown query parameter.",
            "content": {"application/json": {"schema": ERROR_REF}},
        },
    }
    if per_desa:
        responses["404"] = {
            "description": "No public desa has this code.",
            "content": {"application/json": {"schema": ERROR_REF}},
        }
    return {
        "operationId": name,
        "summary": f"{'Atom' if atom else 'RSS 2.0'} news feed",
        "tags": ["feed"],
        "parameters": parameters,
        "responses": responses,
    }


def add_feeds(result, generator, request, public):
    """The RSS and Atom feeds are plain Django views (XML, no serializer)."""
    paths = result.setdefault("paths", {})
    for atom in (False, True):
        suffix = "atom/" if atom else ""
        paths[f"/api/v2/feed/{suffix}"] = {
            "get": _feed_operation(f"feed_{'atom' if atom else 'rss'}", atom, False)
        }
        paths[f"/api/v2/desa/{{kode_kemendagri}}/feed/{suffix}"] = {
            "get": _feed_operation(f"desa_feed_{'atom' if atom else 'rss'}", atom, True)
        }
    result["paths"] = dict(sorted(paths.items()))
    return result


def add_common_errors(result, generator, request, public):
    """What any request can meet, whatever the endpoint: a 400 for a value
    over 200 characters or with a NUL (api.middleware), a 429 with
    Retry-After from the rate limit."""
    json_error = {"content": {"application/json": {"schema": ERROR_REF}}}
    for path in result["paths"].values():
        for operation in path.values():
            responses = operation["responses"]
            responses.setdefault("400", {"description": "Bad input."} | json_error)
            responses["429"] = {
                "description": "Too many requests.",
                "headers": {
                    "Retry-After": {"schema": {"type": "integer", "minimum": 1}}
                },
            } | json_error
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter["in"] == "query" and schema.get("type") == "string":
                    schema.setdefault("maxLength", MAX_VALUE_LENGTH)
    return result
