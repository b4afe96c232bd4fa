"""The audit log: services record every decision as it is taken.

Entries are written in the same transaction as the change they describe, so
a change that is rolled back leaves no entry, and an entry never describes a
change that did not happen.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEntry, User


def _json_safe(data: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    summary: str = "",
    data: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` (None: the system or an anonymous link) did
    ``action`` to ``target``."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        summary=str(summary)[:500],
        data=_json_safe(data or {}),
    )
