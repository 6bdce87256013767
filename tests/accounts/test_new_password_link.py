"""An account waiting for the password link a manager had sent (an
invitation or a reset) can ask for a new link with the forgotten-password
form, as the e-mail tells them to once theirs has expired; Django's form
alone skips every account without a usable password. Inactive accounts get
nothing, and the answer is the same whether or not a mail was sent."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.conftest import logged_in, make_user

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"


def invite(manager, group, username="baru"):
    logged_in(manager).post(
        f"{USERS}new/",
        {
            "username": username,
            "email": f"{username}@giritirta.example",
            "first_name": "Sri",
            "last_name": "Lestari",
            "groups": [group.pk],
        },
    )
    return get_user_model().objects.get(username=username)


def ask(email):
    return Client().post(
        "/admin/password_reset/", {"email": email}, REMOTE_ADDR="203.0.113.9"
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(/admin/password_reset/\S+)", message.body)[1]


def test_an_invited_account_can_ask_for_a_new_link(moderator, desa_a):
    account = invite(moderator, desa_a.roles.editor_group)
    assert len(mail.outbox) == 1  # the invitation
    mail.outbox.clear()

    answer = ask("baru@giritirta.example")

    assert answer.status_code == 302
    assert [message.to for message in mail.outbox] == [["baru@giritirta.example"]]
    # The new link works: the person chooses a password and signs in.
    client = Client()
    form = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "Gunung-Merbabu-2026",
            "new_password2": "Gunung-Merbabu-2026",
        },
    )
    account.refresh_from_db()
    assert account.check_password("Gunung-Merbabu-2026")


def test_an_account_a_superuser_reset_can_ask_for_a_new_link(superuser, moderator):
    """A moderator is no desa team member: the marked password lets them in."""
    logged_in(superuser).post(f"{USERS}reset-password/{moderator.pk}/")
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    ask(moderator.email.upper())

    assert [message.to for message in mail.outbox] == [[moderator.email]]


def test_an_inactive_invited_account_gets_nothing(moderator, desa_a):
    account = invite(moderator, desa_a.roles.editor_group)
    account.is_active = False
    account.save()
    mail.outbox.clear()

    answer = ask(account.email)

    assert answer.status_code == 302
    assert answer.url == ask("nobody@giritirta.example").url
    assert mail.outbox == []


def test_an_account_without_password_outside_the_teams_gets_nothing(db):
    """E.g. an account made with `createsuperuser --noinput`: nobody sent it
    a link, so the forgotten-password form does not either."""
    account = make_user("operator")
    account.set_unusable_password()
    account.save()

    assert ask(account.email).status_code == 302
    assert mail.outbox == []


def test_an_account_with_a_password_still_gets_one_link(editor_a):
    ask(editor_a.email)

    assert [message.to for message in mail.outbox] == [[editor_a.email]]


def test_a_desa_team_member_invited_before_the_mark_can_ask(editor_a):
    """Accounts invited before the cleared password was marked have Django's
    plain unusable password; desa team members among them get a link too."""
    editor_a.set_unusable_password()
    editor_a.save()

    ask(editor_a.email)

    assert [message.to for message in mail.outbox] == [[editor_a.email]]
