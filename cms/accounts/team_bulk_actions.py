"""Wagtail's bulk actions on users, for the managers of desa teams: each
acts only on accounts the user may manage, and "assign role" offers only
the groups they may assign. Wagtail's own check `auth.change_user`, which
no team manager holds; superusers keep Wagtail's behaviour.

Registered (wagtail_hooks.py) after the core's scoped ones, which they
replace; they keep the core's VisibleObjectsOnlyMixin (accounts the user
may not manage are left out of the confirmation page)."""

from wagtail.users.utils import user_can_delete_user
from wagtail.users.views import bulk_actions

from cms.core.admin_bulk_actions import scoped

from . import teams


class ManagedAccountsMixin:
    def check_perm(self, obj):
        return teams.may_manage(self.request.user, obj)

    def get_all_objects_in_listing_query(self, parent_id):
        listed = super().get_all_objects_in_listing_query(parent_id)
        managed = teams.manageable_users(self.request.user)
        return listed.filter(pk__in=managed.values("pk"))


class AssignRoleBulkAction(ManagedAccountsMixin, bulk_actions.AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        groups = teams.assignable_groups(self.request.user).order_by("name")
        form.fields["role"].queryset = groups
        return form


class SetActiveStateBulkAction(
    ManagedAccountsMixin, bulk_actions.SetActiveStateBulkAction
):
    pass


class DeleteBulkAction(ManagedAccountsMixin, bulk_actions.DeleteBulkAction):
    """Wagtail's, which also needs `auth.delete_user` (no team manager
    holds it: deactivating keeps the account's name on its revisions)."""

    def check_perm(self, obj):
        return super().check_perm(obj) and user_can_delete_user(self.request.user, obj)


TEAM_BULK_ACTIONS = [
    scoped(action)
    for action in [AssignRoleBulkAction, SetActiveStateBulkAction, DeleteBulkAction]
]
