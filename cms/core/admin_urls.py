"""Admin URLs answered by the scoped views of admin_views.py and
admin_media_views.py instead of Wagtail's, where Wagtail offers no hook to
narrow them. Included in cms/urls.py just before Wagtail's admin URLs, at
the very same paths, so every link Wagtail builds (by URL name) leads
here."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.images import get_image_model
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_media_views as media
from . import admin_views

image_chooser = media.ScopedImageChooserViewSet(
    "wagtailimages_chooser", model=get_image_model(), url_prefix="images/chooser"
)

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
    path("images/", media.ImagesIndexView.as_view()),
    path("images/results/", media.ImagesIndexView.as_view(results_only=True)),
    path("images/<int:image_id>/", media.ImageEditView.as_view()),
    path("images/usage/<int:image_id>/", media.ImageUsageView.as_view()),
    path("images/chooser/", image_chooser.choose_view),
    path("documents/", media.DocumentsIndexView.as_view()),
    path("documents/results/", media.DocumentsIndexView.as_view(results_only=True)),
    path("documents/edit/<int:document_id>/", media.DocumentEditView.as_view()),
    path("documents/usage/<int:document_id>/", media.DocumentUsageView.as_view()),
]

# As Wagtail decorates its own admin views.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, display_custom_404)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
