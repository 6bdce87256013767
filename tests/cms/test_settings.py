"""Production settings are safe by construction, and the project speaks
Indonesian in Asia/Jakarta."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "ALLOWED_HOSTS": "cms.pejawaran.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "WAGTAILADMIN_BASE_URL": "https://cms.pejawaran.example",
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    environment.pop("SECRET_KEY", None)
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_the_required_environment():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def import_settings(module: str, expression: str = "'ok'", **env):
    """Import a settings module alone in a fresh interpreter with exactly
    this environment (besides PATH and the like); prints `expression`."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k not in ("SECRET_KEY", *SIGNIN_ENV)
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import {module} as s; print({expression})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SIGNIN_ENV = ("TWO_FACTOR_REQUIRED_FOR_STAFF",)
STRONG_KEY = secrets.token_urlsafe(50)


@pytest.mark.parametrize(
    "key",
    [
        secrets.token_urlsafe(36)[:49],
        "ab" * 40,
        "django-insecure-" + secrets.token_urlsafe(50),
    ],
    ids=["49 characters", "2 different characters", "django-insecure prefix"],
)
def test_production_refuses_a_weak_secret_key(key):
    result = import_settings(
        "cms.settings.production", SECRET_KEY=key, **PRODUCTION_ENV
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak" in result.stderr


@pytest.mark.parametrize(
    "hosts", ["*", "cms.pejawaran.example,*", ".", ".id", "*.pejawaran.example"]
)
def test_production_refuses_wildcard_allowed_hosts(hosts):
    result = import_settings(
        "cms.settings.production",
        SECRET_KEY=STRONG_KEY,
        **{**PRODUCTION_ENV, "ALLOWED_HOSTS": hosts},
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must name hosts" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "http://127.0.0.1:8000",
        "https://localhost",
        "https://LOCALHOST./admin",
        "https://cms.localhost",
        "https://127.0.0.2",
        "https://[::1]:8443",
        "https://0.0.0.0",
        "http://cms.pejawaran.example",
        "cms.pejawaran.example",
        "https://",
    ],
)
def test_production_refuses_an_admin_base_url_links_cannot_use(url):
    """Invitation and password reset links start with WAGTAILADMIN_BASE_URL:
    unset, base.py's default would send everyone to http://127.0.0.1:8000."""
    env = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": url}
    if url is None:
        del env["WAGTAILADMIN_BASE_URL"]
    result = import_settings("cms.settings.production", SECRET_KEY=STRONG_KEY, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: WAGTAILADMIN_BASE_URL" in result.stderr


def test_production_accepts_a_public_https_admin_base_url():
    result = import_settings(
        "cms.settings.production",
        "s.WAGTAILADMIN_BASE_URL",
        SECRET_KEY=STRONG_KEY,
        **{**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "https://cms.pejawaran.example/"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://cms.pejawaran.example"


def test_production_accepts_named_hosts_and_a_strong_key():
    result = import_settings(
        "cms.settings.production",
        "s.ALLOWED_HOSTS",
        SECRET_KEY=STRONG_KEY,
        **{
            **PRODUCTION_ENV,
            "ALLOWED_HOSTS": "cms.pejawaran.example,.pejawaran.example",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['cms.pejawaran.example', '.pejawaran.example']"


@pytest.mark.parametrize(
    ("module", "env", "required"),
    [
        ("cms.settings.production", {}, "True"),
        (
            "cms.settings.production",
            {"TWO_FACTOR_REQUIRED_FOR_STAFF": "false"},
            "False",
        ),
        ("cms.settings.dev", {}, "False"),
        ("cms.settings.test", {}, "False"),
    ],
)
def test_two_factor_is_required_for_staff_in_production_only(module, env, required):
    """The demo logins (dev settings) sign in with their password alone."""
    result = import_settings(
        module,
        "s.TWO_FACTOR_REQUIRED_FOR_STAFF",
        SECRET_KEY=STRONG_KEY,
        **PRODUCTION_ENV,
        **env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == required


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


@pytest.mark.django_db
def test_the_admin_login_page_is_in_indonesian():
    html = Client().get("/admin/login/").content.decode()
    assert "Masuk" in html
    assert 'lang="id"' in html


CATALOGUES = [
    ROOT / folder / "locale" / "id" / "LC_MESSAGES"
    for folder in ("cms", "api", "aggregator")
]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=["cms", "api", "aggregator"])
def test_every_project_message_is_translated_to_indonesian(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    assert len(po) > 10
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=["cms", "api", "aggregator"])
def test_compiled_catalogue_matches_the_po_file(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    mo = polib.mofile(str(catalogue / "django.mo"))
    compiled = {entry.msgid: entry.msgstr for entry in mo}
    assert {e.msgid: e.msgstr for e in po.translated_entries()} == {
        key: value for key, value in compiled.items() if key
    }
