"""Give the Coördinator group the permissions to manage events.

Events, their registrations and attendee lists are for coordinators only (see
docs/permissions.md); the Redacteur group gets nothing here.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR = "Coördinator"
EVENT_PERMISSIONS = ["add_event", "change_event", "delete_event", "view_event"]


def ensure_permissions(apps):
    """Permissions are normally made after migrate; make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinator, _created = Group.objects.get_or_create(name=COORDINATOR)
    coordinator.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="network", codename__in=EVENT_PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=COORDINATOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="network", codename__in=EVENT_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_members_events"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
