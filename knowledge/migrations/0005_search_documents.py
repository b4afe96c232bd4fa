"""The site search's own table, kept by triggers (PostgreSQL).

``knowledge_searchdocument`` holds one narrow row per live page: the page's
search vector (``title || body`` of Wagtail's index, stored, so a search no
longer builds it for every hit) beside the kennisbank facets (type, year and
the ids of its bouwopgaven, vensters and domains). A search then matches,
ranks and counts in one table, without sending the ids of every hit back and
forth.

The rows are a pure function of other tables, so the database keeps them:
after every statement that writes Wagtail's search index, the pages, the
kennisbank items or their taxonomy links, a trigger recomputes the rows of
the pages it touched, in the same transaction. That covers the ORM, Wagtail's
publishing and bulk inserts alike, and a rolled-back write leaves nothing.
On SQLite the table is made but stays empty: search there runs on Wagtail's
backend.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REFRESH = """
CREATE OR REPLACE FUNCTION knowledge_search_refresh(ids integer[])
RETURNS void LANGUAGE sql AS $$
    DELETE FROM knowledge_searchdocument AS d
    WHERE d.page_id = ANY(ids)
      AND NOT EXISTS (
          SELECT 1
          FROM wagtailcore_page AS p
          JOIN wagtailsearch_indexentry AS e
            ON e.content_type_id = p.content_type_id
           AND e.object_id = p.id::text
          WHERE p.id = d.page_id AND p.live
      );
    INSERT INTO knowledge_searchdocument AS d
        (page_id, path, document, item_type, year, bouwopgaven, vensters, domains)
    SELECT p.id,
           p.path,
           e.title || e.body,
           coalesce(k.item_type, ''),
           extract(year FROM k.publication_date)::smallint,
           ARRAY(SELECT l.bouwopgave_id
                 FROM knowledge_knowledgeitempage_bouwopgaven AS l
                 WHERE l.knowledgeitempage_id = p.id ORDER BY 1),
           ARRAY(SELECT l.venster_id
                 FROM knowledge_knowledgeitempage_vensters AS l
                 WHERE l.knowledgeitempage_id = p.id ORDER BY 1),
           ARRAY(SELECT l.participatiewieldomain_id
                 FROM knowledge_knowledgeitempage_domains AS l
                 WHERE l.knowledgeitempage_id = p.id ORDER BY 1)
    FROM wagtailcore_page AS p
    JOIN wagtailsearch_indexentry AS e
      ON e.content_type_id = p.content_type_id
     AND e.object_id = p.id::text
    LEFT JOIN knowledge_knowledgeitempage AS k ON k.page_ptr_id = p.id
    WHERE p.id = ANY(ids) AND p.live
    ON CONFLICT (page_id) DO UPDATE SET
        path = EXCLUDED.path,
        document = EXCLUDED.document,
        item_type = EXCLUDED.item_type,
        year = EXCLUDED.year,
        bouwopgaven = EXCLUDED.bouwopgaven,
        vensters = EXCLUDED.vensters,
        domains = EXCLUDED.domains
    -- A save that changes nothing the search reads (most page saves) writes
    -- no new row version.
    WHERE (d.path, d.document, d.item_type, d.year, d.bouwopgaven, d.vensters,
           d.domains)
          IS DISTINCT FROM
          (EXCLUDED.path, EXCLUDED.document, EXCLUDED.item_type, EXCLUDED.year,
           EXCLUDED.bouwopgaven, EXCLUDED.vensters, EXCLUDED.domains);
$$;
"""

# (table, the page id of a changed row as an SQL expression over it)
SOURCES = [
    ("wagtailcore_page", "id"),
    ("knowledge_knowledgeitempage", "page_ptr_id"),
    ("knowledge_knowledgeitempage_bouwopgaven", "knowledgeitempage_id"),
    ("knowledge_knowledgeitempage_vensters", "knowledgeitempage_id"),
    ("knowledge_knowledgeitempage_domains", "knowledgeitempage_id"),
    # Wagtail's index holds other models too; their ids need not be numbers.
    (
        "wagtailsearch_indexentry",
        "CASE WHEN object_id ~ '^[0-9]{1,9}$' THEN object_id::integer END",
    ),
]
EVENTS = [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")]


def _function(table: str) -> str:
    return f"knowledge_search_refresh_from_{table}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(
        "CREATE INDEX knowledge_searchdoc_gin "
        "ON knowledge_searchdocument USING gin (document)"
    )
    execute(REFRESH)
    for table, page_id in SOURCES:
        # Names and expressions from SOURCES above only.
        execute(
            f"CREATE OR REPLACE FUNCTION {_function(table)}() RETURNS trigger "  # nosec B608
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"PERFORM knowledge_search_refresh(ARRAY(SELECT DISTINCT {page_id} "
            f"FROM changed WHERE {page_id} IS NOT NULL)); "
            "RETURN NULL; END $$"
        )
        for event, rows in EVENTS:
            execute(
                f"CREATE TRIGGER knowledge_search_{event.lower()} "
                f"AFTER {event} ON {table} REFERENCING {rows} TABLE AS changed "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {_function(table)}()"
            )
    # The pages there are now.
    execute("SELECT knowledge_search_refresh(ARRAY(SELECT id FROM wagtailcore_page))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _page_id in SOURCES:
        for event, _rows in EVENTS:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS knowledge_search_{event.lower()} ON {table}"
            )
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {_function(table)}()")
    schema_editor.execute("DROP FUNCTION IF EXISTS knowledge_search_refresh(integer[])")


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_search_index_title_body"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("path", models.CharField(max_length=255)),
                ("document", django.contrib.postgres.search.SearchVectorField()),
                ("item_type", models.CharField(blank=True, max_length=32)),
                ("year", models.SmallIntegerField(null=True)),
                (
                    "bouwopgaven",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), size=None
                    ),
                ),
                (
                    "vensters",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), size=None
                    ),
                ),
                (
                    "domains",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), size=None
                    ),
                ),
            ],
            options={
                "verbose_name": "zoekdocument",
                "verbose_name_plural": "zoekdocumenten",
            },
        ),
        migrations.RunPython(create, drop),
    ]
