"""The one seam through which services hand work to Celery.

Services never import task modules (the tasks import the services). They name
the task instead; the job is sent once the surrounding transaction commits, so
a worker never sees rows that were rolled back. When the broker cannot be
reached the committed write stands and the failure is logged: everything that
must happen later (reminders) is driven from the database, not from the queue.
"""

import logging
import threading
from typing import Any

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

from portal.celery import app

logger = logging.getLogger(__name__)
_discovery = threading.Lock()


def _task(name: str) -> Any:
    """The task registered as ``name`` in the portal's Celery app (named, not
    ``current_app``: in a thread other than the one that made the app,
    ``current_app`` is a bare default app). A web process never imports the
    task modules itself; the first lookup has Celery discover them, as a
    worker does when it starts; one thread at a time, or a second thread
    would find the modules half imported."""
    if name not in app.tasks:
        with _discovery:
            app.loader.import_default_modules()
    return app.tasks[name]


def enqueue(task_name: str, *args: Any) -> None:
    """Run the Celery task registered as ``task_name`` after the commit."""

    def send() -> None:
        try:
            _task(task_name).apply_async(args=args)
        except KombuOperationalError:
            logger.exception(
                "could not queue %s%r: broker unreachable", task_name, args
            )

    transaction.on_commit(send)
