"""The kennisbank's part of a member's data download and account deletion.

Registered with ``portal.member_areas`` in ``KnowledgeConfig.ready()``: the
network app owns the download and the deletion and does not import the
kennisbank. ``PERSONAL_DATA`` declares, for each of the kennisbank's models
that holds personal data, where the download has it or why it does not
(``tests/privacy/`` checks that none is missing).
"""

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q

from portal.member_areas import DataUse, Exported, NotExported
from portal.models import User

from .models import PraatplaatAnswer, PraatplaatFilling, ReviewReminder

PERSONAL_DATA: dict[str, DataUse] = {
    "knowledge.PraatplaatFilling": Exported(
        "knowledge.praatplaat_fillings", owner="owner"
    ),
    "knowledge.PraatplaatAnswer": Exported(
        "knowledge.praatplaat_fillings.answers", owner="filling__owner"
    ),
    # Has no link to the account: found by the address it went to.
    "knowledge.ReviewReminder": Exported("knowledge.review_reminders"),
    "knowledge.Author": NotExported(
        "authors of publications as the publication names them (a snippet "
        "that editors keep), not accounts of the portal"
    ),
    "knowledge.Bouwopgave": NotExported("no personal data: a bouwopgave"),
    "knowledge.Venster": NotExported("no personal data: a venster"),
    "knowledge.ParticipatiewielDomain": NotExported("no personal data: a domain"),
    "knowledge.LegalFramework": NotExported("no personal data: a law"),
    "knowledge.Doelgroep": NotExported("no personal data: a doelgroep"),
}


def _addresses(user: User) -> Q:
    emails = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(sent_to__iexact=email)
    return condition


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def personal_data(user: User) -> dict[str, Any] | None:
    """The praatplaten the user filled in, and the yearly review reminders
    that were mailed to them about pages they own."""
    fillings = [
        {
            "praatplaat": filling.page.title,
            "team_name": filling.team_name,
            "created_at": _iso(filling.created_at),
            "updated_at": _iso(filling.updated_at),
            "answers": [
                {"bouwsteen": answer.hotspot.label, "text": answer.text}
                for answer in filling.answers.all()
            ],
        }
        for filling in PraatplaatFilling.objects.filter(owner=user)
        .select_related("page")
        .prefetch_related(
            Prefetch(
                "answers",
                PraatplaatAnswer.objects.select_related("hotspot").order_by(
                    "hotspot__sort_order", "pk"
                ),
            )
        )
        .order_by("created_at", "pk")
    ]
    reminders = [
        {
            "page": reminder.page.title,
            "due_on": _iso(reminder.due_on),
            "sent_to": reminder.sent_to,
            "sent_at": _iso(reminder.sent_at),
        }
        for reminder in ReviewReminder.objects.filter(_addresses(user))
        .select_related("page")
        .order_by("due_on", "pk")
    ]
    if not (fillings or reminders):
        return None
    return {"praatplaat_fillings": fillings, "review_reminders": reminders}


def erase_personal_data(user: User) -> Iterable[str]:
    """Before the account of ``user`` is deleted: the review reminders keep
    their date but lose the address they went to. (The praatplaten the user
    filled in are deleted with the account.) Returns the erased addresses."""
    reminders = ReviewReminder.objects.filter(_addresses(user))
    erased = sorted(set(reminders.values_list("sent_to", flat=True)))
    reminders.update(sent_to="")
    return erased
