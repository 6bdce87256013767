"""Failed sign-ins lock the account and the client address (django-axes),
with an Indonesian page, and superusers can unlock."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings

from cms.accounts.addresses import client_address
from tests.conftest import logged_in

from .signin import PASSWORD, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

LOCKOUT_TEXT = "Terlalu banyak percobaan masuk yang gagal"


def fail(client, username, times, **extra):
    return [sign_in(client, username, "salah-total", extra=extra) for _ in range(times)]


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, editor):
    responses = fail(client, editor.username, 30)

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert all(r.status_code == 429 for r in responses[4:])
    right = sign_in(client, editor.username, PASSWORD)
    assert right.status_code == 429
    assert LOCKOUT_TEXT in right.content.decode()
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


def test_the_lockout_page_is_indonesian(client, editor):
    html = fail(client, editor.username, 5)[-1].content.decode()

    assert 'lang="id"' in html
    assert "Masuk diblokir sementara" in html
    assert "15 menit" in html
    assert "Too many" not in html


def test_below_the_limit_the_right_password_still_works(client, editor):
    fail(client, editor.username, 4)

    assert sign_in(client, editor.username).status_code == 302
    assert signed_in_user_id(client) == str(editor.pk)


def test_another_account_from_another_address_is_not_locked(client, editor, editor_b):
    fail(client, editor.username, 5, REMOTE_ADDR="203.0.113.5")
    editor_b.set_password(PASSWORD)
    editor_b.save()

    response = sign_in(client, editor_b.username, extra={"REMOTE_ADDR": "198.51.100.7"})
    assert response.status_code == 302


@override_settings(SIGNIN_ADDRESS_FAILURE_LIMIT=8)
def test_one_address_is_locked_across_usernames(client, editor):
    for number in range(8):
        sign_in(
            client, f"tebakan{number}", "salah", extra={"REMOTE_ADDR": "203.0.113.9"}
        )

    here = sign_in(client, editor.username, extra={"REMOTE_ADDR": "203.0.113.9"})
    assert here.status_code == 429
    elsewhere = sign_in(client, editor.username, extra={"REMOTE_ADDR": "198.51.100.7"})
    assert elsewhere.status_code == 302


@override_settings(SIGNIN_ADDRESS_FAILURE_LIMIT=8)
def test_a_forged_forwarded_for_does_not_dodge_the_address_limit(client, editor):
    for number in range(8):
        sign_in(
            client,
            f"tebakan{number}",
            "salah",
            extra={
                "REMOTE_ADDR": "203.0.113.9",
                "HTTP_X_FORWARDED_FOR": f"10.0.0.{number}",
            },
        )

    response = sign_in(
        client,
        editor.username,
        extra={"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "10.9.9.9"},
    )
    assert response.status_code == 429


@override_settings(SIGNIN_ADDRESS_FAILURE_LIMIT=8, SIGNIN_NUM_PROXIES=1)
def test_behind_one_proxy_the_address_it_appended_counts(client, editor):
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for number in range(8):
        forged_then_real = f"10.0.0.{number}, 203.0.113.9"
        sign_in(
            client,
            f"tebakan{number}",
            "salah",
            extra={**proxy, "HTTP_X_FORWARDED_FOR": forged_then_real},
        )

    attacker = sign_in(
        client,
        editor.username,
        extra={**proxy, "HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.9"},
    )
    assert attacker.status_code == 429
    neighbour = sign_in(
        client, editor.username, extra={**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    )
    assert neighbour.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.9"}, "203.0.113.9"),
        (
            0,
            {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "203.0.113.9",
        ),
        (
            1,
            {
                "REMOTE_ADDR": "172.18.0.5",
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9",
            },
            "203.0.113.9",
        ),
        (
            2,
            {
                "REMOTE_ADDR": "172.18.0.5",
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 10.0.0.2",
            },
            "203.0.113.9",
        ),
        (1, {"REMOTE_ADDR": "172.18.0.5"}, "172.18.0.5"),
        (
            1,
            {"REMOTE_ADDR": "172.18.0.5", "HTTP_X_FORWARDED_FOR": "bukan-alamat"},
            "172.18.0.5",
        ),
        (0, {"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::"),
        (0, {"REMOTE_ADDR": "::ffff:203.0.113.9"}, "203.0.113.9"),
    ],
)
def test_client_address(settings, proxies, meta, expected):
    settings.SIGNIN_NUM_PROXIES = proxies
    request = RequestFactory().get("/", **meta)

    assert client_address(request) == expected


def test_a_superuser_unlocks_an_account_and_its_owner_gets_in(
    client, editor, superuser
):
    fail(client, editor.username, 5)
    admin = logged_in(superuser)

    listing = admin.get("/admin/sign-in-lockouts/").content.decode()
    assert editor.username in listing
    assert "Buka kunci" in listing
    response = admin.post(
        "/admin/sign-in-lockouts/", {"kind": "account", "value": editor.username}
    )

    assert response.status_code == 302
    assert "Buka kunci" not in admin.get("/admin/sign-in-lockouts/").content.decode()
    assert sign_in(client, editor.username).status_code == 302
    assert signed_in_user_id(client) == str(editor.pk)


@override_settings(SIGNIN_ADDRESS_FAILURE_LIMIT=8)
def test_a_superuser_unlocks_an_address(client, editor, superuser):
    for number in range(8):
        sign_in(
            client, f"tebakan{number}", "salah", extra={"REMOTE_ADDR": "203.0.113.9"}
        )
    admin = logged_in(superuser)
    assert "203.0.113.9" in admin.get("/admin/sign-in-lockouts/").content.decode()

    admin.post("/admin/sign-in-lockouts/", {"kind": "address", "value": "203.0.113.9"})

    response = sign_in(client, editor.username, extra={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "address", "value": "bukan-alamat"},
        {"kind": "semua", "value": "x"},
        {"kind": "account", "value": "x" * 300},
        {"kind": "account", "value": ""},
    ],
)
def test_bad_unlock_requests_change_nothing(client, editor, superuser, data):
    fail(client, editor.username, 5)

    response = logged_in(superuser).post("/admin/sign-in-lockouts/", data)

    assert response.status_code == 302
    assert AccessAttempt.objects.filter(username=editor.username).exists()


def test_only_superusers_reach_the_unlock_view(client, editor, moderator, superuser):
    fail(client, editor.username, 5)
    staff = logged_in(moderator)

    assert staff.get("/admin/sign-in-lockouts/").status_code == 302
    staff.post(
        "/admin/sign-in-lockouts/", {"kind": "account", "value": editor.username}
    )
    assert sign_in(client, editor.username).status_code == 429
    assert "/admin/sign-in-lockouts/" not in staff.get("/admin/").content.decode()
    assert (
        "/admin/sign-in-lockouts/"
        in logged_in(superuser).get("/admin/").content.decode()
    )


def test_the_unlock_view_needs_a_sign_in(client):
    response = client.get("/admin/sign-in-lockouts/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
