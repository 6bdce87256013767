"""Who may edit what: provisioning of groups, collections and the review
workflow for the kecamatan and each desa.

Every function here is idempotent: running it again changes nothing, and it
repairs whatever was changed by hand (extra grants are removed).
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.core.vocabulary import desa_path

from .models import DesaHomePage, DesaRoles

logger = logging.getLogger(__name__)

MODERATOR_GROUP_NAME = "Moderator Kecamatan"
WORKFLOW_NAME = "Moderasi Kecamatan"
APPROVAL_TASK_NAME = "Persetujuan Moderator Kecamatan"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
# Wagtail's policy would let "change" (or "add") delete too; ours
# (cms/core/media_policy.py) needs "delete" for that, and holds "change" back
# while a live page uses the item: editors delete nothing and change only
# what no live page shows.
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = [
    *EDITOR_MEDIA_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]
# Model permissions (not tied to a page or collection).
EDITOR_MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]
MODERATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("desa", "manage_identity"),
    *[
        (app, f"{action}_{model}")
        for app, model in [
            ("news", "newscategory"),
            ("tourism", "tourismfacility"),
            ("dashboard", "idmscore"),
            ("sources", "externalfeed"),
        ]
        for action in ("add", "change", "delete", "view")
    ],
    # Items read from feeds: seen and removed, never written by hand.
    ("sources", "view_externalitem"),
    ("sources", "delete_externalitem"),
]


def editor_group_name(desa: DesaHomePage) -> str:
    return f"Editor Desa {desa.name}"


def coordinator_group_name(desa: DesaHomePage) -> str:
    return f"Koordinator Desa {desa.name}"


def collection_name(desa: DesaHomePage) -> str:
    return f"Desa {desa.name}"


def _permissions(pairs) -> list[Permission]:
    q = Permission.objects.none()
    for app_label, codename in pairs:
        q |= Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    return list(q)


def _page_permissions(codenames) -> list[Permission]:
    return _permissions(("wagtailcore", codename) for codename in codenames)


def _named_group(group: Group | None, name: str) -> Group:
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
    elif group.name != name:
        if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            logger.warning("Group %r exists; keeping %r", name, group.name)
        else:
            group.name = name
            group.save(update_fields=["name"])
    return group


def _named_collection(collection: Collection | None, name: str) -> Collection:
    if collection is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def grant_exactly(
    group: Group,
    page: Page,
    collection: Collection,
    page_perms,
    media_perms,
    model_perms,
) -> None:
    """Leave `group` with exactly these grants: page permissions on `page`,
    media permissions on `collection`, and the given model permissions."""
    wanted_page = _page_permissions(page_perms)
    GroupPagePermission.objects.filter(group=group).exclude(
        page=page, permission__in=wanted_page
    ).delete()
    for permission in wanted_page:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )

    wanted_media = _permissions(media_perms)
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission__in=wanted_media
    ).delete()
    for permission in wanted_media:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )

    group.permissions.set(_permissions(model_perms))


@transaction.atomic
def provision_desa(desa: DesaHomePage) -> DesaRoles:
    """Editor group "Editor Desa <Nama>" with add + change on this desa's
    subtree and its own collection "Desa <Nama>", a coordinator group
    "Koordinator Desa <Nama>" with the same grants; the section index
    pages."""
    roles, _created = DesaRoles.objects.select_related(
        "editor_group", "coordinator_group", "collection"
    ).get_or_create(desa=desa)
    group = _named_group(roles.editor_group, editor_group_name(desa))
    coordinators = _named_group(roles.coordinator_group, coordinator_group_name(desa))
    collection = _named_collection(roles.collection, collection_name(desa))
    made = (group.pk, coordinators.pk, collection.pk)
    if (roles.editor_group_id, roles.coordinator_group_id, roles.collection_id) != made:
        roles.editor_group, roles.coordinator_group = group, coordinators
        roles.collection = collection
        roles.save(update_fields=["editor_group", "coordinator_group", "collection"])

    # The coordinator edits as the editors do; managing the editors'
    # accounts comes with the role (cms/accounts/teams.py), not a grant.
    for desa_group in (group, coordinators):
        grant_exactly(
            desa_group,
            page=desa,
            collection=collection,
            page_perms=EDITOR_PAGE_PERMISSIONS,
            media_perms=EDITOR_MEDIA_PERMISSIONS,
            model_perms=EDITOR_MODEL_PERMISSIONS,
        )
    ensure_sections(desa)
    return roles


def ensure_sections(desa: DesaHomePage) -> None:
    """One published index page per section under the desa home.

    Children are added through `desa` itself so that treebeard keeps its
    in-memory `numchild` right: the admin's create view publishes this very
    instance after the post_save signal that calls us."""
    existing = set(desa.get_children().values_list("content_type", flat=True))
    for model in DesaHomePage.allowed_subpage_models():
        if ContentType.objects.get_for_model(model).pk in existing:
            continue
        section = model(title=str(model.default_title), slug=model.default_slug)
        desa.add_child(instance=section)
        section.save_revision().publish()


@transaction.atomic
def provision_kecamatan(kecamatan: Page) -> Group:
    """The "Moderator Kecamatan" group (add, change, publish on the whole
    kecamatan tree and every collection) and the "Moderasi Kecamatan"
    workflow attached to the kecamatan home."""
    moderators, _created = Group.objects.get_or_create(name=MODERATOR_GROUP_NAME)
    grant_exactly(
        moderators,
        page=kecamatan,
        collection=Collection.get_first_root_node(),
        page_perms=MODERATOR_PAGE_PERMISSIONS,
        media_perms=MODERATOR_MEDIA_PERMISSIONS,
        model_perms=MODERATOR_MODEL_PERMISSIONS,
    )
    ensure_workflow(kecamatan, moderators)
    return moderators


def ensure_workflow(kecamatan: Page, moderators: Group) -> Workflow:
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(
        page=kecamatan, defaults={"workflow": workflow}
    )
    return workflow


def sync_all() -> int:
    """Re-apply provisioning for the kecamatan and every desa."""
    from cms.kecamatan.models import KecamatanHomePage

    for kecamatan in KecamatanHomePage.objects.all():
        provision_kecamatan(kecamatan)
    count = 0
    for desa in DesaHomePage.objects.order_by("kode_kemendagri"):
        provision_desa(desa)
        count += 1
    return count


def desa_scope(user) -> list[int] | None:
    """The desa a user's admin panels may show: None for all (superusers and
    anyone granted on the kecamatan home), else the ids of the desa whose
    subtree the user is granted."""
    if user.is_superuser:
        return None
    paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list(
            "page__path", flat=True
        )
    )
    desa_paths = {desa_path(path) for path in paths}
    if None in desa_paths:
        return None
    return list(
        DesaHomePage.objects.filter(path__in=desa_paths).values_list("pk", flat=True)
    )
