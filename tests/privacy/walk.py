"""Walks every installed model for the privacy tests: which hold personal
data, and which text columns hold a given string."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models

# A field whose name has one of these words (split on "_") looks like it
# holds something that identifies a person.
PERSONAL_WORDS = {
    "email",
    "mail",
    "name",
    "phone",
    "telephone",
    "mobile",
    "ip",
    "initials",
    "address",
}
# Free-form stores of what people typed or sent (session, form data, logs).
STORE_WORDS = {"data"}
TEXT_TYPES = {
    "CharField",
    "TextField",
    "SlugField",
    "JSONField",
    "GenericIPAddressField",
    "FilePathField",
}
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField)


def all_models() -> list[type[models.Model]]:
    """Every installed model, the through tables of many-to-many fields
    included (a user's groups are one)."""
    return list(apps.get_models(include_auto_created=True))


def _words(name: str) -> set[str]:
    return set(name.lower().split("_"))


def personal_fields(model: type[models.Model]) -> list[str]:
    """Why ``model`` holds personal data: its fields that link to an account
    or look like a name, address, phone number or IP address, or store
    free-form data. Empty: no personal data."""
    user_model = get_user_model()
    found = []
    for field in model._meta.local_fields:
        links_to_account = field.is_relation and field.related_model is user_model
        text = field.get_internal_type() in TEXT_TYPES
        named_so = text and bool(_words(field.name) & (PERSONAL_WORDS | STORE_WORDS))
        if links_to_account or isinstance(field, PERSONAL_TYPES) or named_so:
            found.append(field.name)
    return found


def personal_models() -> dict[str, list[str]]:
    """Model label -> the fields that make it hold personal data."""
    found = {}
    for model in all_models():
        fields = personal_fields(model)
        if fields:
            found[model._meta.label] = fields
    return found


@dataclass(frozen=True)
class Hit:
    table: str
    column: str
    value: str


def text_columns() -> Iterator[tuple[type[models.Model], list[models.Field]]]:
    """Every table in the database with its text-like columns (char, text,
    slug, JSON), one model per table."""
    tables = set(connection.introspection.table_names())
    seen = set()
    for model in all_models():
        table = model._meta.db_table
        if model._meta.proxy or table in seen or table not in tables:
            continue
        seen.add(table)
        fields = [
            field
            for field in model._meta.local_concrete_fields
            if field.get_internal_type() in TEXT_TYPES
        ]
        if fields:
            yield model, fields


def find_text(*needles: str) -> list[Hit]:
    """Every column value in the database that holds one of ``needles``
    (case does not matter)."""
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    hits = []
    for model, fields in text_columns():
        names = [field.attname for field in fields]
        for row in model._base_manager.values_list(*names):
            for field, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                text = (
                    value
                    if isinstance(value, str)
                    else json.dumps(value, ensure_ascii=False, default=str)
                )
                if pattern.search(text):
                    hits.append(Hit(model._meta.db_table, field.column, text[:120]))
    return hits
