"""One filter backend per query parameter, in the style of wagtail.api.v2,
on DRF's filter-backend interface (a view lists them in `filter_backends`).

Each filter validates its own parameter and raises BadRequest (400) or
NotFound (404) with a message the caller can act on.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.filters import BaseFilterBackend

from cms.core.visibility import public_pages
from cms.core.vocabulary import KECAMATAN, YEARS
from cms.desa.models import DesaHomePage
from cms.development.models import Stage

from .errors import BadRequest

MAX_VALUE_LENGTH = 200
KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
# int() and date.fromisoformat() also read "٣", "１", "1_000", " 7" and
# "20260101"; the API takes one spelling per value (ASCII digits), so the
# bounds below are the only ones to check.
INTEGER = re.compile(r"-?[0-9]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# first_published_at is a moment of this system: dates beyond these are
# clamped, so converting them to UTC cannot overflow.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(9000, 12, 31)


def values(request, name: str) -> list[str]:
    """All values of a parameter, comma-separated or repeated."""
    return [
        part.strip()
        for raw in request.query_params.getlist(name)
        for part in raw.split(",")
        if part.strip()
    ]


def parse_integer(raw: str) -> int:
    """The integer spelled in ASCII digits; ValueError otherwise."""
    if not INTEGER.fullmatch(raw):
        raise ValueError(raw)
    return int(raw)


def parse_year(request, name: str) -> int | None:
    """?year=2026: a year between 2000 and 2100, None when absent."""
    raw = request.query_params.get(name)
    return None if raw is None else year_of(raw, name)


def year_of(raw: str, name: str) -> int:
    """The year spelled in `raw`, within YEARS; a 400 naming `name` else."""
    try:
        year = parse_integer(raw)
    except ValueError:
        year = None
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        raise BadRequest(
            _("%(parameter)s must be a year between %(low)s and %(high)s.")
            % {"parameter": name, "low": YEARS[0], "high": YEARS[1]}
        )
    return year


def fits_column(value: int, field) -> bool:
    """Whether the database column of `field` (an integer field, or a key
    to one) can hold `value`: a larger number is no row at all, not an
    overflow inside the database driver."""
    target = field
    while target.is_relation:  # a key, perhaps to a key (page_ptr)
        target = target.target_field
    low, high = connection.ops.integer_field_range(target.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


def page_id(raw: str) -> int | None:
    """A page id from the URL, None when no page can have it."""
    from wagtail.models import Page

    try:
        value = parse_integer(raw)
    except ValueError:
        return None
    return value if value > 0 and fits_column(value, Page._meta.pk) else None


@dataclass(frozen=True)
class Parameter:
    """A query parameter and its JSON schema for the OpenAPI description:
    the values the filter really takes."""

    name: str
    description: str
    example: str = ""
    schema: dict = field(default_factory=lambda: {"type": "string"})


class ParameterFilter(BaseFilterBackend):
    """Narrows a queryset from its query `parameter` (or `parameters`, when it
    reads several), which also describe it in the OpenAPI schema."""

    parameter: Parameter

    @classmethod
    def query_parameters(cls) -> list[Parameter]:
        return list(getattr(cls, "parameters", [cls.parameter]))

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        raise NotImplementedError

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": parameter.name,
                "required": False,
                "in": "query",
                "description": parameter.description,
                "schema": parameter.schema,
            }
            for parameter in self.query_parameters()
        ]


class DesaFilter(ParameterFilter):
    """?desa=giritirta,33.04.15.2011 or ?desa=kecamatan for the kecamatan's own."""

    parameter = Parameter(
        "desa",
        "One or more desa, by Kemendagri code or slug, comma-separated; "
        "`kecamatan` selects the kecamatan's own items.",
        "giritirta,33.04.15.2011",
    )

    def filter_queryset(self, request, queryset, view):
        resolved = resolve_desa(request)
        if resolved is None:
            return queryset
        ids, include_kecamatan = resolved
        owned = Q(desa__in=ids)
        if include_kecamatan:
            owned |= Q(desa__isnull=True)
        return queryset.filter(owned)


def resolve_desa(request, field: str = "pk") -> tuple[list, bool] | None:
    """?desa= values as (desa `field` values, whether `kecamatan` is asked),
    None when the parameter is absent; NotFound for an unknown desa."""
    wanted = values(request, "desa")
    if not wanted:
        return None
    keys = [key for key in wanted if key != KECAMATAN]
    codes = [key for key in keys if KODE_DESA.match(key)]
    slugs = [key.lower() for key in keys if not KODE_DESA.match(key)]
    found = list(
        public_pages(
            DesaHomePage.objects.filter(
                Q(kode_kemendagri__in=codes) | Q(slug__in=slugs)
            )
        ).values_list(field, "kode_kemendagri", "slug")
    )
    known = {key for _value, code, slug in found for key in (code, slug)}
    unknown = [key for key in keys if key.lower() not in known]
    if unknown:
        raise NotFound(_("Unknown desa: %(desa)s.") % {"desa": ", ".join(unknown)})
    return [value for value, _code, _slug in found], KECAMATAN in wanted


class ChoiceFilter(ParameterFilter):
    """?category=alam: one of a fixed list."""

    field = "category"

    def get_choices(self) -> list[str]:
        raise NotImplementedError

    def filter_queryset(self, request, queryset, view):
        wanted = values(request, self.parameter.name)
        if not wanted:
            return queryset
        choices = self.get_choices()
        unknown = [value for value in wanted if value not in choices]
        if unknown:
            raise BadRequest(
                _("Unknown %(parameter)s: %(values)s. Choose from: %(choices)s.")
                % {
                    "parameter": self.parameter.name,
                    "values": ", ".join(unknown),
                    "choices": ", ".join(choices),
                }
            )
        return queryset.filter(**{f"{self.field}__in": wanted})


def model_choices_filter(model, field="category", example=""):
    """A ChoiceFilter over the `choices` of a model field."""
    model_field = model._meta.get_field(field)

    class ModelChoiceFilter(ChoiceFilter):
        parameter = Parameter(
            "category",
            "One or more category slugs, comma-separated.",
            example,
            {"type": "string", "enum": [value for value, _ in model_field.choices]},
        )

        def get_choices(self):
            return [value for value, _label in model_field.choices]

    ModelChoiceFilter.field = field
    return ModelChoiceFilter


class NewsCategoryFilter(ChoiceFilter):
    """?category=kesehatan: the kecamatan-managed news categories."""

    parameter = Parameter(
        "category", "One or more news category slugs, comma-separated.", "kesehatan"
    )
    field = "category__slug"

    def get_choices(self):
        from cms.news.models import NewsCategory

        return list(NewsCategory.objects.values_list("slug", flat=True))


class StageFilter(ChoiceFilter):
    """?stage=kegiatan: rencana, kegiatan or hasil."""

    parameter = Parameter(
        "stage",
        "Development stage: rencana, kegiatan or hasil.",
        "kegiatan",
        {"type": "string", "enum": list(Stage.values)},
    )
    field = "progress_stage"

    def get_choices(self):
        return list(Stage.values)

    def filter_queryset(self, request, queryset, view):
        if not values(request, "stage"):
            return queryset
        return super().filter_queryset(request, queryset.with_progress(), view)


class TagFilter(ParameterFilter):
    """?tag=posyandu: items carrying every given tag."""

    parameter = Parameter("tag", "Tag names, comma-separated (all must match).", "")

    def filter_queryset(self, request, queryset, view):
        tagged = queryset.model.tags.through.objects
        for tag in values(request, "tag"):
            queryset = queryset.filter(
                Exists(
                    tagged.filter(content_object=OuterRef("pk"), tag__name__iexact=tag)
                )
            )
        return queryset


def parse_date(request, name: str) -> datetime.date | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        if not DATE.fullmatch(raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(
            _("%(parameter)s must be a date in the form YYYY-MM-DD.")
            % {"parameter": name}
        ) from None


def start_of(day: datetime.date) -> datetime.datetime:
    day = min(max(day, EARLIEST), LATEST)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PublishedFilter(ParameterFilter):
    """?published_after=2026-01-01&published_before=2026-06-30 (inclusive,
    Asia/Jakarta dates of first publication)."""

    parameter = Parameter(
        "published_after",
        "First published on or after this date.",
        "2026-01-01",
        {"type": "string", "format": "date"},
    )
    parameters = [
        parameter,
        Parameter(
            "published_before",
            "First published on or before this date.",
            "2026-12-31",
            {"type": "string", "format": "date"},
        ),
    ]

    def filter_queryset(self, request, queryset, view):
        after = parse_date(request, "published_after")
        before = parse_date(request, "published_before")
        if after and before and after > before:
            raise BadRequest(_("published_after is later than published_before."))
        if after:
            queryset = queryset.filter(first_published_at__gte=start_of(after))
        if before:
            next_day = min(before, LATEST) + datetime.timedelta(days=1)
            queryset = queryset.filter(first_published_at__lt=start_of(next_day))
        return queryset


class FiscalYearFilter(ParameterFilter):
    """?fiscal_year=2026"""

    parameter = Parameter(
        "fiscal_year",
        "Fiscal year of the project.",
        "2026",
        {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
    )

    def filter_queryset(self, request, queryset, view):
        year = parse_year(request, "fiscal_year")
        if year is None:
            return queryset
        return queryset.filter(fiscal_year=year)


class OrderFilter(ParameterFilter):
    """?order=-published (default), published or title."""

    orderings = {
        "-published": ("-first_published_at", "-pk"),
        "published": ("first_published_at", "pk"),
        "title": ("title", "pk"),
    }
    parameter = Parameter(
        "order",
        "Sort order: -published (newest first), published or title.",
        "",
        {"type": "string", "enum": list(orderings)},
    )

    def filter_queryset(self, request, queryset, view):
        order = request.query_params.get("order", "-published")
        if order not in self.orderings:
            raise BadRequest(
                _("order must be one of: %(choices)s.")
                % {"choices": ", ".join(self.orderings)}
            )
        return queryset.order_by(*self.orderings[order])
