"""/api/v1/: the paths OpenSID's Sinkronisasi page calls. Mounted in
cms/urls.py so that a server address typed with a trailing slash
(//api/v1/...) works too."""

from django.urls import path

from cms.opensid import aid, development, identity, population, reports
from cms.opensid.models import Module

from . import messages
from .views import CURL, sync_view

app_name = "opensid"

urlpatterns = [
    path(
        "identitas-desa",
        sync_view(Module.IDENTITY, identity.receive_identity, body="form"),
        name="identity",
    ),
    path(
        "penduduk/storedata",
        sync_view(
            Module.RESIDENTS,
            population.receive_residents,
            body="multipart",
            style=CURL,
            personal=True,
        ),
        name="residents",
    ),
    path(
        "penduduk",
        sync_view(
            Module.RESIDENT_DELETIONS,
            population.receive_deletions,
            body="json",
            style=CURL,
        ),
        name="resident-deletions",
    ),
    path(
        "pembangunan",
        sync_view(Module.PROJECTS, development.receive_projects, body="multipart"),
        name="projects",
    ),
    path(
        "pembangunan/dokumentasi",
        sync_view(Module.PROGRESS, development.receive_progress, body="multipart"),
        name="progress",
    ),
    path(
        "program-bantuan",
        sync_view(Module.AID, aid.receive_programmes, body="multipart"),
        name="aid",
    ),
    path(
        "program-bantuan/peserta",
        sync_view(
            Module.AID_PARTICIPANTS,
            aid.receive_participants,
            body="multipart",
            personal=True,
        ),
        name="aid-participants",
    ),
    path(
        "laporan-apbdes",
        sync_view(
            Module.BUDGET_REPORTS,
            reports.receive_budget_reports,
            body="json",
            style=CURL,
        ),
        name="budget-reports",
    ),
    path(
        "laporan-penduduk",
        sync_view(
            Module.POPULATION_REPORTS,
            reports.receive_population_reports,
            body="json",
            style=CURL,
        ),
        name="population-reports",
    ),
    path("pesan/getpesan", messages.poll, name="messages-poll"),
    path("pesan", messages.send, name="messages"),
    path("pesan/detail", messages.detail, name="messages-detail"),
]
