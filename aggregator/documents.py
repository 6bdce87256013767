"""The one record every engine indexes.

A record is engine-neutral and keyed by (source, key) so that items from
other sources (an external desa feed) fit without schema changes: pages are
("page", "<id>"), a feed item could be ("feed", "<feed id>:<guid>").
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .aliases import names_for

if TYPE_CHECKING:  # records are built without the app registry (bench/)
    from cms.core.vocabulary import DesaRef


@dataclass(frozen=True)
class DesaInfo:
    """A desa as the index holds it: the name fields of a DesaRef plus the
    other spellings a search also finds it by. No pk and no domain: the
    index keys a desa by its Kemendagri code, and records from a desa's own
    feed (or a test corpus) need no page of it here."""

    kode_kemendagri: str
    name: str
    slug: str
    aliases: tuple[str, ...] = ()

    @classmethod
    def of(cls, desa: "DesaRef") -> "DesaInfo":
        return cls(
            kode_kemendagri=desa.kode_kemendagri,
            name=desa.name,
            slug=desa.slug,
            aliases=tuple(names_for(desa.kode_kemendagri, desa.name)[1:]),
        )

    @staticmethod
    def reference(kode_kemendagri: str, name: str, slug: str) -> dict:
        """The desa of a search hit, as the API shows it."""
        return {"kode_kemendagri": kode_kemendagri, "name": name, "slug": slug}


@dataclass(frozen=True)
class Record:
    source: str
    key: str
    kind: str  # one of cms.core.registry.kinds()
    title: str
    url: str
    published: datetime.date
    desa: DesaInfo | None = None  # None: the kecamatan's own item
    summary: str = ""
    body: str = ""
    category_slug: str = ""
    category_name: str = ""
    tags: tuple[str, ...] = ()
    thumbnail_url: str = ""
    latitude: float | None = None
    longitude: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.key}"

    def as_dict(self) -> dict:
        return asdict(self)
