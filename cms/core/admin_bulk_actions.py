"""Wagtail's bulk actions, each registered again (wagtail_hooks.py, after
Wagtail's own registration, which it replaces) with one change: the
confirmation page names only what the user may see.

Wagtail's confirmation (`/admin/bulk/<app>/<model>/<action>/?id=...`) lists
every id asked for; those the user may not act on appear under "You don't
have permission to ..." with their title: the draft title of another desa's
page, another desa's image, a feed's address, an IDM score. Here objects the
user may not see (`admin_scope.visible_objects`) are left out as if they did
not exist: when nothing is left, the answer is Wagtail's 404 for ids that do
not exist. Objects the user may see but not act on are still listed, so they
learn why nothing happened to them.

A bulk action Wagtail adds later is caught by a test that checks every
registered action is one of these.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDelete
from wagtail.users.views import bulk_actions as user_actions

from .admin_scope import visible_objects


class VisibleObjectsOnlyMixin:
    """Leaves out of a bulk action what the user may not see."""

    def get_actionable_objects(self):
        try:
            objects, extra = super().get_actionable_objects()
        except (ObjectDoesNotExist, ValidationError, ValueError) as error:
            # Ids or a "childOf" that are no ids: Wagtail would answer 500.
            raise Http404 from error
        refused = extra["items_with_no_access"]
        visible = set(
            visible_objects(
                self.request.user,
                self.model._default_manager.filter(pk__in=[obj.pk for obj in refused]),
            ).values_list("pk", flat=True)
        )
        refused = [obj for obj in refused if obj.pk in visible]
        if not objects and not refused:
            raise Http404
        return objects, {**extra, "items_with_no_access": refused}


def scoped(action_class: type) -> type:
    """`action_class` with VisibleObjectsOnlyMixin, under the same name."""
    return type(
        action_class.__name__,
        (VisibleObjectsOnlyMixin, action_class),
        {"__module__": __name__, "__doc__": action_class.__doc__},
    )


SCOPED_BULK_ACTIONS = [
    scoped(action_class)
    for action_class in [
        page_actions.DeleteBulkAction,
        page_actions.MoveBulkAction,
        page_actions.PublishBulkAction,
        page_actions.UnpublishBulkAction,
        image_actions.AddTagsBulkAction,
        image_actions.AddToCollectionBulkAction,
        image_actions.DeleteBulkAction,
        document_actions.AddTagsBulkAction,
        document_actions.AddToCollectionBulkAction,
        document_actions.DeleteBulkAction,
        SnippetDelete,
        user_actions.AssignRoleBulkAction,
        user_actions.DeleteBulkAction,
        user_actions.SetActiveStateBulkAction,
    ]
]
