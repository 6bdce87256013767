from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import feeds
from .dashboard import DashboardAPIView, DesaDashboardAPIView
from .desa import KecamatanAPIView
from .errors import not_found
from .find import FindAPIView
from .generation import GenerationAPIView
from .preview import PreviewAPIView
from .router import router
from .schema import SchemaView
from .search import SearchAPIView

app_name = "api"
KODE = r"\d{2}\.\d{2}\.\d{2}\.\d{4}"

# Wagtail's own endpoints are mounted in cms/urls.py, outside this namespace,
# because they reverse their URLs under the "wagtailapi" namespace.

urlpatterns = [
    path("v2/kecamatan/", KecamatanAPIView.as_view(), name="kecamatan"),
    path("v2/find/", FindAPIView.as_view(), name="find"),
    path("v2/search/", SearchAPIView.as_view(), name="search"),
    path("v2/dashboard/", DashboardAPIView.as_view(), name="dashboard"),
    re_path(
        rf"^v2/dashboard/desa/(?P<kode_kemendagri>{KODE})/$",
        DesaDashboardAPIView.as_view(),
        name="dashboard-desa",
    ),
    path("v2/preview/", PreviewAPIView.as_view(), name="preview"),
    path("v2/generation/", GenerationAPIView.as_view(), name="generation"),
    path("v2/feed/", feeds.all_feed, name="feed"),
    path("v2/feed/atom/", feeds.all_feed, {"atom": True}, name="feed-atom"),
    re_path(
        rf"^v2/desa/(?P<kode_kemendagri>{KODE})/feed/$",
        feeds.desa_feed,
        name="desa-feed",
    ),
    re_path(
        rf"^v2/desa/(?P<kode_kemendagri>{KODE})/feed/atom/$",
        feeds.desa_feed,
        {"atom": True},
        name="desa-feed-atom",
    ),
    path("v2/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script as a file, so the page
    # runs under the Content-Security-Policy without inline scripts; its
    # template keeps one small <style> block.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    re_path(r"^[\s\S]*$", not_found),  # any path, a newline in it too
]
