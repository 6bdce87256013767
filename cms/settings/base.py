"""Settings shared by every environment.

The environment is read here and in production.py only; dev.py and test.py
override plain values.
"""

import ipaddress
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "cms.core",
    "cms.kecamatan",
    "cms.desa",
    "cms.news",
    "cms.tourism",
    "cms.wisdom",
    "cms.development",
    "cms.opensid",
    "cms.dashboard",
    "cms.accounts",
    "cms.demo",
    "api",
    "aggregator",
    "aggregator.sources",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.accounts.apps.WagtailUsersConfig",  # "wagtail.users", for desa teams
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_ratelimit",
    "django.contrib.admin",
    # The admin says "3 menit yang lalu" with humanize's Indonesian.
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.core.csp.SiteCSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.middleware.PublicAPIMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Indonesian whatever the browser asks (cms/core/language.py).
    "cms.core.language.ServerLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a sign-in refused by the lockout into
    # the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL selects the database; without it the embedded default is a
# SQLite file in the project folder (git-ignored).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded demo: the admin autosaves drafts and pings editing sessions
    # while a page is saved. Immediate transactions wait for the write lock
    # (up to 20 s) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production (shared by every worker: API responses and the rate
# limit live here); local memory for the embedded demo. Losing Redis loses
# nothing that must stay true: every call to it is a miss after a short
# timeout, and after REDIS_BREAKER_FAILURES failures in a row the workers
# stop asking it for REDIS_BREAKER_COOL_DOWN seconds (cms/core/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "simpul"),
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("REDIS_TIMEOUT", "0.25")
                ),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "breaker_failures": int(os.environ.get("REDIS_BREAKER_FAILURES", "3")),
                "breaker_cool_down": float(
                    os.environ.get("REDIS_BREAKER_COOL_DOWN", "5")
                ),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes refuses sign-ins while an account or address is locked out,
# before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
# locale_wagtail: the Indonesian Wagtail leaves untranslated, kept by hand
# (makemessages never touches it); first, so it wins over Wagtail's own.
LOCALE_PATHS = [PROJECT_DIR / "locale_wagtail", PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
# MEDIA_ROOT holds only what anyone may fetch: image renditions, served
# straight from /media/images/. Originals of images and documents are kept
# in PRIVATE_MEDIA_ROOT (the default storage) and served only after a check
# (cms/core/downloads.py), from PRIVATE_MEDIA_URL and /documents/.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
PRIVATE_MEDIA_URL = "/files/"
STORAGES = {
    "default": {"BACKEND": "cms.core.storage.PrivateMediaStorage"},
    "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page forms (stream fields, inline progress reports) exceed
# Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sistem Informasi Kecamatan <noreply@localhost>"
)

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Kecamatan Pejawaran")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
# Milliseconds after an edit before Wagtail autosaves a draft; 0 turns it off
# (the browser tests do: a late autosave raced the submission it followed).
WAGTAIL_AUTOSAVE_INTERVAL = int(os.environ.get("WAGTAIL_AUTOSAVE_INTERVAL", 500))
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
# Documents always go through Wagtail's serve view, where the
# before_serve_document hook checks who may have them.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Public frontends. A desa with a public domain is served at
# <PUBLIC_DESA_SCHEME>://<domain>/, every desa at <PUBLIC_PORTAL_URL>/desa/<slug>/.
PUBLIC_PORTAL_URL = os.environ.get("PUBLIC_PORTAL_URL", "http://127.0.0.1:8080")
PUBLIC_DESA_SCHEME = os.environ.get("PUBLIC_DESA_SCHEME", "https")

# No requests from the admin to third parties: no Gravatar avatars (they
# send a hash of each user's email address), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False


def _origin(url: str) -> str:
    """scheme://host[:port] of an absolute URL, "" for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content-Security-Policy (django-csp) on every CMS response; the admin adds
# the sources Wagtail still needs (cms/core/csp.py says why). Its preview
# panel frames the draft on the desa's frontend: PUBLIC_PORTAL_URL, or a desa
# domain (*.desa.id by default; CSP_FRAME_SRC lists others, comma-separated).
CSP_FRAME_SRC = [
    source.strip()
    for source in os.environ.get(
        "CSP_FRAME_SRC", f"{PUBLIC_DESA_SCHEME}://*.desa.id"
    ).split(",")
    if source.strip()
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "script-src-attr": [NONE],
        "style-src": [SELF],
        "style-src-attr": [NONE],
        "img-src": [SELF, "data:", "blob:", *filter(None, [_origin(MEDIA_URL)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Paths that get the admin additions (a signed-in area outside /admin/ with
# the same needs would be listed here).
CSP_ADMIN_PREFIXES = ("/admin/",)
CSP_ADMIN_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "frame-src": CSP_FRAME_SRC,
}

# Public API
WAGTAILAPI_BASE_URL = os.environ.get("API_BASE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
API_CACHE_ENABLED = os.environ.get("API_CACHE_ENABLED", "true").lower() != "false"
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_TIMEOUT = int(os.environ.get("API_CACHE_TIMEOUT", "86400"))
# Search answers: any `q` makes a new entry, so they expire sooner.
API_SEARCH_CACHE_TIMEOUT = int(os.environ.get("API_SEARCH_CACHE_TIMEOUT", "300"))
# Recent API responses each worker also keeps in memory (bodies are ~10-30 KB).
API_LOCAL_CACHE_ENTRIES = int(os.environ.get("API_LOCAL_CACHE_ENTRIES", "256"))
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "600"))

CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Requests per client address; enforced by api.middleware for every
    # public API request. Empty or "off" disables the limit.
    "DEFAULT_THROTTLE_RATES": {
        "anon": (
            None
            if os.environ.get("API_THROTTLE_RATE", "120/minute").lower()
            in ("", "off", "none")
            else os.environ.get("API_THROTTLE_RATE", "120/minute")
        )
    },
    # Proxies in front of the CMS that append X-Forwarded-For (1 behind the
    # compose nginx). 0: the client address is REMOTE_ADDR and a forged
    # X-Forwarded-For header cannot dodge the limit.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
}
# The public frontends ask the API for every visitor from one address, so
# they are exempt from the per-address limit: by a shared key they send in
# the X-Frontend-Key header (CMS_API_KEY on the frontend), or by address.
API_TRUSTED_CLIENT_KEY = os.environ.get("API_TRUSTED_CLIENT_KEY", "")
API_THROTTLE_EXEMPT = [
    network.strip()
    for network in os.environ.get("API_THROTTLE_EXEMPT", "").split(",")
    if network.strip()
]
for _network in API_THROTTLE_EXEMPT:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"API_THROTTLE_EXEMPT: {_network!r} is not an address or network."
        ) from _error
SPECTACULAR_SETTINGS = {
    "TITLE": "Simpul Desa public API",
    "DESCRIPTION": (
        "Read-only API of the kecamatan and its desa: the desa directory, news, "
        "tourism, local wisdom and development projects. Errors are "
        '{"message": "..."} with status 400, 403, 404 or 429.'
    ),
    "VERSION": "2",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v2",
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_feeds",
        "api.schema.add_common_errors",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": False,
}

# Cross-desa search (aggregator/). "database": PostgreSQL or SQLite full-text
# search in the project database. With ELASTICSEARCH_URL set, Elasticsearch
# serves search and the database engine stays as its fallback.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_BACKEND = (
    {
        "ENGINE": "aggregator.backends.elasticsearch.ElasticsearchBackend",
        "OPTIONS": {
            "url": ELASTICSEARCH_URL,
            "index": os.environ.get("ELASTICSEARCH_INDEX", "simpul-desa"),
            # A search answers from the database engine instead after this
            # long (the frontend waits 3 s), and for the cool-down after.
            "timeout": float(os.environ.get("ELASTICSEARCH_TIMEOUT", "0.5")),
            "write_timeout": float(os.environ.get("ELASTICSEARCH_WRITE_TIMEOUT", "10")),
            "failures": int(os.environ.get("ELASTICSEARCH_BREAKER_FAILURES", "1")),
            "cool_down": float(os.environ.get("ELASTICSEARCH_BREAKER_COOL_DOWN", "30")),
        },
    }
    if ELASTICSEARCH_URL
    else {"ENGINE": "database"}
)
SEARCH_MAX_QUERY_LENGTH = 200

# Reading external desa feeds (aggregator/sources/). ALLOWED_HOSTS lists
# hosts that may be fetched even on loopback or private addresses (tests).
EXTERNAL_FEEDS = {
    "TIMEOUT": float(os.environ.get("EXTERNAL_FEEDS_TIMEOUT", "10")),
    "MAX_BYTES": 5 * 1024 * 1024,
    "MAX_REDIRECTS": 3,
    "ALLOWED_HOSTS": [],
}

# The kecamatan's integration plan: days after the start date, and how many
# desa should have joined by then (Pejawaran: 1 in 60 days, 8 in 6 months,
# all 17 in 18 months).
INTEGRATION_START_DATE = os.environ.get("INTEGRATION_START_DATE", "2026-01-01")
INTEGRATION_PLAN = [(60, 1), (183, 8), (548, 17)]

# Sign-in (cms/accounts/). Failed sign-ins are counted by django-axes in the
# database (a Redis outage cannot reset them): an account is locked after
# SIGNIN_FAILURE_LIMIT failures, a client address after
# SIGNIN_ADDRESS_FAILURE_LIMIT (higher: a kecamatan office or a mobile
# carrier's NAT puts many people behind one address), each for
# SIGNIN_COOLOFF_MINUTES after its last failure. A wrong two-factor code
# counts as a failure.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGNIN_ADDRESS_FAILURE_LIMIT", "20"))
SIGNIN_COOLOFF_MINUTES = int(os.environ.get("SIGNIN_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "cms.accounts.lockout.SigninLockoutHandler"
AXES_LOCKOUT_CALLABLE = "cms.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.accounts.addresses.client_address"
# Trying again while locked out does not extend the lockout, so the time the
# lockout page promises holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
AXES_ENABLE_ADMIN = False
# Proxies in front of the CMS that append X-Forwarded-For, for the sign-in
# limits (the same nginx as the API's by default). 0: the client address is
# REMOTE_ADDR, so a forged X-Forwarded-For cannot dodge the limits.
SIGNIN_NUM_PROXIES = int(
    os.environ.get("SIGNIN_NUM_PROXIES", os.environ.get("API_NUM_PROXIES", "0"))
)

# Password-reset requests per client address and per e-mail address
# (django-ratelimit, in the default cache). While the cache is unreachable
# the limit is not applied (fails open) rather than refusing every reset.
PASSWORD_RESET_RATE_PER_ADDRESS = os.environ.get(
    "PASSWORD_RESET_RATE_PER_ADDRESS", "10/h"
)
PASSWORD_RESET_RATE_PER_EMAIL = os.environ.get("PASSWORD_RESET_RATE_PER_EMAIL", "3/h")
# Invitation and password reset links a team manager (or superuser) may send.
TEAM_PASSWORD_LINK_RATE = os.environ.get("TEAM_PASSWORD_LINK_RATE", "30/h")
RATELIMIT_IP_META_KEY = "cms.accounts.addresses.client_address"
RATELIMIT_FAIL_OPEN = True
# django-ratelimit's system check knows memcached and django-redis only.
# Django's own Redis backend (ours, REDIS_URL) increments atomically (W001);
# without REDIS_URL every process counts alone in local memory (E003), as the
# API rate limit does, which is why production wants REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
for _name, _rate in [
    ("PASSWORD_RESET_RATE_PER_ADDRESS", PASSWORD_RESET_RATE_PER_ADDRESS),
    ("PASSWORD_RESET_RATE_PER_EMAIL", PASSWORD_RESET_RATE_PER_EMAIL),
    ("TEAM_PASSWORD_LINK_RATE", TEAM_PASSWORD_LINK_RATE),
]:
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", _rate):
        raise ImproperlyConfigured(f"{_name} must look like 10/h (count/period).")
if min(AXES_FAILURE_LIMIT, SIGNIN_ADDRESS_FAILURE_LIMIT, SIGNIN_COOLOFF_MINUTES) < 1:
    raise ImproperlyConfigured("The SIGNIN_* limits and cool-off must be positive.")

# Two-factor sign-in (django-otp: TOTP apps and one-time recovery codes).
# With TWO_FACTOR_REQUIRED_FOR_STAFF, superusers and kecamatan moderators must
# set it up before using the admin (on by default in production.py); desa
# editors may opt in.
WAGTAILADMIN_USER_LOGIN_FORM = "cms.accounts.forms.SigninForm"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
TWO_FACTOR_REQUIRED_FOR_STAFF = os.environ.get(
    "TWO_FACTOR_REQUIRED_FOR_STAFF", "false"
).strip().lower() in {"1", "true", "yes", "on"}

# Demo logins are only created where a settings module opts in (dev.py).
DEMO_USERS = {}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cms": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# The OpenSID push (cms/opensid, api/opensid): request and ZIP size limits,
# and pushes a minute per desa key.
OPENSID_MAX_REQUEST_BYTES = int(os.environ.get("OPENSID_MAX_REQUEST_BYTES", 80 * 2**20))
OPENSID_MAX_ZIP_BYTES = int(os.environ.get("OPENSID_MAX_ZIP_BYTES", 50 * 2**20))
OPENSID_PUSHES_PER_MINUTE = int(os.environ.get("OPENSID_PUSHES_PER_MINUTE", 60))
