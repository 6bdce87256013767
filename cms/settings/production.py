"""Production settings: everything secret or site-specific comes from the
environment, and the process refuses to start without a strong SECRET_KEY,
with ALLOWED_HOSTS that would accept any host, or without a public https
WAGTAILADMIN_BASE_URL."""

import ipaddress
import os
from urllib.parse import urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, WAGTAILADMIN_BASE_URL


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def weak_secret_key(key: str) -> bool:
    """Django's own rule (security.W009), so `check --deploy` agrees."""
    return (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


def wildcard_hosts(hosts: list[str]) -> list[str]:
    """Entries that accept hosts nobody chose: "*" (Django's match-all;
    "*.example" is no pattern at all), and a leading dot on a single label
    (".", ".id"), which accepts every name under it."""
    return [
        host
        for host in hosts
        if "*" in host or (host.startswith(".") and "." not in host[1:])
    ]


def unfit_admin_base_url(url: str) -> str:
    """Why invitation and reset links built from `url` would not reach the
    admin from a team member's mailbox (empty when they would): not https
    (the admin's cookies are Secure), or no host, or a loopback one."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return "it is not a URL"
    if parts.scheme != "https" or not host:
        return "it must be an https:// URL with a host name"
    if host == "localhost" or host.endswith(".localhost"):
        return f"{host} is this machine"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return ""
    if address.is_loopback or address.is_unspecified:
        return f"{host} is this machine"
    return ""


if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment for production settings."
    )
if weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random "
        f"characters (at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones), "
        f"not a key starting with {SECRET_KEY_INSECURE_PREFIX!r}; for example "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names this CMS answers to."
    )
if wildcard_hosts(ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"ALLOWED_HOSTS must name hosts, not wildcards: {wildcard_hosts(ALLOWED_HOSTS)}"
        " would accept requests for any host name (a leading dot is allowed on a"
        " domain of your own, e.g. .pejawaran.example)."
    )
if not os.environ.get("WAGTAILADMIN_BASE_URL", "").strip():
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be set to the admin's public address, e.g. "
        "https://cms.pejawaran.example: invitation and password reset links "
        "start with it."
    )
if unfit_admin_base_url(WAGTAILADMIN_BASE_URL):
    raise ImproperlyConfigured(
        f"WAGTAILADMIN_BASE_URL={WAGTAILADMIN_BASE_URL!r} cannot be used: "
        f"{unfit_admin_base_url(WAGTAILADMIN_BASE_URL)}. Invitation and password "
        "reset links start with it; use the admin's public https address."
    )

DEBUG = False
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

# TLS is normally terminated by a reverse proxy in front of gunicorn.
if env_flag("USE_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Superusers and kecamatan moderators must use two-factor sign-in.
TWO_FACTOR_REQUIRED_FOR_STAFF = env_flag("TWO_FACTOR_REQUIRED_FOR_STAFF", True)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# After the app has checked a download, nginx sends the file from its
# `internal` location (deploy/nginx.conf) through X-Accel-Redirect; set
# SENDFILE_BACKEND empty to let Django stream files itself (no nginx).
_sendfile_backend = os.environ.get("SENDFILE_BACKEND", "django_sendfile.backends.nginx")
if _sendfile_backend:
    SENDFILE_BACKEND = _sendfile_backend
SENDFILE_ROOT = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
SENDFILE_URL = os.environ.get("SENDFILE_URL", "/_private-media")

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
