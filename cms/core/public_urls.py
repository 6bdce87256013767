"""Public URLs of pages on the frontends.

A desa with a public domain is served at https://<domain>/; every desa is
also reachable on the kecamatan portal at /desa/<slug>/. Section paths are a
contract with the frontends: /berita/, /wisata/, /kearifan-lokal/,
/pembangunan/ (each page model declares its own: cms/core/registry.py).
"""

from django.conf import settings

from .generation import current_generation
from .registry import (
    desa_home_model,
    is_item_model,
    model_home,
    model_section,
)
from .visibility import hiding_paths
from .vocabulary import DesaRef, desa_path


def portal_url() -> str:
    return settings.PUBLIC_PORTAL_URL.rstrip("/")


def desa_base_url(desa: DesaRef) -> str:
    if desa.public_domain:
        return f"{settings.PUBLIC_DESA_SCHEME}://{desa.public_domain}"
    return f"{portal_url()}/desa/{desa.slug}"


def public_url(model, slug: str, desa: DesaRef | None) -> str:
    """The frontend URL of a page of class `model` owned by `desa`
    (None: the kecamatan)."""
    base = desa_base_url(desa) if desa else portal_url()
    section = model_section(model)
    if model_home(model) or section is None:
        return f"{base}/"
    if is_item_model(model):
        return f"{base}/{section}/{slug}/"
    return f"{base}/{section}/"


def live_url(page) -> str | None:
    """The frontend URL of `page` while the public may read it (live, no
    unpublished or restricted ancestor), else None: what the admin's "live"
    links and e-mails lead to (HeadlessPage.get_url_parts)."""
    if not page.live or not page.path:
        return None
    hidden = hiding_paths(current_generation())
    if any(page.path.startswith(path) for path in hidden):
        return None
    return public_url(page.specific_class, page.slug, desa_ref_for_page_path(page.path))


def desa_refs_for_paths(paths) -> dict[str, DesaRef]:
    """Desa references keyed by their tree path, for the given page paths."""
    prefixes = {desa_path(path) for path in paths} - {None}
    if not prefixes:
        return {}
    return {
        desa.path: DesaRef.of(desa)
        for desa in desa_home_model()
        .objects.filter(path__in=prefixes)
        .only("path", *DesaRef.field_names())
    }


def desa_ref_for_path(path: str, refs: dict[str, DesaRef]) -> DesaRef | None:
    return refs.get(desa_path(path))


def desa_ref_for_page_path(path: str) -> DesaRef | None:
    """The reference of the desa owning the page at `path` (one query), or
    None for the kecamatan's own pages."""
    return desa_ref_for_path(path, desa_refs_for_paths([path]))
