"""The search sources, registered once at start-up (each app's
AppConfig.ready) and looked up by name. Registration order is the order of
a rebuild, so record ids stay as they were."""

from .base import Source

_sources: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add `source`; registering the same name again replaces it."""
    _sources[source.name] = source
    return source


def get_source(name: str) -> Source | None:
    return _sources.get(name)


def all_sources() -> list[Source]:
    return list(_sources.values())
