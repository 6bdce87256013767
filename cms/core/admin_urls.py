"""Admin URLs answered by the scoped views of admin_views.py instead of
Wagtail's, where Wagtail offers no hook to narrow them. Included in
cms/urls.py just before Wagtail's admin URLs, at the very same paths, so
every link Wagtail builds (by URL name) leads here."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_views

urlpatterns = [
    path("choose-page/", admin_views.ScopedBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", admin_views.ScopedBrowseView.as_view()),
    path(
        "choose-page/chosen-multiple/",
        admin_views.ScopedChosenMultipleView.as_view(),
    ),
    path("tag-autocomplete/", admin_views.tag_autocomplete),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        admin_views.tag_autocomplete,
    ),
    path(
        "reports/page-types-usage/",
        admin_views.ScopedPageTypesUsageReportView.as_view(),
    ),
    path(
        "reports/page-types-usage/results/",
        admin_views.ScopedPageTypesUsageReportView.as_view(results_only=True),
    ),
]

# As Wagtail decorates its own admin views.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
