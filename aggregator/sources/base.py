"""What a search source is: anything whose items are searchable (the CMS's
pages, the desa's own website feeds, and sources to come such as OpenSID
data). The outbox, the rebuild and the counts only ever talk to sources
through this interface, found in the registry (registry.py)."""

from abc import ABC, abstractmethod
from collections.abc import Iterator

from ..documents import Record


class Source(ABC):
    """One kind of searchable item, keyed by a string unique within it.

    `name` is stored in every OutboxEntry and record id ("<name>:<key>"),
    so it never changes once records exist.
    """

    name: str
    # Items that live elsewhere (a desa's own website): the search API marks
    # their hits so the frontends can say where a reader will be taken.
    external: bool = False

    @abstractmethod
    def record_for(self, key: str) -> Record | None:
        """The record the index must hold for `key` now, or None when it
        must not be searchable (gone, not public, or not a key of this
        source)."""

    @abstractmethod
    def all_records(self, batch_size: int = 200) -> Iterator[Record]:
        """Every public item's record, for a rebuild."""

    @abstractmethod
    def count(self) -> int:
        """How many records all_records() yields."""

    def keys_under(self, page) -> list[str]:
        """Keys whose visibility follows `page` and its subtree (published,
        unpublished, moved, restricted); none by default."""
        return []
