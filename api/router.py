"""Wagtail's own v2 endpoints (pages, images, documents), narrowed to public
content and JSON only, plus the project's endpoints, under /api/v2/.

Wagtail checks its parameters loosely (int() reads "٣" and 20 digits, a
date filter reaches the database unparsed, a lone quote breaks SQLite's
full-text syntax) and answers in English; here every parameter is checked
first, with the API's own Indonesian messages, so bad input is a 400 or 404
and never a 500.
"""

import math
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import SimpleRouter
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from cms.core.visibility import public_media, public_pages

from . import pagination
from .base import JSONOnly, unknown_message, unknown_parameters
from .desa import DesaAPIViewSet
from .errors import BadRequest
from .filters import EARLIEST, LATEST, fits_column, parse_integer
from .items import (
    DevelopmentAPIViewSet,
    NewsAPIViewSet,
    TourismAPIViewSet,
    WisdomAPIViewSet,
)
from .schema import documented_endpoint

# Parameters of Wagtail's that a headless, single-site, Indonesian-only API
# does not serve: the browsable API's ?format=, jQuery's ?_= cache buster
# (one cache entry per value), ?rich_text_format=db_html (the stored markup,
# with the ids of linked pages), and the site and locale selectors.
DROPPED = frozenset(
    {"format", "_", "rich_text_format", "site", "locale", "translation_of"}
)
SEARCH_OPERATORS = ("and", "or")
WORD = re.compile(r"\w+")
# Field filters on these column types only (a StreamField or JSON column
# is no value to compare).
FILTERABLE = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateField,
    models.TimeField,
    models.DecimalField,
    models.FloatField,
    models.ForeignKey,
    TaggableManager,
)


class WordsOnly:
    """The request as Wagtail's SearchFilter reads it, with ?search= reduced
    to its words: punctuation means nothing to a full-text index, and a lone
    quote or bracket breaks SQLite's MATCH syntax."""

    def __init__(self, request):
        self._request = request
        self.GET = QueryDict(mutable=True)
        self.GET.update(request.GET)
        self.GET["search"] = " ".join(WORD.findall(request.GET["search"]))

    def __getattr__(self, name):
        return getattr(self._request, name)


class WordsSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            request = WordsOnly(request)
        return super().filter_queryset(request, queryset, view)


def bad_value(name: str) -> BadRequest:
    return BadRequest(
        _("%(parameter)s has a value it cannot take.") % {"parameter": name}
    )


def check_field_value(name: str, field, raw: str) -> None:
    """Raise a 400 unless `raw` is a value the column of `field` can hold
    (Wagtail passes it to the database as it is)."""
    if not isinstance(field, FILTERABLE):
        raise BadRequest(
            _("Items cannot be filtered by %(parameter)s.") % {"parameter": name}
        )
    if isinstance(field, (models.IntegerField, models.ForeignKey)):
        try:
            if not fits_column(parse_integer(raw), field):
                raise ValueError(raw)
        except ValueError:
            raise bad_value(name) from None
    elif isinstance(field, (models.DateField, models.TimeField, models.FloatField)):
        try:
            value = field.to_python(raw)
        except ValidationError:
            raise bad_value(name) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise bad_value(name)
        if hasattr(value, "year") and not EARLIEST.year <= value.year <= LATEST.year:
            raise bad_value(name)
    elif isinstance(field, models.DecimalField):
        try:
            value = field.to_python(raw)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise ValidationError(raw)
            DecimalValidator(field.max_digits, field.decimal_places)(value)
        except ValidationError:
            raise bad_value(name) from None


def check_tree_parameter(request, name: str, root_allowed: bool) -> None:
    raw = request.GET.get(name)
    if raw is None or (root_allowed and raw == "root"):
        return
    try:
        if parse_integer(raw) < 0:
            raise ValueError(raw)
    except ValueError:
        message = (
            _("%(parameter)s must be a page id or root.")
            if root_allowed
            else _("%(parameter)s must be a page id.")
        )
        raise BadRequest(message % {"parameter": name}) from None


class PublicEndpointMixin:
    """Wagtail's endpoints, checked first and answered like the rest of the
    API: JSON only, Indonesian messages, 400 for an unknown parameter on
    any view, 404 alike for what is hidden and what is missing."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    # Parameters of the detail and find views (the listing takes
    # known_query_parameters and the model's fields).
    view_parameters = {"detail_view": {"fields"}, "find_view": {"id", "fields"}}

    def initial(self, request, *args, **kwargs):
        translation.activate(settings.LANGUAGE_CODE)
        super().initial(request, *args, **kwargs)
        # Before Wagtail reads them (?site= picks the pages' base queryset).
        dropped = DROPPED & set(request.GET)
        if dropped:
            raise BadRequest(unknown_message(dropped, self.known_query_parameters))
        if self.action in self.view_parameters:
            self.reject_unknown(self.view_parameters[self.action])
        if self.action == "find_view" and "id" in request.GET:
            self.check_id(request.GET["id"])

    def reject_unknown(self, known) -> None:
        problem = unknown_parameters(self.request, known)
        if problem:
            raise BadRequest(problem)

    def check_id(self, raw: str) -> None:
        try:
            if not fits_column(parse_integer(raw), self.model._meta.pk):
                raise ValueError(raw)
        except ValueError:
            raise bad_value("id") from None

    def check_query_parameters(self, queryset):
        """Wagtail's hook before filtering a listing: every parameter known,
        every value one the database can take."""
        model = queryset.model
        fields = set(self.get_available_fields(model, db_fields_only=True)) - DROPPED
        self.reject_unknown(fields | self.known_query_parameters)
        pagination.page_bounds(self.request)
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequest(
                _("search_operator must be one of: %(choices)s.")
                % {"choices": ", ".join(SEARCH_OPERATORS)}
            )
        for name in sorted(fields & set(self.request.GET)):
            check_field_value(name, model._meta.get_field(name), self.request.GET[name])

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            exc = BadRequest(
                _("The query cannot be answered: %(reason)s.") % {"reason": exc}
            )
        elif isinstance(exc, Http404):
            exc = NotFound(_("Not found."))
        return super().handle_exception(exc)


@documented_endpoint("pages")
class PublicPagesAPIViewSet(PublicEndpointMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint without pages under an unpublished ancestor
    (Wagtail checks `live` on the page itself only)."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters - DROPPED
    view_parameters = {
        **PublicEndpointMixin.view_parameters,
        "find_view": {"id", "html_path", "fields"},
    }
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        check_tree_parameter(self.request, "child_of", root_allowed=True)
        check_tree_parameter(self.request, "descendant_of", root_allowed=True)
        check_tree_parameter(self.request, "ancestor_of", root_allowed=False)

    def get_root_page(self):
        site = Site.find_for_request(self.request)
        if site is None:
            raise NotFound(_("Not found."))
        return site.root_page


class PublicMediaMixin(PublicEndpointMixin):
    """Only media that public pages use: an image uploaded for a draft, or
    for another desa's unpublished page, is not listed. (A subquery on the
    id, which the search backends can apply, where public_media's EXISTS
    cannot be.)"""

    filter_backends = [FieldsFilter, OrderingFilter, WordsSearchFilter]

    def get_queryset(self):
        queryset = super().get_queryset()
        public = public_media(queryset.model.objects.all()).values("pk")
        return queryset.filter(pk__in=public)


@documented_endpoint("images")
class PublicImagesAPIViewSet(PublicMediaMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - DROPPED


@documented_endpoint("documents")
class PublicDocumentsAPIViewSet(PublicMediaMixin, DocumentsAPIViewSet):
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - DROPPED


wagtail_router = WagtailAPIRouter("wagtailapi")
wagtail_router.register_endpoint("pages", PublicPagesAPIViewSet)
wagtail_router.register_endpoint("images", PublicImagesAPIViewSet)
wagtail_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

router = SimpleRouter()
router.register("desa", DesaAPIViewSet, basename="desa")
router.register("news", NewsAPIViewSet, basename="news")
router.register("tourism", TourismAPIViewSet, basename="tourism")
router.register("wisdom", WisdomAPIViewSet, basename="wisdom")
router.register("development", DevelopmentAPIViewSet, basename="development")
