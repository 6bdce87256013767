from django.conf import settings
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.urls import serve_pattern

from api.router import wagtail_router
from cms.core.headless import frontend_redirect

urlpatterns = [
    path("api/v2/", wagtail_router.urls),
    # OpenSID's push (api/opensid/): the server address is typed by a desa
    # operator, so "https://kecamatan.example//api/v1/..." works too.
    re_path(r"^/*api/v1/", include("api.opensid.urls")),
    path("api/", include("api.urls")),
    path("admin/", include("cms.accounts.urls")),
    # Scoped replacements of some Wagtail admin views (cms/core/admin_urls.py).
    path("admin/", include("cms.core.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("cms.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Renditions only: originals are never served from MEDIA_ROOT.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=f"{settings.MEDIA_ROOT}/images"
    )

# Headless: instead of Wagtail's page serving (wagtail.urls), a public
# page's URL redirects to its frontend; the name keeps Page.url working.
urlpatterns += [re_path(serve_pattern, frontend_redirect, name="wagtail_serve")]
