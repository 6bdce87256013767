"""Provisioning of groups, collections and the review workflow."""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from cms.desa import roles
from tests.conftest import logged_in
from tests.factories import news_page, publish


def page_grants(group):
    return sorted(
        (grant.page_id, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group=group)
    )


def collection_grants(group):
    return sorted(
        (grant.collection_id, grant.permission.codename)
        for grant in GroupCollectionPermission.objects.filter(group=group)
    )


def snapshot():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        sorted(Collection.objects.values_list("name", flat=True)),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Page.objects.count(),
        Workflow.objects.count(),
    )


def test_desa_editor_group_has_exactly_its_subtree_and_collection(desa_a):
    group = desa_a.roles.editor_group
    collection = desa_a.roles.collection
    assert group.name == "Editor Desa Giritirta"
    assert collection.name == "Desa Giritirta"
    assert page_grants(group) == [(desa_a.pk, "add_page"), (desa_a.pk, "change_page")]
    assert collection_grants(group) == sorted(
        (collection.pk, codename)
        for codename in [
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ]
    )
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]


def test_moderators_cover_the_whole_kecamatan_and_all_collections(kecamatan):
    group = Group.objects.get(name=roles.MODERATOR_GROUP_NAME)
    assert {codename for _page, codename in page_grants(group)} == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert {page for page, _codename in page_grants(group)} == {kecamatan.pk}
    root_collection = Collection.get_first_root_node()
    assert {c for c, _codename in collection_grants(group)} == {root_collection.pk}


def test_the_review_workflow_is_attached_to_the_kecamatan(kecamatan, desa_a):
    workflow = WorkflowPage.objects.get(page=kecamatan).workflow
    assert workflow.name == "Moderasi Kecamatan"
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderator Kecamatan"]
    page = news_page(desa_a)
    assert page.get_workflow() == workflow


def test_default_root_grants_are_removed(db):
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()
    assert (
        not GroupCollectionPermission.objects.filter(collection__depth=1)
        .exclude(group__name=roles.MODERATOR_GROUP_NAME)
        .exists()
    )
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not WorkflowPage.objects.filter(page__depth=1).exists()


def test_provisioning_twice_changes_nothing(desa_a, desa_b):
    before = snapshot()
    roles.provision_desa(desa_a)
    roles.provision_kecamatan(desa_a.get_parent().specific)
    call_command("sync_desa_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_sync_repairs_hand_made_grants(desa_a, desa_b):
    group = desa_a.roles.editor_group
    publish_permission = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(
        group=group, page=desa_b, permission=publish_permission
    )
    GroupPagePermission.objects.filter(
        group=group, permission__codename="add_page"
    ).delete()
    call_command("sync_desa_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert page_grants(group) == [(desa_a.pk, "add_page"), (desa_a.pk, "change_page")]


def test_sync_recreates_a_deleted_group(desa_a):
    desa_a.roles.editor_group.delete()
    call_command("sync_desa_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    desa_a.roles.refresh_from_db()
    assert desa_a.roles.editor_group.name == "Editor Desa Giritirta"
    assert len(page_grants(desa_a.roles.editor_group)) == 2


def test_renaming_a_desa_renames_its_group_and_collection(desa_a, desa_b, editor_a):
    group_pk, collection_pk = desa_a.roles.editor_group_id, desa_a.roles.collection_id
    desa_a.name = "Giritirta Baru"
    publish(desa_a)
    desa_a.roles.refresh_from_db()
    assert desa_a.roles.editor_group_id == group_pk
    assert desa_a.roles.editor_group.name == "Editor Desa Giritirta Baru"
    assert desa_a.roles.collection_id == collection_pk
    assert desa_a.roles.collection.name == "Desa Giritirta Baru"
    # Isolation holds after the rename.
    client = logged_in(editor_a)
    assert client.get(f"/admin/pages/{desa_a.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{desa_b.pk}/edit/").status_code == 302


def test_draft_saves_do_not_reprovision_but_publishing_does(desa_a, monkeypatch):
    calls = []
    monkeypatch.setattr(roles, "provision_desa", calls.append)
    desa_a.save_revision()
    assert calls == []
    desa_a.save_revision().publish()
    assert [desa.pk for desa in calls] == [desa_a.pk]
