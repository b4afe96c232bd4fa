"""The one seam through which services hand work to Celery.

Services never import task modules (the tasks import the services). They name
the task instead; the job is sent once the surrounding transaction commits, so
a worker never sees rows that were rolled back. When the broker cannot be
reached the committed write stands and the failure is logged: everything that
must happen later (reminders) is driven from the database, not from the queue.
"""

import logging
from typing import Any

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)


def _task(name: str) -> Any:
    """The task registered as ``name``. A web process never imports the task
    modules itself; the first lookup has Celery discover them, as a worker
    does when it starts."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


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
