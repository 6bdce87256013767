"""The answers OpenSID reads, whatever the endpoint: keys, desa codes, the
message poll, methods and paths (docs/opensid-sync.md §2.5)."""

import httpx
import pytest

from cms.opensid.models import Outcome, SyncKey, SyncPush

from .conftest import replay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_message_poll_answers_at_once_with_no_messages(server):
    response = replay(server, "014_pesan_getpesan")
    assert response.status_code == 200
    assert response.json() == {"status": True, "data": []}


def test_a_message_is_answered_that_messaging_is_not_offered(server):
    response = replay(server, "015_pesan")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] is False
    assert "pesan" in body["message"].lower()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("001_identitas_desa", 401),  # Guzzle: any 4xx shows in red
        ("004_pembangunan", 401),
        ("003_penduduk", 422),  # curl: only a 422 shows as a failure
        ("011_laporan_apbdes", 422),
    ],
)
def test_a_missing_or_unknown_key_is_refused_as_opensid_shows_it(server, name, status):
    for key in (None, "not-a-key"):
        response = replay(server, name, key=key)
        assert response.status_code == status
        body = response.json()
        assert body["message"]
        assert isinstance(body["errors"], dict) and body["errors"]
    assert not SyncPush.objects.exists()  # no key, no desa to record it for


def test_a_revoked_key_is_refused(server, captured_key):
    from django.utils import timezone

    SyncKey.objects.filter(pk=captured_key.pk).update(revoked_at=timezone.now())
    assert replay(server, "001_identitas_desa").status_code == 401


def test_a_key_is_stored_hashed_and_shown_once(ratamba):
    key, plain = SyncKey.objects.issue(ratamba)
    assert plain.startswith("simpul_") and len(plain) > 40
    assert plain not in (key.key_hash, key.prefix)
    assert SyncKey.objects.for_bearer(plain) == key


def test_a_server_address_with_a_trailing_slash_still_works(server):
    response = replay(server, "014_pesan_getpesan", path="//api/v1/pesan/getpesan")
    assert response.status_code == 200


def test_get_is_refused_with_json(server):
    response = httpx.get(server + "/api/v1/pembangunan")
    assert response.status_code == 405
    assert response.json()["message"]


def test_the_push_is_recorded_with_its_outcome(server, captured_key):
    replay(server, "010_laporan_apbdes")
    push = SyncPush.objects.get()
    assert push.desa == captured_key.desa
    assert push.module == "laporan-apbdes"
    assert push.outcome in {Outcome.SUCCESS, Outcome.REFUSED}
    captured_key.refresh_from_db()
    assert captured_key.last_used_at is not None


def test_pushes_are_throttled_per_key(server, settings):
    settings.OPENSID_PUSHES_PER_MINUTE = 2
    answers = [replay(server, "010_laporan_apbdes").status_code for _ in range(3)]
    # laporan is a curl call: OpenSID shows only a 422 as a failure
    assert answers[2] == 422
    assert "menit" in replay(server, "010_laporan_apbdes").json()["message"]


def test_a_request_over_the_size_limit_is_refused_before_it_is_read(server, settings):
    settings.OPENSID_MAX_REQUEST_BYTES = 1000
    response = replay(server, "004_pembangunan")  # 4,406 bytes
    assert response.status_code == 413
    assert response.json()["errors"]["file"]


def test_a_failure_while_storing_is_danger_and_leaves_nothing(ratamba, rf):
    """OpenSID shows a 200 "danger" in red for its Guzzle calls, and a 422
    for its curl calls; the handler's writes are rolled back."""
    from api.opensid.views import CURL, Payload, sync_view
    from cms.opensid.models import Module, PopulationFigures

    key, plain = SyncKey.objects.issue(ratamba)

    def failing(desa, payload: Payload):
        PopulationFigures.objects.create(desa=desa, residents=9)
        raise RuntimeError("3304159901800001 Budi Contoh")  # a resident's values

    for style, status in (("guzzle", 200), (CURL, 422)):
        view = sync_view(Module.RESIDENTS, failing, body="form", style=style)
        request = rf.post("/api/v1/x", HTTP_AUTHORIZATION=f"Bearer {plain}")
        response = view(request)
        assert response.status_code == status
        assert b'"status": "danger"' in response.content
        assert b"Budi" not in response.content
    assert not PopulationFigures.objects.exists()
    pushes = SyncPush.objects.filter(outcome=Outcome.FAILED)
    assert pushes.count() == 2
    assert not any("Budi" in push.message for push in pushes)
