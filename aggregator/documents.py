"""The one record every engine indexes.

A record is engine-neutral and keyed by (source, key) so that items from
other sources (an external desa feed) fit without schema changes: pages are
("page", "<id>"), a feed item could be ("feed", "<feed id>:<guid>").
"""

import datetime
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class DesaInfo:
    kode_kemendagri: str
    name: str
    slug: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    source: str
    key: str
    kind: str  # news, tourism, wisdom, development
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
