"""The CMS host serves no page: the public sites are the frontends.

Wagtail's catch-all (`wagtail_serve`) is replaced by a redirect: the URL of
a public page on the CMS host (what the admin's "view live" opens) leads to
the page on its frontend. Anything else is the same 404, whether the page
is missing or hidden (a draft, in moderation, private, or under an
unpublished desa), so the answer never tells that a hidden page exists.
Wagtail's password and login forms for private pages go too: no page is
served here for them to unlock. Wagtail's redirects (kept when a slug
changes) are not followed here either (no RedirectMiddleware): they led to
a hidden page's new address.
"""

from django.http import Http404, HttpResponseRedirect
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from .public_urls import desa_ref_for_page_path, public_url
from .visibility import public_pages


@require_safe
def frontend_redirect(request, path: str = "") -> HttpResponseRedirect:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = f"{site.root_page.url_path}{path}"
    page = public_pages(Page.objects.filter(url_path=url_path)).first()
    if page is None:
        raise Http404
    return HttpResponseRedirect(frontend_url(page))


def frontend_url(page: Page) -> str:
    """Where `page` (public) is read: its desa's site or the portal."""
    desa = desa_ref_for_page_path(page.path)
    return public_url(page.specific_class, page.slug, desa)
