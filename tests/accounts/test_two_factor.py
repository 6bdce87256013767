"""Two-factor sign-in over HTTP (django-otp through Wagtail's login), with
codes computed here as an authenticator app would."""

import re

import pytest
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.accounts import two_factor
from tests.conftest import logged_in, make_user

from .signin import app_code, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

SETUP_URL = "/admin/account/two-step/"


def enable(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, two_factor.new_recovery_codes(user)


@pytest.fixture
def with_device(editor):
    device, codes = enable(editor)
    return editor, device, codes


def test_the_login_page_asks_for_the_code_in_indonesian(client):
    html = client.get("/admin/login/").content.decode()

    assert 'name="otp_token"' in html
    assert "Kode verifikasi dua langkah" in html


def test_a_user_without_two_factor_signs_in_with_the_password(client, editor):
    assert sign_in(client, editor.username).status_code == 302
    assert signed_in_user_id(client) == str(editor.pk)


def test_the_password_alone_is_refused_for_a_user_with_a_device(client, with_device):
    user, _device, _codes = with_device

    response = sign_in(client, user.username)

    assert response.status_code == 200
    assert "Masukkan kode dari aplikasi autentikator" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_a_wrong_code_is_refused(client, with_device):
    user, device, _codes = with_device
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"

    response = sign_in(client, user.username, otp_token=wrong)

    assert response.status_code == 200
    assert "Kode verifikasi salah atau sudah dipakai" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_the_password_with_the_app_code_signs_in_verified(client, with_device):
    user, device, _codes = with_device

    response = sign_in(client, user.username, otp_token=app_code(device))

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_a_code_from_the_app_works_only_once(client, with_device):
    user, device, _codes = with_device
    code = app_code(device)
    sign_in(client, user.username, otp_token=code)
    client.post("/admin/logout/")

    assert sign_in(client, user.username, otp_token=code).status_code == 200
    assert signed_in_user_id(client) is None


def test_a_wrong_password_with_a_right_code_is_refused(client, with_device):
    user, device, _codes = with_device

    response = sign_in(client, user.username, "salah", otp_token=app_code(device))

    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_a_recovery_code_works_once(client, with_device):
    user, _device, codes = with_device

    typed = f" {codes[0].upper()[:4]}-{codes[0].upper()[4:]} "
    assert sign_in(client, user.username, otp_token=typed).status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    client.post("/admin/logout/")

    assert sign_in(client, user.username, otp_token=codes[0]).status_code == 200
    assert signed_in_user_id(client) is None
    assert two_factor.recovery_codes_left(user) == len(codes) - 1


def test_wrong_codes_count_towards_the_lockout(client, with_device):
    user, device, _codes = with_device
    for number in range(5):
        response = sign_in(client, user.username, otp_token=f"00000{number}")

    assert response.status_code == 429
    right = sign_in(client, user.username, otp_token=app_code(device))
    assert right.status_code == 429
    assert signed_in_user_id(client) is None


def test_a_session_without_the_code_is_signed_out(with_device):
    user, _device, _codes = with_device
    client = logged_in(user)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    assert signed_in_user_id(client) is None


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/images/"])
def test_required_two_factor_sends_a_moderator_to_setup(client, staff_moderator, path):
    assert sign_in(client, staff_moderator.username).status_code == 302

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_required_two_factor_leaves_setup_and_logout_open(client, staff_moderator):
    sign_in(client, staff_moderator.username)

    page = client.get(SETUP_URL)
    assert page.status_code == 200
    assert "Peran Anda mewajibkan verifikasi dua langkah" in page.content.decode()
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert signed_in_user_id(client) is None


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_required_two_factor_applies_to_superusers(superuser):
    assert logged_in(superuser).get("/admin/").status_code == 302


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_required_two_factor_applies_to_desa_coordinators(desa_a):
    coordinator = make_user("koordinator", desa_a.roles.coordinator_group)
    assert logged_in(coordinator).get("/admin/").status_code == 302


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_desa_editors_are_not_required_to(editor):
    assert logged_in(editor).get("/admin/").status_code == 200


def test_not_required_without_the_setting(moderator):
    assert logged_in(moderator).get("/admin/").status_code == 200


def pending(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_setup_end_to_end(client, staff_moderator):
    sign_in(client, staff_moderator.username)
    assert client.get("/admin/")["Location"] == SETUP_URL

    page = client.get(SETUP_URL).content.decode()
    device = pending(staff_moderator)
    assert two_factor.secret(device) in page
    assert "<svg" in page
    assert client.get(SETUP_URL).content.decode().count(two_factor.secret(device)) == 1

    done = client.post(SETUP_URL, {"action": "confirm", "code": app_code(device)})

    assert done.status_code == 200
    shown = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert len(shown) == 10
    assert set(shown) == set(
        StaticToken.objects.filter(device__user=staff_moderator).values_list(
            "token", flat=True
        )
    )
    assert client.get("/admin/").status_code == 200
    assert "<code>" not in client.get(SETUP_URL).content.decode()

    client.post("/admin/logout/")
    assert sign_in(client, staff_moderator.username).status_code == 200
    device.refresh_from_db()
    response = sign_in(
        client, staff_moderator.username, otp_token=app_code(device, steps_ahead=1)
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_setup_with_a_wrong_code_changes_nothing(editor):
    client = logged_in(editor)
    client.get(SETUP_URL)
    device = pending(editor)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP_URL, {"action": "confirm", "code": wrong})

    assert response.status_code == 200
    assert "Kode verifikasi salah atau sudah dipakai" in response.content.decode()
    assert not two_factor.has_two_factor(editor)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "confirm"},
        {"action": "hapus", "code": "123456"},
        {"action": "confirm", "code": "9" * 40},
    ],
)
def test_bad_setup_posts_get_the_form_back(editor, data):
    client = logged_in(editor)

    response = client.post(SETUP_URL, data)

    assert response.status_code == 200
    assert not two_factor.has_two_factor(editor)


def verified_client(client, user, device):
    sign_in(client, user.username, otp_token=app_code(device))
    device.refresh_from_db()
    return client


def test_new_recovery_codes_replace_the_old_ones(client, with_device):
    user, device, old = with_device
    verified_client(client, user, device)

    response = client.post(SETUP_URL, {"action": "regenerate", "code": old[0]})

    new = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    assert len(new) == 10
    assert not set(new) & set(old)
    assert two_factor.recovery_codes_left(user) == 10


def test_new_recovery_codes_need_a_current_code(client, with_device):
    user, device, old = with_device
    verified_client(client, user, device)

    response = client.post(SETUP_URL, {"action": "regenerate", "code": "aaaaaaaa"})

    assert "<code>" not in response.content.decode()
    assert set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    ) == set(old)


def test_turning_it_off_asks_for_a_current_code(client, with_device):
    user, device, codes = with_device
    verified_client(client, user, device)

    client.post(SETUP_URL, {"action": "disable", "code": "000000"})
    assert two_factor.has_two_factor(user)

    # The app's next code would wait out django-otp's delay after a wrong
    # one; a recovery code is another device.
    client.post(SETUP_URL, {"action": "disable", "code": codes[0]})
    assert not two_factor.has_two_factor(user)
    client.post("/admin/logout/")
    assert sign_in(client, user.username).status_code == 302


@override_settings(TWO_FACTOR_REQUIRED_FOR_STAFF=True)
def test_a_moderator_who_turns_it_off_is_sent_to_setup(client, staff_moderator):
    device, _codes = enable(staff_moderator)
    verified_client(client, staff_moderator, device)

    client.post(
        SETUP_URL, {"action": "disable", "code": app_code(device, steps_ahead=1)}
    )

    assert client.get("/admin/")["Location"] == SETUP_URL


def test_the_account_page_links_to_two_step_verification(editor):
    html = logged_in(editor).get("/admin/account/").content.decode()

    assert SETUP_URL in html
    assert "Verifikasi dua langkah" in html


def test_another_users_device_cannot_be_used(client, with_device, staff_moderator):
    _user, device, codes = with_device
    enable(staff_moderator)

    response = sign_in(client, staff_moderator.username, otp_token=codes[0])

    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert (
        sign_in(
            client, staff_moderator.username, otp_token=app_code(device)
        ).status_code
        == 200
    )


def test_the_setup_page_needs_a_sign_in(client):
    response = client.get(SETUP_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
