"""The public dashboard: development achievements, IDM and publishing
activity of every desa, from published content only (nothing about drafts
or moderation)."""

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
from cms.core.vocabulary import DesaRef, iso
from cms.dashboard.figures import Dashboard, DesaFigures, Development, dashboard
from cms.dashboard.models import IDMScore
from cms.desa.models import DesaHomePage

from . import listing
from .base import PublicAPIMixin, generation_of
from .filters import YEARS, parse_year
from .items import DevelopmentAPIViewSet
from .serializers import (
    ChoiceSerializer,
    DesaRefSerializer,
    DevelopmentItemSerializer,
    ErrorSerializer,
    choice_of,
)

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
    description="Fiscal year (default: this year).",
)


class DevelopmentFiguresSerializer(serializers.Serializer):
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


class IDMFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    previous_year = serializers.IntegerField(allow_null=True)
    previous_score = serializers.FloatField(allow_null=True)
    previous_status = serializers.CharField(allow_null=True)
    trend = serializers.CharField(allow_null=True, help_text="naik, turun or tetap")


class ActivitySerializer(serializers.Serializer):
    last_30 = serializers.DictField(child=serializers.IntegerField())
    last_90 = serializers.DictField(child=serializers.IntegerField())
    last_published_at = serializers.DateTimeField(allow_null=True)


class FeedStatusSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Active external feeds.")
    status = serializers.CharField(
        help_text='"ok", "error" (a feed failed its last read), "never" '
        '(not read yet) or "none" (no feed)'
    )
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_error_at = serializers.DateTimeField(allow_null=True)
    items = serializers.IntegerField(help_text="Items read from the feeds.")


class DesaIntegrationSerializer(serializers.Serializer):
    joined_on = serializers.DateField(allow_null=True)
    phase = serializers.CharField(help_text='"1", "2", "3", "late" or "not_joined"')
    days_after_start = serializers.IntegerField(allow_null=True)
    status = ChoiceSerializer(help_text='"terintegrasi" or "feed"')
    feeds = FeedStatusSerializer()


class DesaRowSerializer(serializers.Serializer):
    desa = DesaRefSerializer()
    url = serializers.URLField()
    development = DevelopmentFiguresSerializer()
    idm = IDMFiguresSerializer()
    activity = ActivitySerializer()
    integration = DesaIntegrationSerializer()


class PhaseSerializer(serializers.Serializer):
    phase = serializers.CharField()
    deadline = serializers.DateField()
    target = serializers.IntegerField()
    joined = serializers.IntegerField()
    state = serializers.CharField(help_text="met, missed or open")


class IntegrationSerializer(serializers.Serializer):
    start = serializers.DateField()
    joined = serializers.IntegerField()
    desa = serializers.IntegerField()
    phases = PhaseSerializer(many=True)


class KecamatanSerializer(serializers.Serializer):
    development = DevelopmentFiguresSerializer()
    idm_status_counts = serializers.DictField(child=serializers.IntegerField())
    idm_sources = serializers.ListField(
        child=serializers.CharField(),
        help_text="Where the year's IDM scores come from (e.g. sample data).",
    )
    activity = ActivitySerializer()
    integration = IntegrationSerializer()


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    kecamatan = KecamatanSerializer()
    desa = DesaRowSerializer(many=True)


class IDMHistorySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    score = serializers.FloatField()
    status = serializers.CharField()
    target_status = serializers.CharField()
    source = serializers.CharField()


class DesaDashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    desa = DesaRowSerializer()
    projects = DevelopmentItemSerializer(many=True)
    idm_history = IDMHistorySerializer(many=True)


DESA_REF = DesaRefSerializer()
CHOICE = ChoiceSerializer()


def development_data(development: Development) -> dict:
    return {
        "projects": development.projects,
        "by_stage": development.by_stage,
        "budget_total": development.budget_total,
        "by_source": development.by_source,
        "by_split": development.by_split,
        "average_progress": development.average_progress,
        "completed_in_year": development.completed_in_year,
        "stalled": development.stalled,
    }


def feed_status(desa_ids) -> dict[int, dict]:
    """Each desa's external feeds at a glance, in one query."""
    rows: dict[int, dict] = {}
    feeds = ExternalFeed.objects.filter(desa__in=desa_ids, is_active=True).annotate(
        items_count=Count("items")
    )
    for feed in feeds:
        row = rows.setdefault(
            feed.desa_id,
            {"count": 0, "statuses": set(), "success": [], "error": [], "items": 0},
        )
        row["count"] += 1
        row["statuses"].add(feed.status)
        row["items"] += feed.items_count
        row["success"] += [feed.last_success_at] if feed.last_success_at else []
        row["error"] += [feed.last_error_at] if feed.last_error_at else []
    return {
        desa_id: {
            "count": row["count"],
            "status": next(s for s in ("error", "never", "ok") if s in row["statuses"]),
            "last_success_at": iso(max(row["success"], default=None)),
            "last_error_at": iso(max(row["error"], default=None)),
            "items": row["items"],
        }
        for desa_id, row in rows.items()
    }


NO_FEEDS = {
    "count": 0,
    "status": "none",
    "last_success_at": None,
    "last_error_at": None,
    "items": 0,
}


def row_data(item: DesaFigures, feeds: dict[int, dict]) -> dict:
    ref = DesaRef.of(item.desa)
    idm = item.idm
    return {
        "desa": DESA_REF.to_representation(ref),
        "url": public_url(DesaHomePage, ref.slug, ref),
        "development": development_data(item.development),
        "idm": {
            "year": idm.year,
            "score": idm.score,
            "status": idm.status,
            "previous_year": idm.previous_year,
            "previous_score": idm.previous_score,
            "previous_status": idm.previous_status,
            "trend": idm.trend,
        },
        "activity": {
            "last_30": item.activity.last_30,
            "last_90": item.activity.last_90,
            "last_published_at": iso(item.activity.last_published_at),
        },
        "integration": {
            "joined_on": iso(item.desa.joined_on),
            **item.phase,
            "status": CHOICE.to_representation(
                choice_of(item.desa, "integration_status")
            ),
            "feeds": feeds.get(item.desa.pk, NO_FEEDS),
        },
    }


def idm_sources(data: Dashboard) -> list[str]:
    """The sources named by the year's IDM scores, so that sample figures
    are shown as samples next to the chart."""
    scores = IDMScore.objects.filter(
        year=data.year, desa__in=[item.desa.pk for item in data.desa]
    ).exclude(source="")
    return sorted(set(scores.values_list("source", flat=True)))


def kecamatan_data(data: Dashboard) -> dict:
    keys = data.desa[0].activity.last_30 if data.desa else {}
    latest = [
        d.activity.last_published_at for d in data.desa if d.activity.last_published_at
    ]
    integration = data.integration
    return {
        "development": development_data(data.development),
        "idm_status_counts": data.idm_status_counts,
        "idm_sources": idm_sources(data),
        "activity": {
            "last_30": {k: sum(d.activity.last_30[k] for d in data.desa) for k in keys},
            "last_90": {k: sum(d.activity.last_90[k] for d in data.desa) for k in keys},
            "last_published_at": iso(max(latest)) if latest else None,
        },
        "integration": {
            **integration,
            "start": iso(integration["start"]),
            "phases": [
                {**phase, "deadline": iso(phase["deadline"])}
                for phase in integration["phases"]
            ],
        },
    }


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
        return Response(
            {
                "year": data.year,
                "kecamatan": kecamatan_data(data),
                "desa": [row_data(item, feeds) for item in data.desa],
            }
        )


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
        item = DevelopmentItemSerializer()
        return Response(
            {
                "year": year,
                "desa": row_data(data.desa[0], feed_status([desa.pk])),
                "projects": [item.to_representation(page) for page in projects],
                "idm_history": [
                    {
                        "year": score.year,
                        "score": float(score.score),
                        "status": score.status,
                        "target_status": score.target_status,
                        "source": score.source,
                    }
                    for score in IDMScore.objects.filter(desa=desa).order_by("year")
                ],
            }
        )
