"""Laporan APBDes and laporan penduduk (docs/opensid-sync.md §5.8-5.9):
the captured requests 010-013 replayed over real HTTP, what they leave
behind, and who may then read the PDFs."""

import base64
import json
from types import SimpleNamespace

import httpx
import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.permissions import policy_registry

from cms.core.visibility import is_public_media
from cms.opensid import reports
from cms.opensid.models import Outcome, ReportKind, SyncedReport, SyncPush
from tests.api.test_schema import validate

from .conftest import captured, replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Document = get_document_model()

OTHER_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def body_of(name: str) -> dict:
    return json.loads(captured(name).body)


def send(server, name: str, body: dict) -> httpx.Response:
    return replay(server, name, body=json.dumps(body).encode())


def with_item(name: str, **changes) -> dict:
    """The captured body of `name` with its one item changed."""
    body = body_of(name)
    key = next(k for k in body if k.startswith("laporan_"))
    body[key][0].update(changes)
    return body


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def download(server, document) -> httpx.Response:
    return httpx.get(server + document.url, timeout=30)


def last_push() -> SyncPush:
    return SyncPush.objects.latest("pk")


# The captures


@pytest.mark.parametrize("name", ["010_laporan_apbdes", "012_laporan_penduduk"])
def test_the_real_pages_empty_list_succeeds_and_stores_nothing(server, name):
    response = replay(server, name)

    assert response.status_code == 200
    assert response.json()["status"] == "success"
    assert not SyncedReport.objects.exists()
    assert not Document.objects.exists()
    push = last_push()
    assert (push.outcome, push.rows_received, push.created) == (Outcome.SUCCESS, 0, 0)


@pytest.mark.parametrize(
    "name, kind, title, period, file_name",
    [
        (
            "011_laporan_apbdes",
            ReportKind.BUDGET,
            "Laporan APBDes Contoh Semester 1",
            1,
            "3304152011_laporan_apbdes_1_2024",
        ),
        (
            "013_laporan_penduduk",
            ReportKind.POPULATION,
            "Laporan Penduduk Contoh Agustus",
            8,
            "3304152011_laporan_penduduk_8_2024",
        ),
    ],
)
def test_a_captured_report_becomes_a_document_of_the_desa(
    server, ratamba, name, kind, title, period, file_name
):
    response = replay(server, name)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "success"
    report = SyncedReport.objects.get()
    assert (report.desa, report.kind, report.opensid_id) == (
        ratamba,
        kind,
        body_of(name)[f"laporan_{kind}"][0]["id"],
    )
    assert (report.title, report.year, report.period) == (title, 2024, period)
    document = report.document
    assert document.title == title
    assert document.collection == ratamba.roles.collection
    assert document.filename.startswith(file_name)
    assert document.file_extension == "pdf"
    item = body_of(name)[f"laporan_{kind}"][0]
    assert document.file.read() == base64.b64decode(item["file"])
    assert document.file_size == len(base64.b64decode(item["file"]))
    push = last_push()
    assert (push.outcome, push.rows_received, push.created) == (Outcome.SUCCESS, 1, 1)


def test_the_pdf_is_public_while_the_desa_is(server, ratamba):
    replay(server, "011_laporan_apbdes")
    document = SyncedReport.objects.get().document

    response = download(server, document)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")

    ratamba.refresh_from_db()
    ratamba.unpublish()
    assert download(server, document).status_code == 404


def test_a_private_desa_hides_its_reports(server, ratamba):
    replay(server, "013_laporan_penduduk")
    document = SyncedReport.objects.get().document
    assert download(server, document).status_code == 200

    PageViewRestriction.objects.create(
        page=ratamba, restriction_type=PageViewRestriction.LOGIN
    )
    assert download(server, document).status_code == 404


def test_the_same_push_again_changes_nothing(server):
    replay(server, "011_laporan_apbdes")
    document = SyncedReport.objects.get().document

    response = replay(server, "011_laporan_apbdes")

    assert response.status_code == 200
    push = last_push()
    assert (push.created, push.updated, push.unchanged) == (0, 0, 1)
    again = SyncedReport.objects.get().document
    assert (again.pk, again.file.name) == (document.pk, document.file.name)
    assert Document.objects.count() == 1


def test_a_new_version_replaces_the_file_and_removes_the_old(server):
    replay(server, "011_laporan_apbdes")
    old = SyncedReport.objects.get().document
    assert default_storage.exists(old.file.name)

    body = with_item("011_laporan_apbdes", file=b64(OTHER_PDF), judul="Revisi")
    response = send(server, "011_laporan_apbdes", body)

    assert response.status_code == 200, response.text
    report = SyncedReport.objects.get()
    assert report.title == "Revisi"
    assert report.document.pk == old.pk
    assert report.document.title == "Revisi"
    assert report.document.file.read() == OTHER_PDF
    assert report.document.file.name != old.file.name
    assert not default_storage.exists(old.file.name)
    assert last_push().updated == 1


# Refusals: OpenSID's curl call shows only a 422 as a failure


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"file": "bukan base64!"}, "file"),
        ({"file": b64(b"GIF89a not a pdf")}, "file"),
        ({"semester": 3}, "semester"),
        ({"tahun": 1800}, "tahun"),
        ({"id": "satu"}, "id"),
    ],
)
def test_a_bad_item_is_refused_naming_item_and_field(server, changes, field):
    response = send(
        server, "011_laporan_apbdes", with_item("011_laporan_apbdes", **changes)
    )

    assert response.status_code == 422
    answer = response.json()
    assert answer["status"] == "danger"
    ((item, messages),) = answer["errors"].items()
    assert item.endswith(" 1")
    assert messages[0].startswith(f"{field}: ")
    assert not SyncedReport.objects.exists()
    assert not Document.objects.exists()
    assert last_push().outcome == Outcome.REFUSED


def test_one_bad_item_refuses_the_whole_push(server):
    body = body_of("011_laporan_apbdes")
    good = body["laporan_apbdes"][0]
    body["laporan_apbdes"] = [good, dict(good, id=7, semester=3)]

    response = send(server, "011_laporan_apbdes", body)

    assert response.status_code == 422
    (item,) = response.json()["errors"]
    assert item.endswith(" 2")
    assert not Document.objects.exists()


def test_another_desas_code_is_refused_and_nothing_stored(server, desa_a):
    body = body_of("013_laporan_penduduk")
    body["desa_id"] = desa_a.kode_kemendagri

    response = send(server, "013_laporan_penduduk", body)

    assert response.status_code == 422
    assert "desa_id" in response.json()["errors"]
    assert not SyncedReport.objects.exists()
    assert not Document.objects.exists()


def test_a_too_large_body_or_file_is_refused_clearly(server, settings):
    settings.OPENSID_MAX_REQUEST_BYTES = 1000
    response = replay(server, "011_laporan_apbdes")
    assert response.status_code == 422
    assert response.json()["errors"] == {"file": [response.json()["errors"]["file"][0]]}

    settings.OPENSID_MAX_REQUEST_BYTES = 10_000
    settings.OPENSID_MAX_REPORT_BYTES = 100
    response = replay(server, "011_laporan_apbdes")
    assert response.status_code == 422
    ((item, messages),) = response.json()["errors"].items()
    assert messages[0].startswith("file: ")
    assert not Document.objects.exists()


# The desa API


def test_the_desa_api_lists_the_reports_of_a_public_desa(server, ratamba, client):
    replay(server, "011_laporan_apbdes")
    replay(server, "013_laporan_penduduk")
    budget = SyncedReport.objects.get(kind=ReportKind.BUDGET)

    response = client.get("/api/v2/desa/33.04.15.2011/")
    schema = client.get("/api/schema/?format=json").json()
    validate(schema, "/api/v2/desa/33.04.15.2011/", response)
    data = response.json()

    assert [(r["kind"]["slug"], r["year"], r["period"]) for r in data["reports"]] == [
        ("apbdes", 2024, 1),
        ("penduduk", 2024, 8),
    ]
    first = data["reports"][0]
    assert first["title"] == "Laporan APBDes Contoh Semester 1"
    assert first["url"] == "http://testserver" + budget.document.url
    assert first["size"] == budget.document.file_size
    listed = client.get("/api/v2/documents/").json()
    assert {d["id"] for d in listed["items"]} == set(
        SyncedReport.objects.values_list("document", flat=True)
    )

    ratamba.refresh_from_db()
    ratamba.unpublish()
    assert client.get("/api/v2/desa/33.04.15.2011/").status_code == 404
    assert client.get("/api/v2/documents/").json()["items"] == []
    assert client.get("/api/v2/documents/?search=laporan").json()["items"] == []


# Pure logic, no HTTP


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"bulan": 13}, "bulan"),
        ({"bulan": 0}, "bulan"),
        ({"bulan": True}, "bulan"),
        ({"tahun": "2024x"}, "tahun"),
        ({"judul": "  "}, "judul"),
        ({"judul": "x" * 256}, "judul"),
        ({"id": 0}, "id"),
        ({"file": ""}, "file"),
        ({"file": b64(b"%PDF-1.4\n1 0 obj\n")}, "file"),  # cut short
    ],
)
def test_item_checks(changes, field):
    item = with_item("013_laporan_penduduk", **changes)["laporan_penduduk"][0]
    report, problems = reports.check_item(item, reports.POPULATION)
    assert report is None
    assert [name for name, _message in problems] == [field]


def test_numbers_as_text_and_wrapped_base64_are_accepted():
    item = body_of("013_laporan_penduduk")["laporan_penduduk"][0]
    wrapped = "\n".join(
        item["file"][i : i + 76] for i in range(0, len(item["file"]), 76)
    )
    item.update(id="2", tahun="2024", bulan="8", file=wrapped)
    report, problems = reports.check_item(item, reports.POPULATION)
    assert problems == []
    assert (report.opensid_id, report.year, report.period) == (2, 2024, 8)


def test_the_public_media_rule_follows_the_desa(ratamba, kecamatan):
    report = reports.Report(1, "Laporan", 2024, 1, OTHER_PDF)
    with transaction.atomic():  # as in the push view
        reports.store(ratamba, reports.BUDGET, report, reports.PushResult(""), [])
    document = SyncedReport.objects.get().document
    assert is_public_media(document)

    kecamatan.refresh_from_db()
    kecamatan.unpublish()
    assert not is_public_media(document)


def test_a_push_failing_midway_leaves_no_file_behind(ratamba, monkeypatch):
    stored = []
    original = reports.new_document

    def new_document(desa, spec, report, written):
        if stored:
            raise OSError("disk full")
        document = original(desa, spec, report, written)
        stored.append(document.file.name)
        return document

    monkeypatch.setattr(reports, "new_document", new_document)
    item = body_of("011_laporan_apbdes")["laporan_apbdes"][0]
    payload = SimpleNamespace(
        json={"desa_id": "3304152011", "laporan_apbdes": [item, dict(item, id=2)]}
    )

    with pytest.raises(OSError), transaction.atomic():
        reports.receive_budget_reports(ratamba, payload)

    assert len(stored) == 1
    assert not default_storage.exists(stored[0])
    assert not Document.objects.exists()


def test_desa_editors_cannot_change_a_public_report(ratamba, editor_b, moderator):
    # A new file or title would reach the public unreviewed, as with the
    # media of a live page (cms/core/media_policy.py).
    report = reports.Report(1, "Laporan", 2024, 1, OTHER_PDF)
    with transaction.atomic():
        reports.store(ratamba, reports.BUDGET, report, reports.PushResult(""), [])
    document = SyncedReport.objects.get().document
    policy = policy_registry.get_by_type(Document)

    assert policy.user_has_permission_for_instance(editor_b, "choose", document)
    assert not policy.user_has_permission_for_instance(editor_b, "change", document)
    assert policy.user_has_permission_for_instance(moderator, "change", document)

    ratamba.refresh_from_db()
    ratamba.unpublish()
    assert policy.user_has_permission_for_instance(editor_b, "change", document)
