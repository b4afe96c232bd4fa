from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

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
    publications = PageLogEntry.objects.filter(
        page=due, action__startswith="wagtail.publish"
    )
    assert publications.count() == 1


def test_publish_task_leaves_future_pages_alone():
    later = scheduled_page(go_live_in=timedelta(days=1))

    publish_scheduled_pages.delay()

    later.refresh_from_db()
    assert not later.live


def test_beat_runs_the_task_every_minute():
    from django.conf import settings

    schedule = {
        entry["task"]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["portal.tasks.publish_scheduled_pages"] == 60.0
