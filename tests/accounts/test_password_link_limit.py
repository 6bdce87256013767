"""Invitation and password reset links a manager sends are limited per
sender (TEAM_PASSWORD_LINK_RATE, django-ratelimit): past it no account is
made, no password cleared and no mail sent, and the page says why in
Indonesian (never an error page)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from wagtail.models import ModelLogEntry

from cms.desa.roles import MODERATOR_GROUP_NAME
from tests.conftest import logged_in, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("one_window"),
]

USERS = "/admin/users/"
LIMIT_TEXT = "Anda mengirim terlalu banyak tautan kata sandi"
PASSWORD = "Kata-sandi-lama-2026"


@pytest.fixture
def one_window(monkeypatch):
    monkeypatch.setattr(
        "django_ratelimit.core._get_window", lambda value, period: 1_800_000_000
    )


def invite(client, group, username):
    return client.post(
        f"{USERS}new/",
        {
            "username": username,
            "email": f"{username}@giritirta.example",
            "first_name": "Sri",
            "last_name": "Lestari",
            "groups": [group.pk],
        },
        follow=True,
    )


def reset(client, account):
    return client.post(f"{USERS}reset-password/{account.pk}/", follow=True)


@override_settings(TEAM_PASSWORD_LINK_RATE="2/h")
def test_resets_past_the_limit_change_nothing(moderator, editor_a):
    editor_a.set_password(PASSWORD)
    editor_a.save()
    client = logged_in(moderator)
    assert [reset(client, editor_a).status_code for _ in range(2)] == [200, 200]
    assert len(mail.outbox) == 2
    editor_a.set_password(PASSWORD)
    editor_a.save()

    refused = reset(client, editor_a)

    assert refused.status_code == 200
    assert refused.redirect_chain[-1][0] == f"{USERS}edit/{editor_a.pk}/"
    assert LIMIT_TEXT in refused.content.decode()
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)
    assert len(mail.outbox) == 2
    assert ModelLogEntry.objects.filter(action="accounts.reset_password").count() == 2


@override_settings(TEAM_PASSWORD_LINK_RATE="2/h")
def test_invitations_and_resets_share_the_limit_of_their_sender(
    moderator, editor_a, desa_a
):
    group = desa_a.roles.editor_group
    client = logged_in(moderator)
    invite(client, group, "baru")
    reset(client, editor_a)
    assert len(mail.outbox) == 2

    refused = invite(client, group, "lagi")

    assert refused.status_code == 200
    assert LIMIT_TEXT in refused.content.decode()
    assert not get_user_model().objects.filter(username="lagi").exists()
    assert len(mail.outbox) == 2
    # Another manager has a limit of their own.
    other = make_user("moderator_lain", Group.objects.get(name=MODERATOR_GROUP_NAME))
    invite(logged_in(other), group, "lagi")
    assert get_user_model().objects.filter(username="lagi").exists()
    assert len(mail.outbox) == 3


@override_settings(TEAM_PASSWORD_LINK_RATE="1/h")
def test_a_form_with_errors_is_not_counted(moderator, desa_a):
    client = logged_in(moderator)
    invite(client, desa_a.roles.editor_group, "bad name!")

    invite(client, desa_a.roles.editor_group, "baru")

    assert get_user_model().objects.filter(username="baru").exists()
    assert len(mail.outbox) == 1
