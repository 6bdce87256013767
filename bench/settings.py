"""Settings for the benchmarks: production-like (DEBUG off, PostgreSQL,
Redis), without TLS redirects, plus a trivial view as the ceiling."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/simpul_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("CACHE_KEY_PREFIX", "simpul-bench")

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-insecure-key"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}  # noqa: F405
API_CACHE_ENABLED = os.environ.get("API_CACHE_ENABLED", "true") == "true"
WAGTAILAPI_BASE_URL = "http://127.0.0.1:8000"
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", "/tmp/simpul-bench-media")  # noqa: S108
PRIVATE_MEDIA_ROOT = f"{MEDIA_ROOT}-private"
# Wagtail's built-in page search, as the comparison in bench/search_bench.py.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "indonesian",
    }
}
