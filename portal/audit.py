"""The audit log: services record every decision as it is taken.

Entries are written in the same transaction as the change they describe, so
a change that is rolled back leaves no entry, and an entry never describes a
change that did not happen.

When a person's data must go (their account is deleted, or the retention
period of an event has passed) the log keeps the decisions but forgets the
person: ``audit_forget_actor`` and ``audit_forget_subjects`` empty the actor,
put a pseudonym in its place and replace the person's name and addresses in
the label, summary and data (see docs/privacy.md).
"""

import json
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry, PageLogEntry

from .models import AuditEntry, User

# What the log says instead of the name of a person whose account is gone.
FORGOTTEN = gettext_lazy("(account verwijderd)")
# Shortest name or address that is replaced as text: shorter strings would
# match inside other words.
_MIN_IDENTIFIER = 3


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


# --- Forgetting a person ------------------------------------------------------


def _about(subjects: Iterable[models.Model]) -> Q:
    """Entries about one of ``subjects``."""
    ids: dict[ContentType, set[str]] = defaultdict(set)
    for subject in subjects:
        content_type = ContentType.objects.get_for_model(
            subject, for_concrete_model=False
        )
        ids[content_type].add(str(subject.pk))
    condition = Q(pk__in=[])
    for content_type, pks in ids.items():
        condition |= Q(target_type=content_type, target_id__in=sorted(pks))
    return condition


def audit_person_filter(*, user: User, subjects: Iterable[models.Model] = ()) -> Q:
    """Entries by ``user`` or about them: the account itself, or one of
    ``subjects`` (objects that are theirs, such as their registrations)."""
    return (
        Q(actor=user)
        | Q(
            target_type=ContentType.objects.get_for_model(User),
            target_id=str(user.pk),
        )
        | _about(subjects)
    )


def _identifiers(user: User, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The person's e-mail addresses, and every string that names them."""
    emails = {user.email.strip().lower()} | {
        address.strip().lower()
        for address in EmailAddress.objects.filter(user=user).values_list(
            "email", flat=True
        )
    }
    emails.discard("")
    words = {user.get_full_name().strip(), *emails, *(str(n).strip() for n in names)}
    return sorted(emails), sorted(
        (word for word in words if len(word) >= _MIN_IDENTIFIER),
        key=len,
        reverse=True,
    )


def _scrub(value: Any, pattern: re.Pattern[str] | None, label: str) -> Any:
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(label, value)
    if isinstance(value, list):
        return [_scrub(item, pattern, label) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern, label) for key, item in value.items()}
    return value


def _mentions(emails: list[str], *fields: str) -> Q:
    condition = Q(pk__in=[])
    for email in emails:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": email})
    return condition


def _forget(*, user: User, condition: Q, names: Iterable[str], label: str) -> int:
    _emails, words = _identifiers(user, names)
    pattern = (
        re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
        if words
        else None
    )
    # One pseudonym per person and occasion, not derived from the account:
    # the entries still show that one person took these decisions.
    pseudonym = f"verwijderd-{secrets.token_hex(4)}"
    changed: list[AuditEntry] = []
    for entry in AuditEntry.objects.annotate(
        data_text=Cast("data", TextField())
    ).filter(condition):
        data = _scrub(entry.data, pattern, label)
        if entry.actor_id == user.pk:
            entry.actor = None
            data = {**data, "actor": pseudonym} if isinstance(data, dict) else data
        entry.target_repr = _scrub(entry.target_repr, pattern, label)[:255]
        entry.summary = _scrub(entry.summary, pattern, label)[:500]
        entry.data = data
        changed.append(entry)
    AuditEntry.objects.bulk_update(
        changed, ["actor", "target_repr", "summary", "data"], batch_size=500
    )
    return len(changed)


def _forget_in_wagtail_log(*, user: User, names: Iterable[str], label: str) -> None:
    """Wagtail's history of pages and snippets: entries by the person lose
    them, and their name and addresses go from labels and data."""
    emails, words = _identifiers(user, names)
    if not words:
        return
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    user_type = ContentType.objects.get_for_model(User)
    for log_model in (PageLogEntry, ModelLogEntry):
        condition = Q(user_id=user.pk) | _mentions(emails, "label", "data_text")
        if log_model is ModelLogEntry:
            condition |= Q(content_type=user_type, object_id=str(user.pk))
        entries = list(
            log_model.objects.annotate(data_text=Cast("data", TextField())).filter(
                condition
            )
        )
        for entry in entries:
            if entry.user_id == user.pk:
                entry.user_id = None
            entry.label = _scrub(entry.label, pattern, label)
            entry.data = _scrub(entry.data, pattern, label)
        log_model.objects.bulk_update(
            entries, ["user_id", "label", "data"], batch_size=500
        )


def audit_forget_actor(
    *,
    user: User,
    subjects: Iterable[models.Model] = (),
    names: Iterable[str] = (),
) -> int:
    """Forget the person of ``user``, whose account is about to be deleted.

    Every entry they made, about their account or about one of ``subjects``
    (the objects that are theirs) keeps the decision but loses the person:
    the actor is emptied and ``data["actor"]`` holds a pseudonym instead (the
    same on all their entries, not derived from the account), and their name,
    e-mail addresses and ``names`` (what other apps held about them) are
    replaced by "(account verwijderd)" in the label, summary and data. Any
    other entry that holds one of their addresses loses it too, and so does
    Wagtail's history of pages and snippets. Returns how many entries of the
    portal's log changed. Run it in the transaction that deletes the account.
    """
    names = list(names)
    emails, _words = _identifiers(user, names)
    condition = audit_person_filter(user=user, subjects=subjects) | _mentions(
        emails, "target_repr", "summary", "data_text"
    )
    changed = _forget(user=user, condition=condition, names=names, label=str(FORGOTTEN))
    _forget_in_wagtail_log(user=user, names=names, label=str(FORGOTTEN))
    return changed


def audit_forget_subjects(
    *, user: User, subjects: Iterable[models.Model], label: str
) -> int:
    """Forget ``user`` in the entries about ``subjects`` only (their other
    entries stay): the retention period of these objects has passed. The
    actor is emptied where it was ``user``, and their name and addresses are
    replaced by ``label``. Returns how many entries changed."""
    subjects = list(subjects)
    if not subjects:
        return 0
    return _forget(user=user, condition=_about(subjects), names=(), label=label)
