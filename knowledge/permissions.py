"""Who may do what in the kennisbank.

The kennisbank's rule is editorial: its pages go live after a partner
reviewer approves them. Editors whose group may publish elsewhere on the site
submit kennisbank pages for review instead (``wagtail_hooks`` applies this to
every way a page goes live in the admin).
"""

from wagtail.models import Page

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
