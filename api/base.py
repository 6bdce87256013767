"""What every endpoint of the project's own API shares: no authentication,
JSON only, Indonesian messages, a 400 for an unknown query parameter, and
the errors each operation documents."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.negotiation import BaseContentNegotiation

from cms.core.renditions import RENDITION_SPECS

from .errors import BadRequest
from .schema import EnvelopeAutoSchema
from .serializers import ErrorSerializer

COMMON_ERRORS = {400: ErrorSerializer, 404: ErrorSerializer}


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


def missing_parameters(request, names) -> None:
    """A 400 naming the required query parameters that are absent or empty."""
    missing = [name for name in names if not request.query_params.get(name)]
    if missing:
        raise BadRequest(
            _("Missing parameter: %(names)s.") % {"names": ", ".join(missing)}
        )


class PublicAPIMixin:
    """No authentication, JSON only, Indonesian labels, and a 400 for any
    query parameter the endpoint does not know."""

    authentication_classes = []
    permission_classes = []
    content_negotiation_class = JSONOnly
    schema = EnvelopeAutoSchema()
    known_parameters: frozenset = frozenset()
    # Cache-Control of every answer, when the view sets its own.
    cache_control: str | None = None

    def initial(self, request, *args, **kwargs):
        translation.activate(settings.LANGUAGE_CODE)
        super().initial(request, *args, **kwargs)
        problem = unknown_parameters(request, self.get_known_parameters())
        if problem:
            raise BadRequest(problem)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.cache_control:
            response["Cache-Control"] = self.cache_control
        return response

    def get_known_parameters(self) -> set:
        return set(self.known_parameters)
