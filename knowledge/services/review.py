"""The editorial review of the kennisbank: the partner review workflow, and
the yearly reminder to each page owner to check that the page is still right."""

import logging
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    PraatplaatPage,
    ReviewReminder,
    ThemePage,
)
from knowledge.permissions import PARTNER_REVIEWER_GROUP, REVIEW_WORKFLOW_NAME
from portal.mail import mail_send, site_url
from portal.roles import Role

logger = logging.getLogger(__name__)

# --- The partner review workflow ----------------------------------------------

REVIEW_TASK_NAME = "Goedkeuring door een partner"


@transaction.atomic
def review_workflow_setup(*, index: Page) -> Workflow:
    """The kennisbank's workflow: an editor drafts and submits, a partner
    reviewer approves, then the page is published. Safe to run twice."""
    group, _created = Group.objects.get_or_create(name=PARTNER_REVIEWER_GROUP)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    # Coordinators add drafts (the praktijkverhaal of a leergang cohort) and,
    # as their owner, edit them; like editors, they submit them for review.
    coordinators = Group.objects.filter(name=Role.COORDINATOR.value).first()
    if coordinators is not None:
        GroupPagePermission.objects.get_or_create(
            group=coordinators,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="add_page"
            ),
        )
    # The last approval publishes the page, as the reviewer.
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return workflow


# --- Yearly review reminders ------------------------------------------------

REVIEW_INTERVAL = timedelta(days=365)


def _review_base_date(page: Page) -> date | None:
    """The date the review year runs from: the last review, or, for a page
    never reviewed, the day it was first published (or last saved)."""
    if page.last_reviewed is not None:
        return page.last_reviewed
    moment = page.first_published_at or page.latest_revision_created_at
    return timezone.localdate(moment) if moment is not None else None


def _reviewable_pages(*, today: date) -> list[Page]:
    cutoff = today - REVIEW_INTERVAL
    # A page never reviewed is due a year after it went live.
    end_of_cutoff = timezone.make_aware(
        datetime.combine(cutoff + timedelta(days=1), time.min)
    )
    due = (
        Q(last_reviewed__lte=cutoff)
        | Q(last_reviewed__isnull=True, first_published_at__lt=end_of_cutoff)
        | Q(
            last_reviewed__isnull=True,
            first_published_at__isnull=True,
            latest_revision_created_at__lt=end_of_cutoff,
        )
    )
    pages: list[Page] = []
    for model in (KnowledgeItemPage, ThemePage, KnowledgeIndexPage, PraatplaatPage):
        pages.extend(
            model.objects.live()
            .filter(due, owner__isnull=False)
            .select_related("owner")
            .order_by("pk")
        )
    return pages


# A claim older than this whose mail was never marked sent belongs to a run
# that died mid-send; the next run takes it over.
REVIEW_CLAIM_LEASE = timedelta(hours=1)


def _review_reminder_claim(
    *, page_id: int, due_on: date, email: str
) -> ReviewReminder | None:
    """Claim the reminder for (page, due date), or take over a stale claim.
    None when it was sent already or another run is sending it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return ReviewReminder.objects.create(
                page_id=page_id, due_on=due_on, sent_to=email, claimed_at=now
            )
    except IntegrityError:
        pass
    taken = ReviewReminder.objects.filter(
        page_id=page_id,
        due_on=due_on,
        sent_at=None,
        claimed_at__lt=now - REVIEW_CLAIM_LEASE,
    ).update(claimed_at=now, sent_to=email)
    if not taken:
        return None
    return ReviewReminder.objects.get(page_id=page_id, due_on=due_on)


def review_reminders_send(*, today: date) -> int:
    """E-mail each page owner whose page was last reviewed a year ago or more
    (or, never reviewed, went live a year ago or more).

    A reminder is claimed under a unique constraint (page, due date) before it
    is sent, so a second run, or two runs at once, never send it twice. When
    the mail server fails, the claim is given up again, so the page stays due
    and the next run tries again; the other pages are still reminded.
    Returns the number of reminders sent.
    """
    sent = 0
    for page in _reviewable_pages(today=today):
        owner = page.owner
        base = _review_base_date(page)
        if owner is None or not owner.email or base is None:
            continue
        due_on = base + REVIEW_INTERVAL
        reminder = _review_reminder_claim(
            page_id=page.pk, due_on=due_on, email=owner.email
        )
        if reminder is None:
            continue  # sent already, or being sent right now
        try:
            mail_send(
                to=[owner.email],
                subject=_("Wilt u '%(title)s' controleren?") % {"title": page.title},
                template="email/knowledge/review_reminder",
                context={
                    "page": page,
                    "owner": owner,
                    "edit_url": site_url(f"/beheer/pages/{page.pk}/edit/"),
                },
            )
        except OSError:  # smtplib.SMTPException and connection errors
            logger.warning(
                "Review reminder for page %s not sent; retried on the next run",
                page.pk,
                exc_info=True,
            )
            ReviewReminder.objects.filter(pk=reminder.pk, sent_at=None).delete()
            continue
        ReviewReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
