"""The site search's own table, kept by triggers (PostgreSQL).

``knowledge_searchdocument`` holds one narrow row per live page: the page's
search vector (``title || body`` of Wagtail's index, stored, so a search no
longer builds it for every hit) beside the kennisbank facets (type, year and
the ids of its bouwopgaven, vensters and domains). A search then matches,
ranks and counts in one table, without sending the ids of every hit back and
forth.

The rows are a pure function of other tables, so the database keeps them.
Every statement that writes Wagtail's search index, the pages, the
kennisbank items or their taxonomy links notes the pages it touched; when the
transaction commits, a deferred trigger recomputes those pages' rows. That
covers the ORM, Wagtail's publishing and bulk inserts alike, and a
rolled-back write leaves nothing.

Two things make it safe with concurrent writers:
- Nothing is locked while the transaction does its work (the notes go to a
  temporary table of the session): a publish and a re-index of the same page
  take their row locks in different orders, and a lock taken in between
  would let them deadlock.
- At commit the refresh of a page waits for any other refresh of it (an
  advisory lock per bucket of pages, taken in order), and reads the rows
  only once it holds the lock, so it sees the commit of the one before it:
  no row is computed from a state another transaction has already changed.

A transaction that searches after writing sees its own writes: the search
first makes the refresh immediate (``SET CONSTRAINTS``). On SQLite the table
is made but stays empty: search there runs on Wagtail's backend.
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


# Session-local notes of the pages a transaction touched, and one row per
# transaction whose deferred trigger refreshes them at commit.
NOTES = """
CREATE UNLOGGED TABLE knowledge_searchflush (txid bigint PRIMARY KEY);

CREATE OR REPLACE FUNCTION knowledge_search_touch(ids integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.knowledge_search_touched') IS NULL THEN
        CREATE TEMPORARY TABLE knowledge_search_touched
            (page_id integer PRIMARY KEY) ON COMMIT DELETE ROWS;
    END IF;
    INSERT INTO pg_temp.knowledge_search_touched
        SELECT DISTINCT id FROM unnest(ids) AS id WHERE id IS NOT NULL
        ON CONFLICT DO NOTHING;
    INSERT INTO knowledge_searchflush VALUES (txid_current())
        ON CONFLICT DO NOTHING;
END $$;

CREATE OR REPLACE FUNCTION knowledge_search_flush()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids integer[];
    bucket integer;
BEGIN
    DELETE FROM knowledge_searchflush WHERE txid = NEW.txid;
    IF to_regclass('pg_temp.knowledge_search_touched') IS NULL THEN
        RETURN NULL;
    END IF;
    WITH taken AS (DELETE FROM pg_temp.knowledge_search_touched RETURNING page_id)
    SELECT array_agg(page_id ORDER BY page_id) INTO ids FROM taken;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    -- One lock per bucket of pages (at most %(buckets)s, taken in order), so
    -- that a statement over many pages does not fill the lock table.
    FOR bucket IN
        SELECT DISTINCT mod(page_id, %(buckets)s) FROM unnest(ids) AS page_id ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(%(lock_class)s, bucket);
    END LOOP;
    -- Read after the locks are held: a fresh snapshot of every commit.
    PERFORM knowledge_search_refresh(ids);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER knowledge_search_flush
    AFTER INSERT ON knowledge_searchflush
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION knowledge_search_flush();
"""
# The advisory locks of the refresh at commit: the first key, and how many
# buckets the pages are spread over (the second key).
LOCK_CLASS = 72_150_301
LOCK_BUCKETS = 256


def _function(table: str) -> str:
    return f"knowledge_search_touch_from_{table}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(
        "CREATE INDEX knowledge_searchdoc_gin "
        "ON knowledge_searchdocument USING gin (document)"
    )
    execute(REFRESH)
    execute(NOTES % {"lock_class": LOCK_CLASS, "buckets": LOCK_BUCKETS})
    for table, page_id in SOURCES:
        # Names and expressions from SOURCES above only.
        execute(
            f"CREATE OR REPLACE FUNCTION {_function(table)}() RETURNS trigger "  # noqa: S608  # nosec B608
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"PERFORM knowledge_search_touch(ARRAY(SELECT {page_id} FROM changed)); "
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
    execute = schema_editor.execute
    for table, _page_id in SOURCES:
        for event, _rows in EVENTS:
            execute(
                f"DROP TRIGGER IF EXISTS knowledge_search_{event.lower()} ON {table}"
            )
        execute(f"DROP FUNCTION IF EXISTS {_function(table)}()")
    execute("DROP TABLE IF EXISTS knowledge_searchflush")
    execute("DROP FUNCTION IF EXISTS knowledge_search_flush()")
    execute("DROP FUNCTION IF EXISTS knowledge_search_touch(integer[])")
    execute("DROP FUNCTION IF EXISTS knowledge_search_refresh(integer[])")


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
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
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
                        base_field=models.BigIntegerField(), size=None
                    ),
                ),
                (
                    "vensters",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), size=None
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
