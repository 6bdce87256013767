"""Password-reset requests are limited per client address and per e-mail
address (django-ratelimit), without telling whether an account exists."""

import pytest
from django.core import mail
from django.test import override_settings

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LIMIT_TEXT = "Terlalu banyak permintaan atur ulang kata sandi"


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    """django-ratelimit counts in fixed windows (an hour here); pin the
    window so that a test never straddles two of them."""
    monkeypatch.setattr(
        "django_ratelimit.core._get_window", lambda value, period: 1_800_000_000
    )


def ask(client, email, address="203.0.113.9"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="3/h")
def test_the_request_after_the_limit_sends_no_mail_and_says_so(client, editor):
    answers = [ask(client, editor.email) for _ in range(3)]
    assert [a.status_code for a in answers] == [302] * 3
    assert len(mail.outbox) == 3

    refused = ask(client, editor.email)

    assert refused.status_code == 429
    assert LIMIT_TEXT in refused.content.decode()
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="3/h")
def test_the_e_mail_limit_ignores_case_and_address(client, editor):
    for number in range(3):
        ask(client, editor.email.upper(), address=f"198.51.100.{number}")

    refused = ask(client, f"  {editor.email} ", address="192.0.2.1")

    assert refused.status_code == 429
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="3/h")
def test_unicode_spellings_of_one_address_share_its_limit(client):
    """ "ſ" (long s), the dotless "ı" and the fullwidth "ｓ" reach the same
    account as "s" and "i" (PostgreSQL matches addresses by upper case,
    Django's form after NFKC), so they are counted as one address."""
    make_user("sekdesi")
    spellings = [
        "sekdesi@example.org",
        "\u017fekdesi@example.org",
        "sekdes\u0131@example.org",
        "\uff53ekdesi@example.org",
    ]
    answers = [
        ask(client, spelling, address=f"198.51.100.{number}")
        for number, spelling in enumerate(spellings)
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
    assert len(mail.outbox) <= 3


@override_settings(PASSWORD_RESET_RATE_PER_ADDRESS="2/h")
def test_one_address_is_limited_across_e_mail_addresses(client, editor, editor_b):
    ask(client, "orang@contoh.example")
    ask(client, editor_b.email)

    refused = ask(client, editor.email)
    elsewhere = ask(client, editor.email, address="198.51.100.7")

    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert [message.to for message in mail.outbox] == [[editor_b.email], [editor.email]]


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="2/h")
def test_the_answer_does_not_tell_whether_an_account_exists(client, editor):
    known = [ask(client, editor.email, address="198.51.100.1") for _ in range(3)]
    unknown = [
        ask(client, "tidak-ada@contoh.example", address="198.51.100.2")
        for _ in range(3)
    ]

    assert [a.status_code for a in known] == [a.status_code for a in unknown]
    assert known[0]["Location"] == unknown[0]["Location"]
    assert LIMIT_TEXT in unknown[-1].content.decode()


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL="1/h")
def test_with_redis_down_the_limit_fails_open(client, editor, redis_cache):
    """The counts live in the cache: with the real Redis stopped, resets are
    still answered (no 500), unlimited, rather than refused for everyone."""
    assert ask(client, editor.email).status_code == 302
    assert ask(client, editor.email).status_code == 429

    redis_cache.stop()
    answers = [ask(client, editor.email) for _ in range(3)]

    assert [a.status_code for a in answers] == [302] * 3
    assert len(mail.outbox) == 4
