"""The loader: which engine serves search, in the style of Django's caches
and modelsearch. settings.SEARCH_BACKEND names an engine class and its
options; "database" (the default) picks PostgreSQL or SQLite by the
database in use. Views, the API and commands only call these functions."""

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from .base import EngineUnavailable, SearchBackend

__all__ = [
    "EngineUnavailable",
    "SearchBackend",
    "database_backend_class",
    "get_backend",
    "get_database_backend",
]

# The database engine for each database vendor Django reports.
DATABASE_ENGINES = {
    "postgresql": "aggregator.backends.postgres.PostgresSearchBackend",
    "sqlite": "aggregator.backends.sqlite.SQLiteSearchBackend",
}


def database_backend_class() -> type[SearchBackend]:
    """The engine for the project's own database."""
    return import_string(DATABASE_ENGINES[connection.vendor])


@cache
def _load(engine: str, options: tuple) -> SearchBackend:
    if engine == "database":
        return database_backend_class()(**dict(options))
    return import_string(engine)(**dict(options))


def get_backend() -> SearchBackend:
    config = settings.SEARCH_BACKEND
    return _load(config["ENGINE"], tuple(sorted(config.get("OPTIONS", {}).items())))


def get_database_backend() -> SearchBackend:
    """The database engine: always kept up to date, the fallback when a
    separate engine (Elasticsearch) is unreachable."""
    return _load("database", ())


def uses_separate_engine() -> bool:
    return settings.SEARCH_BACKEND["ENGINE"] != "database"
