"""Give the Coördinator group the permissions to plan leergang sessions in
the back office (/beheer/)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR = "Coördinator"
PERMISSIONS = [
    f"{action}_{model}"
    for model in ("session", "sessionmaterial")
    for action in ("add", "change", "delete", "view")
]


def ensure_permissions(apps):
    """Permissions are normally made after migrate; make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name=COORDINATOR)
    coordinator.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="leergang", codename__in=PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=COORDINATOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="leergang", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("leergang", "0005_cohort_space")]

    operations = [migrations.RunPython(grant, revoke)]
