"""The one seam through which services hand work to Celery.

Services never import task modules (the tasks import the services). They name
the task instead; the job is sent once the surrounding transaction commits, so
a worker never sees rows that were rolled back. When the broker cannot be
reached the committed write stands, the failure is logged and the job waits in
the database (``WaitingJob``); ``jobs_requeue``, run by beat every half
minute, hands it to the broker once that answers again. Reminders need none
of this: they are driven from the database, not from the queue.
"""

import logging
import threading
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

from portal.celery import app
from portal.models import WaitingJob

logger = logging.getLogger(__name__)
_discovery = threading.Lock()
_discovered = False

# The retry policy of every task that sends one mail: the mail server refuses
# or cannot be reached, or PostgreSQL is down or restarting (the task's reads
# fail): tried again after a pause that grows from MAIL_RETRY_BACKOFF_SECONDS
# (30 s) to half an hour, eight times.
MAIL_TASK_RETRY: dict[str, Any] = {
    "autoretry_for": (
        SMTPException,
        ConnectionError,
        TimeoutError,
        DatabaseOperationalError,
    ),
    "retry_backoff": settings.MAIL_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": 30 * 60,
    "max_retries": 8,
}


def _task(name: str) -> Any:
    """The task registered as ``name`` in the portal's Celery app (named, not
    ``current_app``: in a thread other than the one that made the app,
    ``current_app`` is a bare default app). A web process never imports the
    task modules itself; the first lookup has Celery discover them, as a
    worker does when it starts; one thread at a time, or a second thread
    would find the modules half imported. Discovery runs once per process: a
    name that is still unknown afterwards is no task (a ``KeyError``)."""
    global _discovered
    if name not in app.tasks and not _discovered:
        with _discovery:
            if not _discovered:
                app.loader.import_default_modules()
                _discovered = True
    return app.tasks[name]


def enqueue(task_name: str, *args: Any) -> None:
    """Run the Celery task registered as ``task_name`` after the commit; when
    the broker is unreachable, later (``jobs_requeue``). A name that is no
    task fails here, inside the caller's transaction, so its writes roll
    back (``celery.exceptions.NotRegistered``, a ``KeyError``)."""
    task = _task(task_name)

    def send() -> None:
        try:
            task.apply_async(args=args)
        except KombuOperationalError:
            logger.exception(
                "could not queue %s%r: broker unreachable; it waits in the "
                "database until the broker is back",
                task_name,
                args,
            )
            WaitingJob.objects.create(task_name=task_name, args=list(args))

    transaction.on_commit(send)


def jobs_requeue(*, limit: int = 500) -> int:
    """Hand the jobs that waited for the broker to it, oldest first, and
    delete them; returns how many. Stops at the first that still cannot be
    queued (those stay for the next run); a job that fails otherwise stays
    and is logged, and the others go on. Two runs at once take different
    rows. A crash between queueing a job and the commit queues it once more
    next time, which the tasks, safe to run twice, allow."""
    queued: list[int] = []
    with transaction.atomic():
        waiting = (
            WaitingJob.objects.select_for_update(skip_locked=True)
            .order_by("pk")
            .only("pk", "task_name", "args")[:limit]
        )
        for job in waiting:
            try:
                _task(job.task_name).apply_async(args=job.args)
            except KombuOperationalError:
                logger.warning("broker still unreachable; %s waits", job)
                break
            except Exception:
                # One job that cannot be queued (a task renamed by a deploy
                # while it waited) stays, logged, and holds up no other.
                logger.exception("could not queue the waiting job %s", job)
                continue
            queued.append(job.pk)
        WaitingJob.objects.filter(pk__in=queued).delete()
    return len(queued)
