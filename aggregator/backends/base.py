"""The search contract every engine implements."""

from abc import ABC, abstractmethod
from collections.abc import Iterable

from ..documents import Record
from ..query import SearchQuery, SearchResults


class EngineUnavailable(Exception):
    """The engine cannot be reached; callers fall back or retry later."""


class SearchBackend(ABC):
    """index, delete, reset, search: the whole contract.

    `options` come from settings.SEARCH_BACKENDS[alias]["OPTIONS"].
    """

    name = "base"

    def __init__(self, **options):
        self.options = options

    @abstractmethod
    def index(self, records: Iterable[Record]) -> int:
        """Add or replace records; returns how many were written."""

    @abstractmethod
    def delete(self, ids: Iterable[tuple[str, str]]) -> None:
        """Remove records by (source, key); unknown ids are ignored."""

    @abstractmethod
    def reset(self) -> None:
        """Remove every record."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits for one page, the total, and facet counts."""

    @abstractmethod
    def count(self) -> int:
        """How many records the engine holds."""

    def rebuild(self, records: Iterable[Record], batch_size: int = 500) -> int:
        """Replace the whole index with `records`. Engines that can swap a
        new index in atomically (Elasticsearch) override this."""
        self.reset()
        total = 0
        batch = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                total += self.index(batch)
                batch = []
        if batch:
            total += self.index(batch)
        return total
