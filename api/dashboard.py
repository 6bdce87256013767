"""The public dashboard: development achievements, IDM and publishing
activity of every desa, from published content only (nothing about drafts
or moderation)."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from aggregator.sources.models import ExternalFeed
from cms.core.public_urls import public_url
from cms.core.vocabulary import YEARS, DesaRef
from cms.dashboard.figures import Activity, Dashboard, DesaFigures, dashboard
from cms.dashboard.models import IDMScore
from cms.dashboard.sources import Sync
from cms.desa.models import DesaHomePage

from . import listing
from .base import PublicAPIMixin, generation_of
from .filters import parse_year
from .items import DevelopmentAPIViewSet
from .serializers import (
    Choice,
    ChoiceSerializer,
    DesaRefSerializer,
    DevelopmentItemSerializer,
    ErrorSerializer,
    ResponseSerializer,
    choice_of,
)

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
    description="Fiscal year (default: this year).",
)


@dataclass
class Feeds:
    """A desa's active external feeds, gathered for FeedStatusSerializer."""

    count: int = 0
    statuses: set = field(default_factory=set)
    successes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    items: int = 0


NO_FEEDS = Feeds()


def feed_status(desa_ids) -> dict[int, Feeds]:
    """Each desa's external feeds at a glance, in one query."""
    rows: dict[int, Feeds] = {}
    feeds = ExternalFeed.objects.filter(desa__in=desa_ids, is_active=True).annotate(
        items_count=Count("items")
    )
    for feed in feeds:
        row = rows.setdefault(feed.desa_id, Feeds())
        row.count += 1
        row.statuses.add(feed.status)
        row.items += feed.items_count
        row.successes += [feed.last_success_at] if feed.last_success_at else []
        row.errors += [feed.last_error_at] if feed.last_error_at else []
    return rows


def idm_sources(data: Dashboard) -> list[str]:
    """The sources named by the year's IDM scores, so that sample figures
    are shown as samples next to the chart."""
    scores = IDMScore.objects.filter(
        year=data.year, desa__in=[item.desa.pk for item in data.desa]
    ).exclude(source="")
    return sorted(set(scores.values_list("source", flat=True)))


class DevelopmentFiguresSerializer(ResponseSerializer):
    projects = serializers.IntegerField()
    by_stage = serializers.DictField(child=serializers.IntegerField())
    budget_total = serializers.IntegerField()
    by_source = serializers.DictField(child=serializers.IntegerField())
    by_split = serializers.DictField(child=serializers.IntegerField())
    average_progress = serializers.FloatField(allow_null=True)
    completed_in_year = serializers.IntegerField()
    stalled = serializers.IntegerField(
        help_text="Not finished, last progress report older than 90 days."
    )


class IDMFiguresSerializer(ResponseSerializer):
    year = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    previous_year = serializers.IntegerField(allow_null=True)
    previous_score = serializers.FloatField(allow_null=True)
    previous_status = serializers.CharField(allow_null=True)
    trend = serializers.CharField(allow_null=True, help_text="naik, turun or tetap")


class ActivitySerializer(ResponseSerializer):
    last_30 = serializers.DictField(child=serializers.IntegerField())
    last_90 = serializers.DictField(child=serializers.IntegerField())
    last_published_at = serializers.DateTimeField(allow_null=True)


class FeedStatusSerializer(ResponseSerializer):
    count = serializers.IntegerField(help_text="Active external feeds.")
    status = serializers.CharField(
        help_text='"ok", "error" (a feed failed its last read), "never" '
        '(not read yet) or "none" (no feed)'
    )
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_error_at = serializers.DateTimeField(allow_null=True)
    items = serializers.IntegerField(help_text="Items read from the feeds.")

    def get_status(self, feeds: Feeds) -> str:
        found = ("error", "never", "ok")
        return next((s for s in found if s in feeds.statuses), "none")

    def get_last_success_at(self, feeds: Feeds):
        return max(feeds.successes, default=None)

    def get_last_error_at(self, feeds: Feeds):
        return max(feeds.errors, default=None)


class DesaIntegrationSerializer(ResponseSerializer):
    joined_on = serializers.DateField(allow_null=True)
    phase = serializers.CharField(help_text='"1", "2", "3", "late" or "not_joined"')
    days_after_start = serializers.IntegerField(allow_null=True)
    status = ChoiceSerializer(help_text='"terintegrasi" or "feed"')
    feeds = FeedStatusSerializer()

    def get_joined_on(self, item: DesaFigures):
        return item.desa.joined_on

    def get_phase(self, item: DesaFigures) -> str:
        return item.phase["phase"]

    def get_days_after_start(self, item: DesaFigures) -> int | None:
        return item.phase["days_after_start"]

    def get_status(self, item: DesaFigures):
        return choice_of(item.desa, "integration_status")

    def get_feeds(self, item: DesaFigures) -> Feeds:
        return self.context["feeds"].get(item.desa.pk, NO_FEEDS)


SOURCES_HELP = (
    'Where this kind of data comes from: "sini" (written here), "feed" (read '
    'from the desa\'s own website) and/or "opensid" (pushed by its OpenSID).'
)


class DataSourcesSerializer(ResponseSerializer):
    news = serializers.ListField(child=serializers.CharField(), help_text=SOURCES_HELP)
    development = serializers.ListField(
        child=serializers.CharField(), help_text=SOURCES_HELP
    )
    population = serializers.ListField(
        child=serializers.CharField(), help_text=SOURCES_HELP
    )
    reports = serializers.ListField(
        child=serializers.CharField(), help_text=SOURCES_HELP
    )


class SyncSerializer(ResponseSerializer):
    module = ChoiceSerializer(help_text="The OpenSID push, by its path under /api/v1/.")
    received_at = serializers.DateTimeField()
    outcome = ChoiceSerializer(help_text='"berhasil", "ditolak" or "gagal"')

    def get_module(self, sync: Sync) -> Choice:
        return Choice(sync.module, sync.label)

    def get_outcome(self, sync: Sync) -> Choice:
        return Choice(sync.outcome, sync.outcome_label)


class DesaRowSerializer(ResponseSerializer):
    desa = DesaRefSerializer()
    url = serializers.URLField()
    development = DevelopmentFiguresSerializer()
    idm = IDMFiguresSerializer()
    activity = ActivitySerializer()
    integration = DesaIntegrationSerializer(source="*")
    sources = DataSourcesSerializer()
    sync = SyncSerializer(
        many=True, help_text="The newest OpenSID push of each module, if any."
    )

    def get_sources(self, item: DesaFigures) -> dict:
        return item.sources.by_kind

    def get_sync(self, item: DesaFigures) -> list[Sync]:
        return item.sources.sync

    def get_desa(self, item: DesaFigures) -> DesaRef:
        return DesaRef.of(item.desa)

    def get_url(self, item: DesaFigures) -> str:
        ref = DesaRef.of(item.desa)
        return public_url(DesaHomePage, ref.slug, ref)


class PhaseSerializer(ResponseSerializer):
    phase = serializers.CharField()
    deadline = serializers.DateField()
    target = serializers.IntegerField()
    joined = serializers.IntegerField()
    state = serializers.CharField(help_text="met, missed or open")


class IntegrationSerializer(ResponseSerializer):
    start = serializers.DateField()
    joined = serializers.IntegerField()
    desa = serializers.IntegerField()
    phases = PhaseSerializer(many=True)

    def get_phases(self, integration) -> list:
        return [SimpleNamespace(**phase) for phase in integration.phases]


class KecamatanSerializer(ResponseSerializer):
    development = DevelopmentFiguresSerializer()
    idm_status_counts = serializers.DictField(child=serializers.IntegerField())
    idm_sources = serializers.ListField(
        child=serializers.CharField(),
        help_text="Where the year's IDM scores come from (e.g. sample data).",
    )
    activity = ActivitySerializer()
    integration = IntegrationSerializer()

    def get_idm_sources(self, data: Dashboard) -> list[str]:
        return idm_sources(data)

    def get_activity(self, data: Dashboard) -> Activity:
        """The desa's activity summed up."""
        rows = [item.activity for item in data.desa]
        keys = rows[0].last_30 if rows else {}
        latest = [row.last_published_at for row in rows if row.last_published_at]
        return Activity(
            last_30={key: sum(row.last_30[key] for row in rows) for key in keys},
            last_90={key: sum(row.last_90[key] for row in rows) for key in keys},
            last_published_at=max(latest, default=None),
        )

    def get_integration(self, data: Dashboard) -> SimpleNamespace:
        return SimpleNamespace(**data.integration)


class DashboardSerializer(ResponseSerializer):
    year = serializers.IntegerField()
    kecamatan = KecamatanSerializer(source="*")
    desa = DesaRowSerializer(many=True)


class IDMHistorySerializer(ResponseSerializer):
    year = serializers.IntegerField()
    score = serializers.FloatField()
    status = serializers.CharField()
    target_status = serializers.CharField()
    source = serializers.CharField()


class DesaDashboardSerializer(ResponseSerializer):
    year = serializers.IntegerField()
    desa = DesaRowSerializer()
    projects = DevelopmentItemSerializer(many=True)
    idm_history = IDMHistorySerializer(many=True)


def requested_year(request) -> int:
    year = parse_year(request, "year")
    return timezone.localdate().year if year is None else year


class DashboardAPIView(PublicAPIMixin, APIView):
    """/api/v2/dashboard/?year=2026: kecamatan totals and one row per desa."""

    known_parameters = frozenset({"year"})

    @extend_schema(
        summary="The kecamatan dashboard",
        parameters=[YEAR],
        responses={200: DashboardSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        data = dashboard(requested_year(request))
        feeds = feed_status([item.desa.pk for item in data.desa])
        serializer = DashboardSerializer(context={"feeds": feeds})
        return Response(serializer.to_representation(data))


class DesaDashboardAPIView(PublicAPIMixin, APIView):
    """/api/v2/dashboard/desa/33.04.15.2005/?year=2026: one desa, with its
    projects of the year and its IDM history."""

    known_parameters = frozenset({"year"})

    @extend_schema(
        summary="One desa's dashboard",
        parameters=[YEAR],
        responses={
            200: DesaDashboardSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request, kode_kemendagri):
        year = requested_year(request)
        desa = DesaHomePage.objects.filter(kode_kemendagri=kode_kemendagri).first()
        data = dashboard(year, desa_ids=[desa.pk] if desa else [])
        if not data.desa:
            raise NotFound(_("Unknown desa: %(desa)s.") % {"desa": kode_kemendagri})
        projects = list(
            DevelopmentAPIViewSet()
            .get_list_queryset()
            .filter(desa=desa, fiscal_year=year)
            .order_by("title", "pk")
        )
        listing.prime(projects, generation_of(request))
        answer = SimpleNamespace(
            year=year,
            desa=data.desa[0],
            projects=projects,
            idm_history=IDMScore.objects.filter(desa=desa).order_by("year"),
        )
        serializer = DesaDashboardSerializer(context={"feeds": feed_status([desa.pk])})
        return Response(serializer.to_representation(answer))
