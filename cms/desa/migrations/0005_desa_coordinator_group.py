"""A coordinator group per desa ("Koordinator Desa <Nama>"): the same grants
as the desa's editor group (cms/desa/roles.py provisions it from now on);
managing the editors' accounts comes with the role (cms/accounts/teams.py).
Existing desa get theirs here, with the editor group's grants copied."""

import django.db.models.deletion
from django.db import migrations, models


def add_coordinator_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    DesaRoles = apps.get_model("desa", "DesaRoles")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    for roles in DesaRoles.objects.filter(
        editor_group__isnull=False, coordinator_group__isnull=True
    ).select_related("desa", "editor_group"):
        editors = roles.editor_group
        group, _created = Group.objects.get_or_create(
            name=f"Koordinator Desa {roles.desa.name}"
        )
        group.permissions.set(editors.permissions.all())
        for grant in GroupPagePermission.objects.filter(group=editors):
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=grant.page_id, permission_id=grant.permission_id
            )
        for grant in GroupCollectionPermission.objects.filter(group=editors):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection_id=grant.collection_id,
                permission_id=grant.permission_id,
            )
        roles.coordinator_group = group
        roles.save(update_fields=["coordinator_group"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("desa", "0004_integration_status_feed"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="desaroles",
            name="coordinator_group",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="desa_coordinated",
                to="auth.group",
            ),
        ),
        migrations.RunPython(add_coordinator_groups, migrations.RunPython.noop),
    ]
