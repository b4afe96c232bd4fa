"""Periodic work of the core. Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="portal.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones.

    Wagtail's command works from the database state, so a second run (or two
    beats overlapping) finds nothing left to do.
    """
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="portal.tasks.prune_ended_user_sessions")
def prune_ended_user_sessions() -> int:
    """Delete the records (browser, IP address) of sessions that have ended,
    daily. Works from the database state, so running it twice is safe."""
    from .services import user_sessions_prune

    return user_sessions_prune()


@shared_task(name="portal.tasks.requeue_waiting_jobs")
def requeue_waiting_jobs() -> int:
    """Every half minute: hand the jobs that could not be queued while the
    broker was down to it. Runs only when the broker is back (beat sends it
    through the broker), and two runs take different jobs."""
    from .jobs import jobs_requeue

    return jobs_requeue()
