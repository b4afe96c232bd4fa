"""Many Wagtail pages at once, for tests that need a thousand of them.

``add_child()`` saves one page at a time (a dozen queries each, with the
signals behind them); a test that lists a thousand pages would spend most of
its time making them. ``pages_bulk_create()`` puts them in the tree with a few
multi-row INSERTs instead, on SQLite as on PostgreSQL.

Django refuses ``bulk_create()`` for models with multi-table inheritance, and
every page model inherits from ``Page``, so the rows are written table by
table (``Page``, then each subclass down to the page's own model) with the
managers' ``_insert()``, the call ``save()`` itself ends in. What ``add_child()``
and publishing would have set is set here: the tree path, depth and the
parent's ``numchild`` (treebeard), the content type, the locale, the
``url_path``, ``live`` and the publication dates. No signal is sent and no
revision is made; ``search_index=True`` adds the pages to the search index.
"""

from collections.abc import Sequence
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import F, Model
from django.utils import timezone
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

P = TypeVar("P", bound=Page)


def pages_bulk_create(
    *, parent: Page, pages: Sequence[P], search_index: bool = False
) -> list[P]:
    """Add ``pages`` (new instances of one page model) as the last children of
    ``parent``, live and published now; returns them with their keys set."""
    if not pages:
        return []
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("pages_bulk_create() takes pages of one model at a time")
    using = router.db_for_write(model)
    parent.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for number, page in enumerate(pages, start=position + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = None

    # The base table first: it hands out the keys the subclass tables share.
    fields = [f for f in Page._meta.local_concrete_fields if f is not Page._meta.pk]
    for batch in _batches(using, fields, pages):
        rows = Page._base_manager._insert(
            batch, fields=fields, returning_fields=[Page._meta.pk], using=using
        )
        for page, (pk,) in zip(batch, rows, strict=True):
            setattr(page, Page._meta.pk.attname, pk)
    # Then each subclass, top down, keyed by its link to the table above.
    for table in [*reversed(model._meta.get_parent_list()), model]:
        if table is Page:
            continue
        for link in table._meta.parents.values():
            for page in pages:
                setattr(page, link.attname, page.id)
        fields = list(table._meta.local_concrete_fields)
        for batch in _batches(using, fields, pages):
            table._base_manager._insert(batch, fields=fields, using=using)
    for page in pages:
        page._state.adding = False
        page._state.db = using

    Page._base_manager.using(using).filter(pk=parent.pk).update(
        numchild=F("numchild") + len(pages)
    )
    parent.numchild += len(pages)
    if search_index:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, _indexable(model, pages))
    return list(pages)


def _indexable(model: type[P], pages: Sequence[P]) -> list[P]:
    """``pages`` as the search index reads them: with the relations it
    indexes prefetched, a query per relation instead of one per page."""
    related = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
    ]
    return list(
        model._base_manager.filter(pk__in=[page.pk for page in pages])
        .order_by("path")
        .prefetch_related(*related)
    )


def _batches(using: str, fields: list, objs: Sequence[Model]) -> list[list]:
    """``objs`` in batches small enough for one INSERT on this database."""
    size = connections[using].ops.bulk_batch_size(fields, objs) or len(objs)
    return [list(objs[start : start + size]) for start in range(0, len(objs), size)]
