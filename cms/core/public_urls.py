"""Public URLs of pages on the frontends.

A desa with a public domain is served at https://<domain>/; every desa is
also reachable on the kecamatan portal at /desa/<slug>/. Section paths are a
contract with the frontends: /berita/, /wisata/, /kearifan-lokal/,
/pembangunan/.
"""

from django.conf import settings

from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentIndexPage, DevelopmentProjectPage
from cms.kecamatan.models import KecamatanHomePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.tourism.models import TourismIndexPage, TourismPage
from cms.wisdom.models import LocalWisdomIndexPage, LocalWisdomPage

from .generation import current_generation
from .visibility import hiding_paths
from .vocabulary import DesaRef, desa_path

SECTIONS = {
    NewsIndexPage: NewsIndexPage.default_slug,
    NewsPage: NewsIndexPage.default_slug,
    TourismIndexPage: TourismIndexPage.default_slug,
    TourismPage: TourismIndexPage.default_slug,
    LocalWisdomIndexPage: LocalWisdomIndexPage.default_slug,
    LocalWisdomPage: LocalWisdomIndexPage.default_slug,
    DevelopmentIndexPage: DevelopmentIndexPage.default_slug,
    DevelopmentProjectPage: DevelopmentIndexPage.default_slug,
}
SECTION_MODELS = {
    NewsIndexPage.default_slug: NewsPage,
    TourismIndexPage.default_slug: TourismPage,
    LocalWisdomIndexPage.default_slug: LocalWisdomPage,
    DevelopmentIndexPage.default_slug: DevelopmentProjectPage,
}


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
    if model in (KecamatanHomePage, DesaHomePage):
        return f"{base}/"
    section = SECTIONS.get(model)
    if section is None:
        return f"{base}/"
    if model in SECTION_MODELS.values():
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
    desa = desa_ref_for_path(page.path, desa_refs_for_paths([page.path]))
    return public_url(page.specific_class, page.slug, desa)


def desa_refs_for_paths(paths) -> dict[str, DesaRef]:
    """Desa references keyed by their tree path, for the given page paths."""
    prefixes = {desa_path(path) for path in paths} - {None}
    if not prefixes:
        return {}
    return {
        desa.path: DesaRef.of(desa)
        for desa in DesaHomePage.objects.filter(path__in=prefixes).only(
            "path", "kode_kemendagri", "name", "slug", "public_domain"
        )
    }


def desa_ref_for_path(path: str, refs: dict[str, DesaRef]) -> DesaRef | None:
    return refs.get(desa_path(path))
