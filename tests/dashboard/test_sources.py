"""Where each desa's data comes from (here, a feed, an OpenSID push) and its
last pushes, in the dashboard API and the admin panels."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from aggregator.sources.models import ExternalFeed
from cms.development.models import Origin
from cms.opensid.models import (
    Module,
    Outcome,
    PopulationFigures,
    ReportKind,
    SyncedReport,
    SyncPush,
)
from tests.conftest import logged_in
from tests.factories import development_page, news_page, publish

YEAR = timezone.localdate().year


def push(desa, module, outcome, hours_ago=0):
    return SyncPush.objects.create(
        desa=desa,
        module=module,
        outcome=outcome,
        http_status=200 if outcome == Outcome.SUCCESS else 422,
        received_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        message="pesan untuk operator",
    )


@pytest.fixture
def sources_world(desa_a, desa_b, editor_a):
    """Giritirta writes here and reads a feed; Ratamba pushes from OpenSID."""
    publish(desa_a)
    publish(desa_b)
    publish(news_page(desa_a, title="Kabar"))
    publish(development_page(desa_a, title="Jalan", fiscal_year=YEAR))
    ExternalFeed.objects.create(desa=desa_a, url="https://a.example/feed")
    ExternalFeed.objects.create(
        desa=desa_b, url="https://b.example/feed", is_active=False
    )
    publish(
        development_page(
            desa_b, title="Talud", fiscal_year=YEAR, origin=Origin.OPENSID, opensid_id=7
        )
    )
    PopulationFigures.objects.create(desa=desa_b, residents=120, households=40)
    document = Document.objects.create(
        title="APBDes", file=ContentFile(b"%PDF-1.4", name="apbdes.pdf")
    )
    SyncedReport.objects.create(
        desa=desa_b,
        kind=ReportKind.BUDGET,
        opensid_id=1,
        title="APBDes 2024",
        year=2024,
        period=1,
        document=document,
    )
    push(desa_b, Module.PROJECTS, Outcome.FAILED, hours_ago=3)
    push(desa_b, Module.PROJECTS, Outcome.SUCCESS, hours_ago=1)
    push(desa_b, Module.RESIDENTS, Outcome.REFUSED, hours_ago=2)
    push(desa_b, Module.MESSAGES, Outcome.SUCCESS)  # not a data module


def rows(client):
    return {
        row["desa"]["slug"]: row
        for row in client.get(f"/api/v2/dashboard/?year={YEAR}").json()["desa"]
    }


def test_the_api_names_the_source_of_each_kind(client, sources_world):
    found = rows(client)
    assert found["giritirta"]["sources"] == {
        "news": ["sini", "feed"],
        "development": ["sini"],
        "population": [],
        "reports": [],
    }
    assert found["ratamba"]["sources"] == {
        "news": [],  # its feed is inactive
        "development": ["opensid"],
        "population": ["opensid"],
        "reports": ["opensid"],
    }


def test_the_api_shows_the_newest_push_of_each_module(client, sources_world):
    found = rows(client)
    assert found["giritirta"]["sync"] == []
    sync = found["ratamba"]["sync"]
    assert [(s["module"]["slug"], s["outcome"]["slug"]) for s in sync] == [
        ("penduduk/storedata", "ditolak"),
        ("pembangunan", "berhasil"),
    ]
    assert all(s["received_at"] and s["module"]["name"] for s in sync)
    assert "message" not in sync[0]  # what OpenSID was told stays in the admin


def test_one_desa_has_the_same_sources(client, sources_world):
    answer = client.get("/api/v2/dashboard/desa/33.04.15.2011/").json()
    assert answer["desa"]["sources"]["population"] == ["opensid"]
    assert len(answer["desa"]["sync"]) == 2


def test_a_draft_project_is_no_source(client, desa_a):
    publish(desa_a)
    draft = development_page(desa_a, title="Draf", origin=Origin.OPENSID)
    draft.live = False
    draft.save()
    assert rows(client)["giritirta"]["sources"]["development"] == []


def test_the_admin_panel_shows_sources_and_the_last_sync(
    sources_world, moderator, editor_a
):
    html = logged_in(moderator).get("/admin/").content.decode()
    table = html[html.index('id="dashboard-sources"') :]
    table = table[: table.index("</table>")]
    ratamba = table[table.index("Ratamba") :]
    assert "OpenSID" in ratamba
    assert "pembangunan: Berhasil" in ratamba  # the newest push
    assert "Penduduk</strong>" in ratamba  # the refused resident push stands out
    giritirta = table[table.index("Giritirta") : table.index("Ratamba")]
    assert "<strong>" not in giritirta
    own = logged_in(editor_a).get("/admin/").content.decode()
    own_table = own[own.index('id="dashboard-sources"') :]
    assert "Ratamba" not in own_table[: own_table.index("</table>")]
