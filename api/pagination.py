"""Limit/offset pagination with the wagtail.api.v2 envelope:
{"meta": {"total_count": N}, "items": [...]}."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from .errors import BadRequest
from .filters import Parameter, parse_integer

DEFAULT_LIMIT = 20
MAX_OFFSET = 10_000_000


def max_limit() -> int:
    return settings.WAGTAILAPI_LIMIT_MAX


PARAMETERS = [
    Parameter(
        "limit",
        "Items per page (1 to the configured maximum).",
        "20",
        {"type": "integer", "minimum": 1, "maximum": max_limit()},
    ),
    Parameter(
        "offset",
        "Items to skip.",
        "0",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
    ),
]


def _integer(request, name: str, default: int, low: int, high: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = parse_integer(raw)
    except ValueError:
        raise BadRequest(_("%(name)s must be an integer.") % {"name": name}) from None
    if value < low or (high is not None and value > high):
        bounds = f"{low}-{high}" if high is not None else f">= {low}"
        raise BadRequest(
            _("%(name)s must be in the range %(bounds)s.")
            % {"name": name, "bounds": bounds}
        )
    return value


def page_bounds(request) -> tuple[int, int]:
    limit = _integer(request, "limit", DEFAULT_LIMIT, 1, max_limit())
    offset = _integer(request, "offset", 0, 0, MAX_OFFSET)
    return offset, offset + limit


class MetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField()


def envelope(item_serializer, name: str):
    """The list envelope around `item_serializer`, for the schema."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "meta": MetaSerializer(),
            "items": item_serializer(many=True),
            "__module__": __name__,
        },
    )
