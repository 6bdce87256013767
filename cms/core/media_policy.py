"""Who may change or delete images and documents: Wagtail's collection
policy, held back wherever a desa editor's change would reach the public
without a moderator.

Wagtail's `CollectionOwnershipPermissionPolicy` lets whoever may change an
item (or uploaded it) also delete it, at any time. Two rules are added here,
and since every admin view asks the policy (edit, file replacement, the
multiple-upload edit, delete, bulk actions, the chooser's edit links), they
hold everywhere:

- Deleting needs the delete permission on the item's collection. Desa
  editors hold none (cms/desa/roles.py); moderators hold it on the root.
- While a live page uses an item (or the item belongs to a live page by a
  registered rule: a desa's synced reports, cms.core.visibility), changing
  or deleting it needs the right to publish every such page, in any desa. A
  new file, title, alt text, focal point (the crop of its renditions), tags
  or collection would reach those pages at once, unreviewed. A desa editor
  therefore changes only what no live page uses; to show another picture on
  a live page they upload a new one, put it into the page and submit the
  page for review.
  Moderators may publish the whole kecamatan, so nothing holds them.

Choosing and adding stay Wagtail's, and superusers are not limited. The
`users_with_*` methods (which the admin does not use for media) keep
Wagtail's answers.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permissions import page_permission_policy

from .visibility import used_by

EDITS = {"change", "delete"}


class ModeratedMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """The permission policy of images and documents, in place of Wagtail's
    (`register_media_policies`, called from CoreConfig.ready)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return self._check_perm(user, ["delete"])
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self._granted_for_instance(user, action, instance)
            and not (action in EDITS and self._held(user, instance))
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        # Built from Wagtail's querysets and id lists only: listings search
        # these through the search backend, which filters on plain lookups
        # of indexed fields alone.
        if not user.is_authenticated or _is_superuser(user):
            return super().instances_user_has_any_permission_for(user, actions)
        actions = set(actions)
        items = self.model._default_manager.none()
        if actions - EDITS:
            items |= super().instances_user_has_any_permission_for(
                user, actions - EDITS
            )
        if actions & EDITS:
            granted = self._granted(user, actions & EDITS)
            items |= granted.exclude(pk__in=self._held_pks(user, granted))
        return items

    def collections_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        collections = super().collections_user_has_any_permission_for(
            user, actions - {"delete"}
        )
        if "delete" in actions and not _is_superuser(user):
            collections |= self._collections_with_perm(user, ["delete"])
        return collections

    def held_by_live_pages(self, user, instance) -> bool:
        """Whether only live pages keep `user` from changing `instance`: their
        collection grant allows it, but a live page they may not publish
        uses it (the admin then says why instead of a bare refusal)."""
        return self._granted_for_instance(user, "change", instance) and self._held(
            user, instance
        )

    def instances_held_by_live_pages(self, user) -> QuerySet:
        """The items the user's collection grants would let them change but
        a live page holds (listings show them, so an editor finds them and
        reads why they cannot be changed)."""
        if not user.is_authenticated or _is_superuser(user):
            return self.model._default_manager.none()
        granted = self._granted(user, {"change"})
        return granted.filter(pk__in=self._held_pks(user, granted))

    # The rules

    def _granted_for_instance(self, user, action, instance) -> bool:
        """Collection grants alone (Wagtail's rule, delete apart)."""
        if action == "delete":
            return self._check_perm(user, ["delete"], collection=instance.collection)
        return super().user_has_any_permission_for_instance(user, [action], instance)

    def _granted(self, user, actions: set) -> QuerySet:
        items = self.model._default_manager.none()
        if actions - {"delete"}:
            items |= super().instances_user_has_any_permission_for(
                user, actions - {"delete"}
            )
        if "delete" in actions:
            collections = list(self._collections_with_perm(user, ["delete"]))
            items |= self.model._default_manager.filter(collection__in=collections)
        return items

    def _held_pks(self, user, items: QuerySet) -> list:
        return list(items.filter(self._held_items(user)).values_list("pk", flat=True))

    def _held(self, user, instance) -> bool:
        if _is_superuser(user):
            return False
        items = self.model._default_manager.filter(pk=instance.pk)
        return items.filter(self._held_items(user)).exists()

    def _held_items(self, user) -> Q:
        """A condition: a live page the user may not publish uses the item
        (or it belongs to such a page by a registered rule)."""
        publishable = page_permission_policy.instances_user_has_permission_for(
            user, "publish"
        )
        pages = Page.objects.filter(live=True).exclude(pk__in=publishable.values("pk"))
        return used_by(pages, self.model)


def _is_superuser(user) -> bool:
    return user.is_active and user.is_superuser


def register_media_policies() -> None:
    """Register the policy for the image and document models, in place of
    Wagtail's. Registered for the exact classes: Wagtail's apps register
    theirs in their ready(), which runs after ours, and an exact-class entry
    is looked up first whatever the order."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    for model, auth_model in [
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ]:
        policy = ModeratedMediaPermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)
