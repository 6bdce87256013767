"""The CMS's Content-Security-Policy header: strict everywhere, with only the
sources Wagtail's admin needs added under /admin/ (cms/core/csp.py). That the
admin screens really work under it is checked in Chromium
(tests/e2e/test_admin_csp.py)."""

import pytest
from django.test import Client, override_settings

from tests.conftest import logged_in


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


STRICT = {
    "default-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def test_the_public_api_gets_the_strict_policy(db):
    csp = policy(Client().get("/api/v2/news/"))
    assert csp == {
        **STRICT,
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-src": ["'self'"],
    }


@override_settings(PUBLIC_PORTAL_URL="https://portal.example/kecamatan/")
def test_the_admin_adds_inline_scripts_and_styles_and_the_frontends(superuser):
    response = logged_in(superuser).get("/admin/")
    assert response.status_code == 200
    assert policy(response) == {
        **STRICT,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-src": ["'self'", "https://*.desa.id", "https://portal.example"],
    }


def test_the_login_page_has_the_admin_policy(db):
    csp = policy(Client().get("/admin/login/"))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in str(csp)


def test_api_docs_load_their_start_script_as_a_file(db):
    response = Client().get("/api/docs/")
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    html = response.content.decode()
    assert '<script src="/api/docs/?script=">' in html
    script = Client().get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/"])
def test_the_admin_asks_no_third_party(superuser, url):
    """No Gravatar avatars (they send a hash of each address to a third
    party) and no release check (a request to Wagtail's server)."""
    html = logged_in(superuser).get(url).content.decode()
    assert "gravatar" not in html
    assert "w-upgrade" not in html
