"""Who may do what in the kennisbank.

The kennisbank's rule is editorial: its pages go live after a partner
reviewer approves them. Editors whose group may publish elsewhere on the site
submit kennisbank pages for review instead (``wagtail_hooks`` applies this to
every way a page goes live in the admin).
"""

from collections.abc import Iterable

from django.db.models import Q
from wagtail.models import Page, WorkflowPage

from portal.models import User

PARTNER_REVIEWER_GROUP = "Partnerreviewer"
REVIEW_WORKFLOW_NAME = "Kennisbank: review door een partner"


def page_needs_partner_review(*, user: User, page: Page) -> bool:
    """True when ``user`` may not publish ``page`` directly because the
    kennisbank's review workflow covers it: only partner reviewers (and
    superusers) publish there, everyone else submits for review."""
    if user.is_superuser:
        return False
    workflow = page.get_workflow()
    if workflow is None or workflow.name != REVIEW_WORKFLOW_NAME:
        return False
    return not user.groups.filter(name=PARTNER_REVIEWER_GROUP).exists()


def pages_need_partner_review(
    *, user: User, pages: Iterable[Page], include_draft_descendants: bool = False
) -> bool:
    """True when ``page_needs_partner_review`` holds for any of ``pages`` (and,
    with ``include_draft_descendants``, for any of their draft descendants):
    a bulk action in the admin. A few queries whatever the number of pages:
    a page's workflow is that of its nearest page (itself first) with an
    active one, as in ``Page.get_workflow``."""
    if user.is_superuser:
        return False
    paths = [page.path for page in pages]
    if include_draft_descendants and paths:
        below = Q()
        for path in paths:
            below |= Q(path__startswith=path)
        paths += Page.objects.not_live().filter(below).values_list("path", flat=True)
    if not paths:
        return False
    workflows = dict(
        WorkflowPage.objects.filter(workflow__active=True).values_list(
            "page__path", "workflow__name"
        )
    )

    def workflow_name(path: str) -> str | None:
        # Paths in the page tree grow by a fixed step per level: the longest
        # prefix with a workflow is the nearest page that has one.
        for depth in range(len(path), 0, -Page.steplen):
            name = workflows.get(path[:depth])
            if name is not None:
                return name
        return None

    if all(workflow_name(path) != REVIEW_WORKFLOW_NAME for path in paths):
        return False
    return not user.groups.filter(name=PARTNER_REVIEWER_GROUP).exists()
