"""Index what seeding made once, at the end, instead of at every save.

Wagtail updates its search index and its reference index after every save of
a model it tracks, and making a published page saves it several times. While
seeding, those save handlers are switched off and the objects saved are
noted; at the end each is indexed once: for search in bulk, per model, and
for references through Wagtail's own task. Deletions are handled as usual.

Switching the handlers off holds for the whole process, so use this only in a
command that runs alone, such as ``seed_demo``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.tasks import update_reference_index_task

# (model, primary key as text); a dict with None values keeps them in the
# order they were first saved.
Saved = dict[tuple[type[Model], str], None]


@contextmanager
def indexing_deferred() -> Iterator[None]:
    """Run the block with the search and reference index save handlers off,
    then index every object the block saved (and did not delete) once."""
    searched = {
        model
        for model in get_indexed_models()
        if getattr(model, "search_auto_update", True)
    }
    referenced = set(ReferenceIndex.tracked_models)
    saved: Saved = {}

    def note_save(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        if not kwargs.get("raw", False):
            saved[(sender, str(instance.pk))] = None

    def note_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        saved.pop((sender, str(instance.pk)), None)

    handlers = [(post_save_signal_handler, model) for model in searched] + [
        (update_reference_index_on_save, model) for model in referenced
    ]
    for handler, model in handlers:
        post_save.disconnect(handler, sender=model)
    post_save.connect(note_save, weak=False, dispatch_uid="demo-note-save")
    post_delete.connect(note_delete, weak=False, dispatch_uid="demo-note-delete")
    try:
        yield
    finally:
        post_save.disconnect(dispatch_uid="demo-note-save")
        post_delete.disconnect(dispatch_uid="demo-note-delete")
        for handler, model in handlers:
            post_save.connect(handler, sender=model)

    with transaction.atomic():
        _search_index(saved=[key for key in saved if key[0] in searched])
        _reference_index(saved=[key for key in saved if key[0] in referenced])


def _search_index(*, saved: list[tuple[type[Model], str]]) -> None:
    """Add the objects to the search index, one bulk call per model, as
    ``update_index`` does (a page is indexed as its most specific type)."""
    pks_by_model: dict[type[Model], list[str]] = {}
    for model, pk in saved:
        pks_by_model.setdefault(model, []).append(pk)
    by_model: dict[type[Model], list[Any]] = {}
    for model, pks in pks_by_model.items():
        indexed: Any = model
        for obj in indexed.get_indexed_objects().filter(pk__in=pks):
            instance = obj.get_indexed_instance()
            if instance is not None:
                by_model.setdefault(type(instance), []).append(instance)
    for backend in get_search_backends(with_auto_update=True):
        for model, instances in by_model.items():
            backend.add_bulk(model, instances)


def _reference_index(*, saved: list[tuple[type[Model], str]]) -> None:
    """Record what the objects refer to, as the save handler would have."""
    for model, pk in saved:
        update_reference_index_task.enqueue(
            model._meta.app_label, model._meta.model_name, pk
        )
