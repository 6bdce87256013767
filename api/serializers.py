"""Response shapes, each declared once.

A serializer's declared fields are both the OpenAPI schema (drf-spectacular
reads them) and the response: `ResponseSerializer.to_representation` walks
the same fields. A field reads its `source` from the object, or what the
serializer's `get_<field name>(obj)` returns, and converts it by its type
(a nested serializer by its own fields; a dict is taken as already made in
the shape, e.g. by api.streamfield or a search engine). The walk is a plain
loop over readers prepared once per serializer, so a listing costs about
what a hand-built dict did. The schema test validates real responses
against the generated schema.
"""

from operator import attrgetter, methodcaller
from typing import NamedTuple

from django.utils.functional import cached_property
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from cms.core.public_urls import public_url
from cms.core.renditions import absolute, image_data
from cms.core.vocabulary import DesaRef, iso
from cms.opensid.figures import SMALL, public_population, public_programmes

from .richtext import api_html
from .streamfield import stream_data

MISSING = object()


class HTMLField(serializers.CharField):
    # Rich text as the API's public HTML.

    def __init__(self, **kwargs):
        super().__init__(help_text="HTML", **kwargs)


def _same(obj):
    return obj


def _converter(field):
    """How a field turns what it read into JSON (None: it is JSON already)."""
    if isinstance(field, serializers.BaseSerializer):
        return field.to_representation
    if isinstance(field, HTMLField):
        return api_html
    if isinstance(field, serializers.DateTimeField):
        return iso
    if isinstance(field, serializers.DateField):
        return methodcaller("isoformat")
    if isinstance(field, serializers.FloatField):
        return float  # a DecimalField's value too
    # Text, numbers, booleans, lists and dicts are read as they are: model
    # fields hold them so (a choice's label is made text by choice_of).
    return None


def _reader(serializer, name: str, field):
    method = f"get_{name}"
    # DRF's own get_* (get_value, get_fields, ...) are no field readers.
    own = not hasattr(serializers.Serializer, method)
    get = getattr(serializer, method, None) if own else None
    if get is None:
        get = _same if field.source == "*" else attrgetter(field.source)
    convert = _converter(field)
    if convert is None:
        return get
    if convert is api_html:  # reads None as no text
        return lambda obj: convert(get(obj))

    def read(obj):
        value = get(obj)
        return None if value is None else convert(value)

    return read


# The serializers' docstrings are their schema descriptions (inherited by
# subclasses without one), hence comments on the base classes.


class ResponseSerializer(serializers.Serializer):
    # A response shape: its declared fields document it and produce it.

    @cached_property
    def readers(self) -> list:
        return [(name, _reader(self, name, f)) for name, f in self.fields.items()]

    def to_representation(self, instance) -> dict:
        if isinstance(instance, dict):  # made in this shape elsewhere
            return instance
        return {name: read(instance) for name, read in self.readers}


class Choice(NamedTuple):
    slug: str
    name: str


def choice_of(obj, field: str) -> Choice:
    """A model field with choices as its value and display label."""
    return Choice(getattr(obj, field), str(getattr(obj, f"get_{field}_display")()))


class Place(NamedTuple):
    latitude: object
    longitude: object
    address: str


class ErrorSerializer(ResponseSerializer):
    message = serializers.CharField()


class SourceSerializer(ResponseSerializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class FallbackSerializer(SourceSerializer):
    format = serializers.CharField()


class ImageSerializer(ResponseSerializer):
    """An image as renditions: WebP at several widths and a JPEG fallback."""

    # cms.core.renditions.image_data makes this shape, memoised per image.

    id = serializers.IntegerField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    webp = SourceSerializer(many=True)
    fallback = FallbackSerializer()
    srcset = serializers.CharField()

    def to_representation(self, image) -> dict | None:
        return image_data(image)


class DesaRefSerializer(ResponseSerializer):
    kode_kemendagri = serializers.CharField()
    name = serializers.CharField()
    slug = serializers.CharField()


class LocationSerializer(ResponseSerializer):
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    address = serializers.CharField()


class ContactSerializer(ResponseSerializer):
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ChoiceSerializer(ResponseSerializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class BlockSerializer(ResponseSerializer):
    # One StreamField block: api.streamfield.stream_data makes this shape for
    # a whole stream at once.

    type = serializers.CharField()
    id = serializers.CharField(allow_null=True)
    value = serializers.JSONField()


def theme_color_field() -> serializers.RegexField:
    return serializers.RegexField(
        r"^#[0-9a-f]{6}$",
        allow_null=True,
        help_text="The site's main colour (white text on it passes WCAG AA); "
        "null: the frontend's default.",
    )


class ThemeMixin:
    # A site's identity colour; the frontend's default when it has none.

    def get_theme_color(self, page) -> str | None:
        return page.theme_color or None


class ItemSerializer(ResponseSerializer):
    """Fields every content item carries, in listings and in detail."""

    item_type = ""

    id = serializers.IntegerField(source="pk")
    type = serializers.CharField()
    title = serializers.CharField()
    slug = serializers.CharField()
    desa = DesaRefSerializer(
        allow_null=True, help_text="The owning desa; null for the kecamatan's own."
    )
    url = serializers.URLField(help_text="Public URL on the frontend.")
    published_at = serializers.DateTimeField(source="first_published_at")
    updated_at = serializers.DateTimeField(source="last_published_at")
    summary = serializers.CharField()
    hero_image = ImageSerializer(allow_null=True)

    def get_type(self, page) -> str:
        return self.item_type

    def get_desa(self, page) -> DesaRef | None:
        # Listings prime `_api_*` attributes in bulk (api/listing.py); a single
        # item (detail, preview) reads its relations directly.
        desa = getattr(page, "_api_desa", MISSING)
        return DesaRef.of(page.desa) if desa is MISSING else desa

    def get_url(self, page) -> str:
        return public_url(type(page), page.slug, self.get_desa(page))


class DetailMixin(serializers.Serializer):
    # What only the detail of an item shows; a detail serializer lists it
    # after the item's serializer, so `body` follows the item's fields.

    body = BlockSerializer(many=True)

    def get_body(self, page) -> list[dict]:
        return stream_data(page.body)

    def get_gallery(self, page) -> list[dict]:
        return stream_data(page.gallery)


class NewsItemSerializer(ItemSerializer):
    item_type = "news"

    date = serializers.DateField()
    category = ChoiceSerializer()
    tags = serializers.ListField(child=serializers.CharField())

    def get_category(self, page) -> Choice:
        category = getattr(page, "_api_category", None)
        if category is None:
            return Choice(page.category.slug, page.category.name)
        return Choice(*category)

    def get_tags(self, page) -> list[str]:
        tags = getattr(page, "_api_tags", None)
        if tags is None:
            tags = sorted(item.tag.name for item in page.tagged_items.all())
        return tags


class NewsDetailSerializer(NewsItemSerializer, DetailMixin):
    pass


class TourismItemSerializer(ItemSerializer):
    item_type = "tourism"

    category = ChoiceSerializer()
    is_free = serializers.BooleanField()
    ticket_price = serializers.IntegerField(allow_null=True)
    location = LocationSerializer(source="*")

    def get_category(self, page) -> Choice:
        return choice_of(page, "category")


class TourismDetailSerializer(TourismItemSerializer, DetailMixin):
    opening_hours = serializers.CharField()
    facilities = ChoiceSerializer(many=True)
    contact = ContactSerializer(source="*")
    gallery = BlockSerializer(many=True)

    def get_facilities(self, page) -> list:
        return sorted(page.facilities.all(), key=lambda facility: facility.name)


class WisdomItemSerializer(ItemSerializer):
    item_type = "wisdom"

    category = ChoiceSerializer()

    def get_category(self, page) -> Choice:
        return choice_of(page, "category")


class WisdomDetailSerializer(WisdomItemSerializer, DetailMixin):
    practitioners = serializers.CharField()
    season_note = serializers.CharField()
    contact = ContactSerializer(source="*")
    gallery = BlockSerializer(many=True)


class BudgetSerializer(ResponseSerializer):
    total = serializers.IntegerField(source="budget_total")
    pemerintah = serializers.IntegerField(source="budget_pemerintah")
    provinsi = serializers.IntegerField(source="budget_provinsi")
    kabupaten = serializers.IntegerField(source="budget_kabupaten")
    swadaya = serializers.IntegerField(source="budget_swadaya")


class ProgressReportSerializer(ResponseSerializer):
    date = serializers.DateField()
    percent = serializers.IntegerField()
    note = serializers.CharField()
    photo = ImageSerializer(allow_null=True)


class DevelopmentItemSerializer(ItemSerializer):
    item_type = "development"

    fiscal_year = serializers.IntegerField()
    stage = ChoiceSerializer()
    progress = serializers.IntegerField(
        source="current_progress", help_text="Highest reported percent."
    )
    funding_source = ChoiceSerializer()
    budget = BudgetSerializer(source="*")
    location = LocationSerializer()
    origin = ChoiceSerializer(
        help_text='Where the project is written: "sini" (here) or "opensid" '
        "(pushed by the desa's own OpenSID)."
    )

    def get_stage(self, page) -> Choice:
        stage = page.stage  # computed from the progress reports
        return Choice(stage.value, str(stage.label))

    def get_funding_source(self, page) -> Choice:
        return choice_of(page, "funding_source")

    def get_origin(self, page) -> Choice:
        return choice_of(page, "origin")

    def get_location(self, page) -> Place:
        return Place(page.latitude, page.longitude, page.location_name)


class DevelopmentDetailSerializer(DevelopmentItemSerializer, DetailMixin):
    volume = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    executor = serializers.CharField()
    benefit = serializers.CharField()
    duration_days = serializers.IntegerField(allow_null=True)
    project_type = ChoiceSerializer()
    progress_reports = ProgressReportSerializer(many=True)

    def get_project_type(self, page) -> Choice:
        return choice_of(page, "project_type")

    def get_progress_reports(self, page) -> list:
        return sorted(page.progress_reports.all(), key=lambda r: (r.date, r.pk or 0))


class CountsSerializer(ResponseSerializer):
    news = serializers.IntegerField(source="news_count")
    tourism = serializers.IntegerField(source="tourism_count")
    wisdom = serializers.IntegerField(source="wisdom_count")
    development = serializers.IntegerField(source="development_count")


class DesaSerializer(ThemeMixin, ResponseSerializer):
    """A desa in the directory."""

    kode_kemendagri = serializers.CharField()
    kode_bps = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    slug = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    public_domain = serializers.CharField(allow_null=True)
    url = serializers.URLField()
    hero_image = ImageSerializer(allow_null=True)
    counts = CountsSerializer(source="*", help_text="Published items per content type.")
    last_published_at = serializers.DateTimeField(
        source="last_content_published_at", allow_null=True
    )
    integration_status = ChoiceSerializer(
        help_text='Where its content lives: "terintegrasi" (here) or "feed" '
        "(its own website, read through its feeds)."
    )
    theme_color = theme_color_field()

    def get_url(self, desa) -> str:
        return public_url(type(desa), desa.slug, DesaRef.of(desa))

    def get_integration_status(self, desa) -> Choice:
        return choice_of(desa, "integration_status")


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "enum": [SMALL]},
        ],
        "description": (
            f'A number of people: 1 to 4 is shown as "{SMALL}", larger '
            "numbers are rounded to the nearest 5, 0 is 0."
        ),
    }
)
class SuppressedCountField(serializers.Field):
    # cms.opensid.figures.suppressed made it an int or "< 5" already.

    def to_representation(self, value):
        return value


class FigureRowSerializer(ResponseSerializer):
    key = serializers.CharField(help_text="OpenSID's reference code, or a band.")
    label = serializers.CharField()
    count = SuppressedCountField()


class PopulationTablesSerializer(ResponseSerializer):
    """Living residents by one characteristic each; `status` counts every
    resident OpenSID sent by status_dasar (living, died, moved...)."""

    sex = FigureRowSerializer(many=True)
    age_group = FigureRowSerializer(many=True)
    religion = FigureRowSerializer(many=True)
    education = FigureRowSerializer(many=True)
    occupation = FigureRowSerializer(many=True)
    marital_status = FigureRowSerializer(many=True)
    status = FigureRowSerializer(many=True)


class PopulationSerializer(ResponseSerializer):
    """A desa's population in aggregate, as its OpenSID last pushed it."""

    counted_at = serializers.DateTimeField()
    source = serializers.CharField()
    residents = SuppressedCountField(help_text="Living residents.")
    households = SuppressedCountField(help_text="Living heads of family.")
    tables = PopulationTablesSerializer()


class AidProgrammeSerializer(ResponseSerializer):
    """An aid programme (program bantuan) of a desa, without its
    participants' names."""

    name = serializers.CharField()
    target = ChoiceSerializer(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    active = serializers.BooleanField()
    funding_source = serializers.CharField()
    participants = SuppressedCountField()


class SyncedReportSerializer(ResponseSerializer):
    """A PDF report a desa pushed from OpenSID: APBDes per semester,
    population per month."""

    title = serializers.CharField()
    kind = ChoiceSerializer(
        help_text='"apbdes" (period: semester 1-2) or "penduduk" (period: month 1-12).'
    )
    year = serializers.IntegerField()
    period = serializers.IntegerField()
    url = serializers.URLField(help_text="The PDF.")
    size = serializers.IntegerField(allow_null=True, help_text="In bytes.")
    received_at = serializers.DateTimeField()

    def get_kind(self, report) -> Choice:
        return choice_of(report, "kind")

    def get_url(self, report) -> str:
        return absolute(report.document.url)

    def get_size(self, report) -> int | None:
        return report.document.file_size


class DesaDetailSerializer(DesaSerializer):
    """A desa with its profile."""

    kepala_desa = serializers.CharField()
    visi = HTMLField()
    misi = HTMLField()
    sejarah = HTMLField()
    contact = ContactSerializer(source="*")
    joined_on = serializers.DateField(allow_null=True)
    logo = ImageSerializer(allow_null=True)
    population = PopulationSerializer(
        allow_null=True, help_text="Pushed by the desa's OpenSID; null if none."
    )
    aid_programmes = AidProgrammeSerializer(many=True)

    def get_population(self, desa):
        return public_population(desa)

    def get_aid_programmes(self, desa) -> list:
        return public_programmes(desa)

    reports = SyncedReportSerializer(
        many=True,
        help_text="Reports pushed from OpenSID, newest year first; in a year, "
        "APBDes before population, by period.",
    )

    def get_reports(self, desa) -> list:
        # Only ever asked for a public desa: its reports are public.
        return list(
            desa.synced_reports.select_related("document").order_by(
                "-year", "kind", "period", "pk"
            )
        )


class KecamatanProfileSerializer(ThemeMixin, ResponseSerializer):
    """The kecamatan: its profile, its office and its camat, and the
    portal's identity."""

    name = serializers.CharField()
    title = serializers.CharField()
    kode_kemendagri = serializers.CharField()
    url = serializers.URLField(help_text="The portal's public URL.")
    camat = serializers.CharField()
    profile = HTMLField()
    contact = ContactSerializer(source="*")
    office_hours = serializers.CharField()
    hero_image = ImageSerializer(allow_null=True)
    theme_color = theme_color_field()
    logo = ImageSerializer(allow_null=True)

    def get_url(self, kecamatan) -> str:
        return public_url(type(kecamatan), kecamatan.slug, None)


class DesaListSerializer(serializers.Serializer):
    meta = serializers.DictField(child=serializers.IntegerField())
    items = DesaSerializer(many=True)


DesaListOrDetailSerializer = PolymorphicProxySerializer(
    component_name="DesaListOrDetail",
    serializers=[DesaListSerializer, DesaDetailSerializer],
    resource_type_field_name=None,
)

AnyItemDetailSerializer = PolymorphicProxySerializer(
    component_name="ItemDetail",
    serializers={
        "news": NewsDetailSerializer,
        "tourism": TourismDetailSerializer,
        "wisdom": WisdomDetailSerializer,
        "development": DevelopmentDetailSerializer,
    },
    resource_type_field_name="type",
)
