"""Words every layer shares: the CMS, the search aggregator and the API
each use these rather than spelling them again.

Nothing here knows a content type: what depends on the kinds of pages asks
the page registry (cms/core/registry.py) instead.
"""

import datetime
from dataclasses import dataclass, fields

from django.utils import timezone
from wagtail.models import Page

# The page tree is root (1) > kecamatan home (2) > desa home (3) > sections.
DESA_HOME_DEPTH = 3
# The length of a desa home's tree path: every page below it starts with it.
DESA_PATH_LENGTH = Page.steplen * DESA_HOME_DEPTH

# What the API and the search index say instead of a desa code for the
# kecamatan's own items.
KECAMATAN = "kecamatan"

# The years a budget, a project or a filter may name.
YEARS = (2000, 2100)


def desa_path(path: str) -> str | None:
    """The tree path of the desa home owning the page at `path`, or None for
    the kecamatan's own pages (and the root)."""
    if len(path) < DESA_PATH_LENGTH:
        return None
    return path[:DESA_PATH_LENGTH]


def iso(value) -> str | None:
    """A moment in local time or a date, as ISO 8601; None stays None."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


@dataclass(frozen=True)
class DesaRef:
    """The few desa fields a URL, an item reference or a search record
    needs."""

    pk: int
    kode_kemendagri: str
    name: str
    slug: str
    public_domain: str | None

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """What to load of a desa home to make one: `.only(*field_names())`."""
        return tuple(field.name for field in fields(cls))  # the order above

    @classmethod
    def of(cls, desa) -> "DesaRef | None":
        if desa is None:
            return None
        return cls(
            desa.pk, desa.kode_kemendagri, desa.name, desa.slug, desa.public_domain
        )
