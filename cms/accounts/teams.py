"""Desa teams: who may manage whose account in the admin.

A kecamatan moderator runs the teams of every desa: creates their accounts,
deactivates and reactivates them, sends a password reset link and removes
a lost second factor. The rules, one function each:

- The groups a manager may *assign*: superusers any; a moderator the editor
  and coordinator groups of every desa; a desa coordinator ("Koordinator
  Desa <Nama>") the editor group of their own desa; anyone else none. The
  moderator group is never among them, nor is any other group (superuser
  rights are no group at all).
- The users a manager may *manage*: superusers anyone; a moderator or a
  coordinator only active or inactive accounts whose every group is one
  they may assign (and at least one), that are no superuser, no staff, hold
  no permission of their own, and are not the manager themselves. So a
  moderator never touches a superuser, another moderator, an account a
  superuser gave other rights, or their own groups; a coordinator touches
  only the editors of their own desa, never another coordinator.

Non-superusers get nothing from Django's `auth.*_user` permissions here:
whoever holds them without being a superuser manages exactly the teams their
role allows (`TeamUserPolicy`), since Wagtail's own user forms let anyone
with `auth.change_user` make anyone a superuser.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.desa.roles import MODERATOR_GROUP_NAME

# What a manager does to a team member: add and change (deactivating
# included). Deleting stays with superusers: a deactivated account keeps
# its name on the revisions it wrote.
TEAM_ACTIONS = frozenset({"add", "change"})
# Log actions (the account's history) of what a manager did beyond editing.
LOG_RESET_PASSWORD = "accounts.reset_password"  # noqa: S105 (an action name)
LOG_RESET_TWO_FACTOR = "accounts.reset_two_factor"


def _is_superuser(user) -> bool:
    return user.is_active and user.is_superuser


def _manager_roles(user) -> tuple[bool, bool]:
    """(moderator, coordinator), read once per user object (i.e. per
    request), as Django caches permissions: a listing asks for every row."""
    if not hasattr(user, "_desa_team_roles"):
        names = set(
            user.groups.filter(
                Q(name=MODERATOR_GROUP_NAME) | Q(desa_coordinated__isnull=False)
            ).values_list("name", flat=True)
        )
        moderator = MODERATOR_GROUP_NAME in names
        user._desa_team_roles = (moderator, bool(names - {MODERATOR_GROUP_NAME}))
    return user._desa_team_roles


def _is_moderator(user) -> bool:
    return _manager_roles(user)[0]


def is_team_manager(user) -> bool:
    """A moderator or a desa coordinator (an active one, outside any
    superuser rights)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    return any(_manager_roles(user))


def desa_groups() -> QuerySet:
    """Every desa's editor and coordinator groups."""
    return Group.objects.filter(
        Q(desa_roles__isnull=False) | Q(desa_coordinated__isnull=False)
    )


def assignable_groups(user) -> QuerySet:
    """The groups `user` may put a team member in."""
    if _is_superuser(user):
        return Group.objects.all()
    if not is_team_manager(user):
        return Group.objects.none()
    if _is_moderator(user):
        return desa_groups()
    return Group.objects.filter(desa_roles__coordinator_group__in=user.groups.all())


def manageable_users(user, queryset: QuerySet | None = None) -> QuerySet:
    """`queryset` (all users) narrowed to the accounts `user` may manage."""
    if queryset is None:
        queryset = get_user_model()._default_manager.all()
    if _is_superuser(user):
        return queryset
    if not is_team_manager(user):
        return queryset.none()
    assignable = assignable_groups(user)
    users = get_user_model()._default_manager
    members = users.filter(groups__in=assignable).values("pk")
    outsiders = users.filter(groups__in=Group.objects.exclude(pk__in=assignable))
    with_own_rights = users.filter(user_permissions__isnull=False).values("pk")
    return (
        queryset.filter(pk__in=members, is_superuser=False, is_staff=False)
        .exclude(pk__in=outsiders.values("pk"))
        .exclude(pk__in=with_own_rights)
        .exclude(pk=user.pk)
    )


def may_manage(user, account: Model) -> bool:
    if account is None or account.pk is None:
        return False
    return manageable_users(user).filter(pk=account.pk).exists()


class TeamUserPolicy(ModelPermissionPolicy):
    """The permission policy of the user model: superusers as in Wagtail,
    moderators and coordinators add and change the accounts of the desa
    teams they manage, nobody else anything (Django's `auth.*_user`
    permissions are not consulted for non-superusers)."""

    def user_has_permission(self, user, action):
        if _is_superuser(user):
            return True
        return action in TEAM_ACTIONS and is_team_manager(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        managers = Q(is_superuser=True)
        if TEAM_ACTIONS & set(actions):
            managers |= Q(groups__name=MODERATOR_GROUP_NAME) | Q(
                groups__desa_coordinated__isnull=False
            )
        users = get_user_model()._default_manager.filter(is_active=True)
        return users.filter(pk__in=users.filter(managers).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        if _is_superuser(user):
            return True
        return action in TEAM_ACTIONS and may_manage(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if _is_superuser(user):
            return self.model._default_manager.all()
        if TEAM_ACTIONS & set(actions):
            return manageable_users(user)
        return self.model._default_manager.none()

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])
