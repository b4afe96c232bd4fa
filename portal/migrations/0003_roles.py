"""Make the portal's roles as groups, with their back-office permissions.

See docs/permissions.md for the matrix. Object-level rules (whose workspace,
which attendee list) live in the services of each app.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEMBER = "Lid"
COORDINATOR = "Coördinator"
EDITOR = "Redacteur"
MUNICIPALITY_CONTACT = "Gemeentelijk contactpersoon"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITOR: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    COORDINATOR: [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "choose_image"),
    ],
}
# Wagtail makes these English default groups; the portal's roles replace them.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def ensure_permissions(apps):
    """Permissions are normally made after migrate; make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def make_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (MEMBER, COORDINATOR, EDITOR, MUNICIPALITY_CONTACT)
    }
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in (COORDINATOR, EDITOR):
        groups[name].permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).first()
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )

    root_collection = Collection.objects.filter(depth=1).first()
    for name, perms in COLLECTION_PERMISSIONS.items():
        for app_label, codename in perms:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )

    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(
        name__in=[MEMBER, COORDINATOR, EDITOR, MUNICIPALITY_CONTACT]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_pages"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(make_roles, remove_roles)]
