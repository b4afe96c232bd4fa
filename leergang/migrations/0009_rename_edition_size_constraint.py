from django.db import migrations, models


class Migration(migrations.Migration):
    """The check that an edition has room for at least one municipality keeps
    its condition under a name that says what it checks."""

    dependencies = [
        ("leergang", "0008_draft_score_may_be_empty"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="edition",
            name="leergang_edition_cohort_size",
        ),
        migrations.AddConstraint(
            model_name="edition",
            constraint=models.CheckConstraint(
                condition=models.Q(("cohort_size__gte", 1)),
                name="leergang_edition_size_positive",
            ),
        ),
    ]
