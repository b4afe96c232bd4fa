"""Copies of the whole test database, kept inside it, for the browser tests.

The root conftest takes the ``migrated`` snapshot as soon as the test
database exists, before any test flushes it; the browser tests take the
``demo`` snapshot once per session.

The live server reads committed data, so a browser test cannot run inside a
rolled-back transaction. Seeding the demo portal for every test costs seconds;
restoring it from copies of the tables costs a fraction of that. A snapshot
is one ``CREATE TABLE … AS SELECT *`` per table; restoring it empties every
table of the project and copies the rows back, in one transaction (foreign
keys are checked at commit), then moves the id sequences past the restored
rows. Plain SQL, so it works on PostgreSQL and SQLite alike.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction


@dataclass(frozen=True)
class Snapshot:
    name: str
    tables: dict[str, str]  # table → its copy

    @classmethod
    def take(cls, name: str, *, keep_existing: bool = False) -> "Snapshot":
        """Copy every table of the project. With ``keep_existing``, copies
        left by an earlier run (``--reuse-db``) are kept as they are."""
        connection = connections[DEFAULT_DB_ALIAS]
        quote = connection.ops.quote_name
        tables = connection.introspection.django_table_names(only_existing=True)
        copies = {
            table: f"snapshot_{name}_{index}"
            for index, table in enumerate(sorted(tables))
        }
        if keep_existing and set(copies.values()) <= set(
            connection.introspection.table_names()
        ):
            return cls(name=name, tables=copies)
        # Table names come from the models, not from input.
        with transaction.atomic(), connection.cursor() as cursor:
            for table, copy in copies.items():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
                cursor.execute(
                    f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}"  # noqa: S608
                )
        return cls(name=name, tables=copies)

    def restore(self) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        quote = connection.ops.quote_name
        empty = connection.ops.sql_flush(
            no_style(), list(self.tables), reset_sequences=False, allow_cascade=True
        )
        sequences = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in empty:
                cursor.execute(statement)
            for table, copy in self.tables.items():
                cursor.execute(
                    f"INSERT INTO {quote(table)} SELECT * FROM {quote(copy)}"  # noqa: S608
                )
            for statement in sequences:
                cursor.execute(statement)
        # Content types are cached by id: the restored rows may differ from
        # what an earlier test cached.
        ContentType.objects.clear_cache()
