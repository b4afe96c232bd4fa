"""What the search benchmark measures inside the portal: the number of
database queries of a request to ``/zoeken/``, and whether PostgreSQL's plan
for the full-text match uses a GIN index (of Wagtail's search index, or of
the site search's own table).

    manage.py bench_search_probe "schuldhulp" "wijkteam houten" ...

Prints one JSON object: per query the number of queries of the request, and
per full-text statement of the search the plan's node types and whether a
GIN index scan on the search index is among them.
"""

import json
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from knowledge.models import SearchDocument
from knowledge.selectors.search import knowledge_search


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


class Command(BaseCommand):
    help = "Telt de queries van een zoekopdracht en toont het zoekplan (benchmark)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("queries", nargs="+")

    def handle(self, *args, **options) -> None:
        tables = [IndexEntry._meta.db_table, SearchDocument._meta.db_table]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s) "
                "AND indexdef ILIKE %s",
                [tables, "%USING gin%"],
            )
            gin_indexes = {row[0] for row in cursor.fetchall()}
        client = Client()
        report: dict[str, Any] = {"gin_indexes": sorted(gin_indexes), "queries": []}
        for query in options["queries"]:
            with CaptureQueriesContext(connection) as request_queries:
                response = client.get("/zoeken/", {"q": query}, HTTP_HOST="127.0.0.1")
            with CaptureQueriesContext(connection) as search_queries:
                outcome = knowledge_search(query=query, filters={})
            plans = []
            for captured in search_queries.captured_queries:
                sql = captured["sql"]
                if "@@" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    (document,) = cursor.fetchone()
                if isinstance(document, str):
                    document = json.loads(document)
                top = document[0]
                nodes = list(_nodes(top["Plan"]))
                plans.append(
                    {
                        "sql": sql[:160],
                        "ms": round(top["Execution Time"], 1),
                        "nodes": sorted({n["Node Type"] for n in nodes}),
                        "gin_index_scan": any(
                            n.get("Index Name") in gin_indexes for n in nodes
                        ),
                        "seq_scan_on_search_index": any(
                            n["Node Type"] == "Seq Scan"
                            and n.get("Relation Name") in tables
                            for n in nodes
                        ),
                    }
                )
            report["queries"].append(
                {
                    "q": query,
                    "status": response.status_code,
                    "hits": outcome.total,
                    "request_queries": len(request_queries.captured_queries),
                    "plans": plans,
                }
            )
        self.stdout.write(json.dumps(report))
