"""Reads of the reserve list: its order and the offer of a free place."""

from django.db.models import Count, F, Q, QuerySet

from ..models import Application, Edition
from .applications import edition_places_left

S = Application.Status

# The reserve list is ordered by the moment the coordinator put an application
# on it (``decided_at``); applications put on it at the same moment keep the
# order in which they were submitted, and then the order they were made in.
RESERVE_ORDER = (
    F("decided_at").asc(nulls_last=True),
    F("submitted_at").asc(nulls_last=True),
    "pk",
)


def application_reserve_list(*, edition: Edition) -> QuerySet[Application]:
    """The reserve list of ``edition``, first in line first."""
    return (
        Application.objects.filter(edition=edition, status=S.RESERVE)
        .select_related("edition", "municipality")
        .order_by(*RESERVE_ORDER)
    )


def edition_reserve_offer(*, edition: Edition) -> Application | None:
    """The first on the reserve list when the cohort has a free place."""
    if edition_places_left(edition=edition) <= 0:
        return None
    return application_reserve_list(edition=edition).first()


def edition_reserve_offers() -> dict[int, Application]:
    """Per edition id: the first on the reserve list, for every edition with
    a free place and a reserve list. Two queries, however many editions."""
    editions = Edition.objects.annotate(
        accepted_count=Count("applications", filter=Q(applications__status=S.ACCEPTED)),
        reserve_count=Count("applications", filter=Q(applications__status=S.RESERVE)),
    ).filter(reserve_count__gt=0, cohort_size__gt=F("accepted_count"))
    edition_ids = list(editions.values_list("pk", flat=True))
    offers: dict[int, Application] = {}
    if not edition_ids:
        return offers
    reserve = (
        Application.objects.filter(edition_id__in=edition_ids, status=S.RESERVE)
        .select_related("edition", "municipality")
        .order_by("edition_id", *RESERVE_ORDER)
    )
    for application in reserve:
        offers.setdefault(application.edition_id, application)
    return offers


def application_get_withdrawn(*, pk: int) -> Application | None:
    """The withdrawn application whose place came free; None otherwise."""
    return (
        Application.objects.select_related("edition", "municipality")
        .filter(pk=pk, status=S.WITHDRAWN)
        .first()
    )
