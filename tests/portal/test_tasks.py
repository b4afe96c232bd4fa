from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from portal.models import ContentPage
from portal.tasks import publish_scheduled_pages

pytestmark = pytest.mark.django_db


def scheduled_page(*, go_live_in: timedelta) -> ContentPage:
    parent = Page.objects.get(depth=2)
    page = ContentPage(
        title="Verslag kennisatelier", slug="verslag", body="<p>x</p>", live=False
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() + go_live_in
    revision.save()
    return page


def test_publish_task_publishes_pages_whose_time_has_come_and_is_safe_twice():
    due = scheduled_page(go_live_in=timedelta(minutes=-1))

    publish_scheduled_pages.delay()
    publish_scheduled_pages.delay()

    due.refresh_from_db()
    assert due.live
    assert due.revisions.count() == 1


def test_publish_task_leaves_future_pages_alone():
    later = scheduled_page(go_live_in=timedelta(days=1))

    publish_scheduled_pages.delay()

    later.refresh_from_db()
    assert not later.live


def test_the_task_is_on_the_beat_schedule():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.tasks.publish_scheduled_pages" in tasks
