"""Make the kennisbank's fixed taxonomy: bouwopgaven, vensters, the domains of
the Participatiewiel and the legal frameworks (see ``knowledge.taxonomy``).

Reversing leaves the rows alone: pages may be tagged with them, and running
this migration again updates them in place.
"""

from django.db import migrations

from knowledge.taxonomy import taxonomy_ensure


def make_taxonomy(apps, schema_editor):
    taxonomy_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_review_reminder_claimed_at")]

    operations = [migrations.RunPython(make_taxonomy, migrations.RunPython.noop)]
