"""The admin's OpenSID pages: keys for moderators only (the plain key shown
once), the push history and status scoped to who is asking."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cms.desa.roles import MODERATOR_GROUP_NAME
from cms.opensid.models import (
    KEY_PREFIX,
    Module,
    Outcome,
    SyncKey,
    SyncPush,
    hash_key,
)
from tests.conftest import logged_in, make_user

from .conftest import replay

KEYS = "/admin/opensid/keys/"
NEW_KEY = "/admin/opensid/keys/new/"
HISTORY = "/admin/opensid/history/"
STATUS = "/admin/opensid/status/"


def plain_key_in(html: str) -> str:
    match = re.search(r'id="opensid-plain-key"[^>]*value="([^"]+)"', html)
    assert match, "the plain key is not on the page"
    return match.group(1)


def push(desa, module=Module.PROJECTS, outcome=Outcome.SUCCESS, **fields):
    return SyncPush.objects.create(
        desa=desa, module=module, outcome=outcome, http_status=200, **fields
    )


@pytest.mark.django_db
class TestKeys:
    def test_a_moderator_creates_a_key_shown_once_and_stored_hashed(
        self, moderator, desa_b
    ):
        client = logged_in(moderator)
        assert client.get(NEW_KEY).status_code == 200
        response = client.post(
            NEW_KEY, {"desa": desa_b.pk, "label": "Operator Ratamba"}
        )
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        plain = plain_key_in(html)
        assert plain.startswith(KEY_PREFIX) and len(plain) > 40
        assert "http://testserver" in html  # the server address for OpenSID
        key = SyncKey.objects.get()
        assert (key.desa, key.label, key.created_by) == (
            desa_b,
            "Operator Ratamba",
            moderator,
        )
        assert key.key_hash == hash_key(plain) and plain not in key.prefix
        assert key.expires_at is None
        # Never again: not in the listing, not in the database.
        listing = client.get(KEYS).content.decode()
        assert plain not in listing and key.prefix in listing
        assert "Operator Ratamba" in listing
        assert plain not in repr(list(SyncKey.objects.values()))

    def test_an_expiry_is_the_end_of_the_day_and_a_past_one_is_refused(
        self, moderator, desa_b
    ):
        client = logged_in(moderator)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        client.post(NEW_KEY, {"desa": desa_b.pk, "expires_on": tomorrow.isoformat()})
        expires = timezone.localtime(SyncKey.objects.get().expires_at)
        assert (expires.date(), expires.hour) == (tomorrow, 23)
        yesterday = tomorrow - datetime.timedelta(days=2)
        response = client.post(
            NEW_KEY, {"desa": desa_b.pk, "expires_on": yesterday.isoformat()}
        )
        assert response.status_code == 200
        assert 'id="opensid-plain-key"' not in response.content.decode()
        assert SyncKey.objects.count() == 1

    @pytest.mark.parametrize("role", ["editor_b", "coordinator_b"])
    def test_a_desa_team_gets_403_on_every_key_view(self, role, desa_b, editor_b):
        user = editor_b
        if role == "coordinator_b":
            user = make_user("coord_b", desa_b.roles.coordinator_group)
        key, _plain = SyncKey.objects.issue(desa_b)
        client = logged_in(user)
        for url in (KEYS, NEW_KEY, f"{KEYS}{key.pk}/revoke/"):
            assert client.get(url).status_code == 403
        assert client.post(NEW_KEY, {"desa": desa_b.pk}).status_code == 403
        assert client.post(f"{KEYS}{key.pk}/revoke/").status_code == 403
        assert SyncKey.objects.get().revoked_at is None
        assert SyncKey.objects.count() == 1

    def test_desa_editors_do_not_see_the_keys_menu(self, editor_b, moderator):
        home = logged_in(editor_b).get("/admin/").content.decode()
        assert KEYS not in home and HISTORY in home
        assert KEYS in logged_in(moderator).get("/admin/").content.decode()

    def test_a_superuser_may_manage_keys(self, superuser, desa_b):
        client = logged_in(superuser)
        assert client.get(KEYS).status_code == 200
        assert client.post(NEW_KEY, {"desa": desa_b.pk}).status_code == 200


class TestRevokingOverHTTP:
    pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

    def test_a_revoked_key_is_refused_by_the_push_endpoints(self, live_server, ratamba):
        moderator = make_user("mod", Group.objects.get(name=MODERATOR_GROUP_NAME))
        client = logged_in(moderator)
        html = client.post(NEW_KEY, {"desa": ratamba.pk}).content.decode()
        plain = plain_key_in(html)
        ok = replay(live_server.url, "004_pembangunan", key=plain)
        assert ok.status_code != 401
        key = SyncKey.objects.get()
        confirm = client.get(f"{KEYS}{key.pk}/revoke/")
        assert confirm.status_code == 200
        assert SyncKey.objects.get().revoked_at is None  # GET only asks
        assert client.post(f"{KEYS}{key.pk}/revoke/").status_code == 302
        assert SyncKey.objects.get().revoked_at is not None
        refused = replay(live_server.url, "001_identitas_desa", key=plain)
        assert refused.status_code == 401
        listing = client.get(KEYS).content.decode()
        assert "dicabut" in listing or "revoked" in listing


@pytest.mark.django_db
class TestHistory:
    def test_a_moderator_sees_every_desas_pushes_newest_first(
        self, moderator, desa_a, desa_b
    ):
        old = push(desa_a, message="pertama")
        old.received_at = timezone.now() - datetime.timedelta(days=1)
        old.save()
        push(desa_b, Module.AID, Outcome.REFUSED, message="kedua", rows_received=7)
        html = logged_in(moderator).get(HISTORY).content.decode()
        assert html.index("kedua") < html.index("pertama")
        assert "Giritirta" in html and "Ratamba" in html

    def test_an_editor_sees_only_their_desas_pushes(self, editor_a, desa_a, desa_b):
        push(desa_a, message="push-of-giritirta")
        push(desa_b, message="push-of-ratamba")
        client = logged_in(editor_a)
        html = client.get(HISTORY).content.decode()
        assert "push-of-giritirta" in html and "push-of-ratamba" not in html
        # Asking for the other desa by id shows nothing of it either.
        html = client.get(HISTORY, {"desa": desa_b.pk}).content.decode()
        assert "push-of-ratamba" not in html
        status = client.get(STATUS).content.decode()
        assert "Giritirta" in status and "Ratamba" not in status

    def test_the_history_filters_by_desa_module_and_outcome(
        self, moderator, desa_a, desa_b
    ):
        push(desa_a, Module.PROJECTS, message="m-projects")
        push(desa_a, Module.AID, Outcome.REFUSED, message="m-aid-refused")
        push(desa_b, Module.AID, message="m-aid-b")
        client = logged_in(moderator)

        def shown(**query):
            html = client.get(HISTORY, query).content.decode()
            return {m for m in ("m-projects", "m-aid-refused", "m-aid-b") if m in html}

        assert shown(desa=desa_a.pk) == {"m-projects", "m-aid-refused"}
        assert shown(module="program-bantuan") == {"m-aid-refused", "m-aid-b"}
        assert shown(outcome="ditolak") == {"m-aid-refused"}
        assert shown(module="nonsense") == {"m-projects", "m-aid-refused", "m-aid-b"}

    def test_the_status_shows_the_last_push_of_each_module(self, moderator, desa_a):
        first = push(desa_a, Module.PROJECTS, Outcome.FAILED)
        first.received_at = timezone.now() - datetime.timedelta(hours=2)
        first.save()
        push(desa_a, Module.PROJECTS, Outcome.SUCCESS)
        html = logged_in(moderator).get(STATUS).content.decode()
        row = html[html.index("Giritirta") :]
        row = row[: row.index("</tr>")]
        assert "Berhasil" in row and "Gagal" not in row

    def test_someone_with_no_desa_is_refused(self, kecamatan):
        nobody = make_user("nobody")
        nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
        assert logged_in(nobody).get(HISTORY).status_code == 403
