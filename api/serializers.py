"""Response shapes.

Each serializer declares its fields, which is what the OpenAPI schema is
generated from, and builds its output in a plain `to_representation` for
speed. The schema test validates real responses against the generated
schema, so the two cannot drift apart.
"""

from django.utils import timezone
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from cms.core.public_urls import public_url
from cms.core.renditions import image_data
from cms.core.vocabulary import DesaRef

from .richtext import api_html
from .streamfield import stream_data

MISSING = object()


def iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def decimal(value) -> float | None:
    return float(value) if value is not None else None


class ErrorSerializer(serializers.Serializer):
    message = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class FallbackSerializer(SourceSerializer):
    format = serializers.CharField()


class ImageSerializer(serializers.Serializer):
    """An image as renditions: WebP at several widths and a JPEG fallback."""

    id = serializers.IntegerField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    webp = SourceSerializer(many=True)
    fallback = FallbackSerializer()
    srcset = serializers.CharField()


class DesaRefSerializer(serializers.Serializer):
    kode_kemendagri = serializers.CharField()
    name = serializers.CharField()
    slug = serializers.CharField()


class LocationSerializer(serializers.Serializer):
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    address = serializers.CharField()


class ContactSerializer(serializers.Serializer):
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ChoiceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class BlockSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.CharField(allow_null=True)
    value = serializers.JSONField()


def desa_ref(desa: DesaRef | None) -> dict | None:
    if desa is None:
        return None
    return {
        "kode_kemendagri": desa.kode_kemendagri,
        "name": desa.name,
        "slug": desa.slug,
    }


def contact(page) -> dict:
    return {"address": page.address, "phone": page.phone, "email": page.email}


def theme(page) -> dict:
    return {"theme_color": page.theme_color or None, "logo": image_data(page.logo)}


def theme_color_field() -> serializers.RegexField:
    return serializers.RegexField(
        r"^#[0-9a-f]{6}$",
        allow_null=True,
        help_text="The site's main colour (white text on it passes WCAG AA); "
        "null: the frontend's default.",
    )


def choice(value, label) -> dict:
    return {"slug": value, "name": str(label)}


class ItemSerializer(serializers.Serializer):
    """Fields every content item carries, in listings and in detail."""

    item_type = ""

    id = serializers.IntegerField()
    type = serializers.CharField()
    title = serializers.CharField()
    slug = serializers.CharField()
    desa = DesaRefSerializer(
        allow_null=True, help_text="The owning desa; null for the kecamatan's own."
    )
    url = serializers.URLField(help_text="Public URL on the frontend.")
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    summary = serializers.CharField()
    hero_image = ImageSerializer(allow_null=True)

    def to_representation(self, page) -> dict:
        # Listings prime `_api_*` attributes in bulk (api/listing.py); a single
        # item (detail, preview) reads its relations directly.
        desa = getattr(page, "_api_desa", MISSING)
        if desa is MISSING:
            desa = DesaRef.of(page.desa)
        return {
            "id": page.pk,
            "type": self.item_type,
            "title": page.title,
            "slug": page.slug,
            "desa": desa_ref(desa),
            "url": public_url(type(page), page.slug, desa),
            "published_at": iso(page.first_published_at),
            "updated_at": iso(page.last_published_at),
            "summary": page.summary,
            "hero_image": image_data(page.hero_image),
            **self.type_fields(page),
        }

    def type_fields(self, page) -> dict:
        """Type-specific fields."""
        return {}


class DetailMixin(serializers.Serializer):
    body = BlockSerializer(many=True)

    def type_fields(self, page) -> dict:
        return {**super().type_fields(page), "body": stream_data(page.body)}


class NewsItemSerializer(ItemSerializer):
    item_type = "news"

    date = serializers.DateField()
    category = ChoiceSerializer()
    tags = serializers.ListField(child=serializers.CharField())

    def type_fields(self, page) -> dict:
        category = getattr(page, "_api_category", None)
        if category is None:
            category = (page.category.slug, page.category.name)
        tags = getattr(page, "_api_tags", None)
        if tags is None:
            tags = sorted(item.tag.name for item in page.tagged_items.all())
        return {
            "date": page.date.isoformat(),
            "category": choice(*category),
            "tags": tags,
        }


class NewsDetailSerializer(DetailMixin, NewsItemSerializer):
    pass


class TourismItemSerializer(ItemSerializer):
    item_type = "tourism"

    category = ChoiceSerializer()
    is_free = serializers.BooleanField()
    ticket_price = serializers.IntegerField(allow_null=True)
    location = LocationSerializer()

    def type_fields(self, page) -> dict:
        return {
            "category": choice(page.category, page.get_category_display()),
            "is_free": page.is_free,
            "ticket_price": page.ticket_price,
            "location": {
                "latitude": decimal(page.latitude),
                "longitude": decimal(page.longitude),
                "address": page.address,
            },
        }


class TourismDetailSerializer(DetailMixin, TourismItemSerializer):
    opening_hours = serializers.CharField()
    facilities = ChoiceSerializer(many=True)
    contact = ContactSerializer()
    gallery = BlockSerializer(many=True)

    def type_fields(self, page) -> dict:
        return {
            **super().type_fields(page),
            "opening_hours": page.opening_hours,
            "facilities": [
                choice(facility.slug, facility.name)
                for facility in sorted(page.facilities.all(), key=lambda f: f.name)
            ],
            "contact": contact(page),
            "gallery": stream_data(page.gallery),
        }


class WisdomItemSerializer(ItemSerializer):
    item_type = "wisdom"

    category = ChoiceSerializer()

    def type_fields(self, page) -> dict:
        return {"category": choice(page.category, page.get_category_display())}


class WisdomDetailSerializer(DetailMixin, WisdomItemSerializer):
    practitioners = serializers.CharField()
    season_note = serializers.CharField()
    contact = ContactSerializer()
    gallery = BlockSerializer(many=True)

    def type_fields(self, page) -> dict:
        return {
            **super().type_fields(page),
            "practitioners": page.practitioners,
            "season_note": page.season_note,
            "contact": contact(page),
            "gallery": stream_data(page.gallery),
        }


class BudgetSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    pemerintah = serializers.IntegerField()
    provinsi = serializers.IntegerField()
    kabupaten = serializers.IntegerField()
    swadaya = serializers.IntegerField()


class ProgressReportSerializer(serializers.Serializer):
    date = serializers.DateField()
    percent = serializers.IntegerField()
    note = serializers.CharField()
    photo = ImageSerializer(allow_null=True)


class DevelopmentItemSerializer(ItemSerializer):
    item_type = "development"

    fiscal_year = serializers.IntegerField()
    stage = ChoiceSerializer()
    progress = serializers.IntegerField(help_text="Highest reported percent.")
    funding_source = ChoiceSerializer()
    budget = BudgetSerializer()
    location = LocationSerializer()

    def type_fields(self, page) -> dict:
        stage = page.stage
        return {
            "fiscal_year": page.fiscal_year,
            "stage": choice(stage.value, stage.label),
            "progress": page.current_progress,
            "funding_source": choice(
                page.funding_source, page.get_funding_source_display()
            ),
            "budget": {
                "total": page.budget_total,
                "pemerintah": page.budget_pemerintah,
                "provinsi": page.budget_provinsi,
                "kabupaten": page.budget_kabupaten,
                "swadaya": page.budget_swadaya,
            },
            "location": {
                "latitude": decimal(page.latitude),
                "longitude": decimal(page.longitude),
                "address": page.location_name,
            },
        }


class DevelopmentDetailSerializer(DetailMixin, DevelopmentItemSerializer):
    volume = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    executor = serializers.CharField()
    benefit = serializers.CharField()
    duration_days = serializers.IntegerField(allow_null=True)
    project_type = ChoiceSerializer()
    progress_reports = ProgressReportSerializer(many=True)

    def type_fields(self, page) -> dict:
        reports = sorted(page.progress_reports.all(), key=lambda r: (r.date, r.pk or 0))
        return {
            **super().type_fields(page),
            "volume": decimal(page.volume),
            "unit": page.unit,
            "executor": page.executor,
            "benefit": page.benefit,
            "duration_days": page.duration_days,
            "project_type": choice(page.project_type, page.get_project_type_display()),
            "progress_reports": [
                {
                    "date": report.date.isoformat(),
                    "percent": report.percent,
                    "note": report.note,
                    "photo": image_data(report.photo),
                }
                for report in reports
            ],
        }


class CountsSerializer(serializers.Serializer):
    news = serializers.IntegerField()
    tourism = serializers.IntegerField()
    wisdom = serializers.IntegerField()
    development = serializers.IntegerField()


class DesaSerializer(serializers.Serializer):
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
    counts = CountsSerializer(help_text="Published items per content type.")
    last_published_at = serializers.DateTimeField(allow_null=True)
    integration_status = ChoiceSerializer(
        help_text='Where its content lives: "terintegrasi" (here) or "feed" '
        "(its own website, read through its feeds)."
    )
    theme_color = theme_color_field()

    def to_representation(self, desa) -> dict:
        ref = DesaRef.of(desa)
        return {
            "kode_kemendagri": desa.kode_kemendagri,
            "kode_bps": desa.kode_bps,
            "name": desa.name,
            "slug": desa.slug,
            "latitude": decimal(desa.latitude),
            "longitude": decimal(desa.longitude),
            "public_domain": desa.public_domain,
            "url": public_url(type(desa), desa.slug, ref),
            "hero_image": image_data(desa.hero_image),
            "counts": {
                "news": desa.news_count,
                "tourism": desa.tourism_count,
                "wisdom": desa.wisdom_count,
                "development": desa.development_count,
            },
            "last_published_at": iso(desa.last_content_published_at),
            "integration_status": choice(
                desa.integration_status, desa.get_integration_status_display()
            ),
            "theme_color": desa.theme_color or None,
            **self.type_fields(desa),
        }

    def type_fields(self, desa) -> dict:
        return {}


class DesaDetailSerializer(DesaSerializer):
    """A desa with its profile."""

    kepala_desa = serializers.CharField()
    visi = serializers.CharField(help_text="HTML")
    misi = serializers.CharField(help_text="HTML")
    sejarah = serializers.CharField(help_text="HTML")
    contact = ContactSerializer()
    joined_on = serializers.DateField(allow_null=True)
    logo = ImageSerializer(allow_null=True)

    def type_fields(self, desa) -> dict:
        return {
            "kepala_desa": desa.kepala_desa,
            "visi": api_html(desa.visi),
            "misi": api_html(desa.misi),
            "sejarah": api_html(desa.sejarah),
            "contact": contact(desa),
            "joined_on": desa.joined_on.isoformat() if desa.joined_on else None,
            "logo": image_data(desa.logo),
        }


class KecamatanProfileSerializer(serializers.Serializer):
    """The kecamatan: its profile, its office and its camat, and the
    portal's identity."""

    name = serializers.CharField()
    title = serializers.CharField()
    kode_kemendagri = serializers.CharField()
    url = serializers.URLField(help_text="The portal's public URL.")
    camat = serializers.CharField()
    profile = serializers.CharField(help_text="HTML")
    contact = ContactSerializer()
    office_hours = serializers.CharField()
    hero_image = ImageSerializer(allow_null=True)
    theme_color = theme_color_field()
    logo = ImageSerializer(allow_null=True)

    def to_representation(self, kecamatan) -> dict:
        return {
            "name": kecamatan.name,
            "title": kecamatan.title,
            "kode_kemendagri": kecamatan.kode_kemendagri,
            "url": public_url(type(kecamatan), kecamatan.slug, None),
            "camat": kecamatan.camat,
            "profile": api_html(kecamatan.profile),
            "contact": contact(kecamatan),
            "office_hours": kecamatan.office_hours,
            "hero_image": image_data(kecamatan.hero_image),
            **theme(kecamatan),
        }


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
