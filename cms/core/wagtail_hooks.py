"""Wagtail hooks of the core: the admin narrowed to what each user may see
(rules in admin_scope.py, views in admin_views.py and admin_bulk_actions.py)
and the check before a document download (downloads.py)."""

from wagtail import hooks

from . import admin_bulk_actions, admin_scope, admin_views
from .downloads import check_document

hooks.register("before_serve_document", check_document)

# After Wagtail's own (order 0), which they replace.
for action_class in admin_bulk_actions.SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=10)


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("construct_admin_api", order=10)
def scope_admin_api_media(router):
    router.register_endpoint("images", admin_views.ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", admin_views.ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def only_linkable_pages_in_the_chooser(pages, request):
    """Editors may link to any public page, but see unpublished or private
    pages (and pages under one) only inside the subtrees they work on.
    Wagtail's chooser lists every page of the site, drafts included, and
    shows the draft title of live pages, so another desa's page with
    unpublished changes is left out until those changes are published."""
    return admin_scope.linkable_pages(request.user, pages)


@hooks.register("register_admin_viewset")
def register_scoped_page_viewset():
    # Registered after Wagtail's base page viewset (order -1): it replaces
    # it for every page type.
    return admin_views.ScopedPageViewSet()
