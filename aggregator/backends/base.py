"""The search contract every engine implements."""

from abc import ABC, abstractmethod
from collections.abc import Iterable

from ..documents import Record
from ..query import SearchQuery, SearchResults


class EngineUnavailable(Exception):
    """The engine cannot be reached; callers fall back or retry later."""


class SearchBackend(ABC):
    """index, delete, reset, search, and what callers ask about the records
    held (facet labels, known values, known desa): the whole contract. No
    caller reads an engine's storage; an engine imports no HTTP code.

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

    @abstractmethod
    def facet_labels(self, facet: str, keys: Iterable) -> dict[str, str]:
        """Labels of the buckets `keys` of `facet` (one of query.FACETS):
        desa names ("kecamatan" labelled too), category names, kind names;
        none for years (a bucket without a label shows its key)."""

    @abstractmethod
    def known_values(self, facet: str, values: Iterable[str]) -> set[str]:
        """Those of `values` that some record holds for `facet` (a desa by
        its Kemendagri code)."""

    @abstractmethod
    def known_desa(
        self, codes: Iterable[str], slugs: Iterable[str]
    ) -> set[tuple[str, str]]:
        """(kode_kemendagri, slug) of every desa with records whose code is
        among `codes` or whose slug is among `slugs`."""

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
