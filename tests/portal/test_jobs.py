"""portal.jobs.enqueue: services hand work to Celery by task name, after the
commit, without importing the task modules."""

import subprocess
import sys

import pytest
from celery import shared_task

from portal.jobs import enqueue

pytestmark = pytest.mark.django_db

ran: list[tuple] = []


@shared_task(name="tests.portal.remember")
def remember(*args) -> None:
    ran.append(args)


def test_a_job_runs_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue("tests.portal.remember", 7, "bevestigd")
        assert ran == []

    assert len(callbacks) == 1
    assert ran == [(7, "bevestigd")]


def test_a_job_of_a_rolled_back_transaction_never_runs(
    django_capture_on_commit_callbacks,
):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue("tests.portal.remember", 1)

    assert len(callbacks) == 1  # captured, and dropped with the rollback
    assert ran == []


def test_a_web_process_finds_every_task_without_importing_task_modules():
    """A web process imports no tasks module; the name must still resolve."""
    script = (
        "import sys, django; django.setup()\n"
        "assert 'network.tasks' not in sys.modules\n"
        "from portal.jobs import _task\n"
        "for name in ('network.tasks.send_registration_mail',"
        " 'leergang.tasks.send_application_mail',"
        " 'knowledge.tasks.document_extract_text'):\n"
        "    assert _task(name).name == name\n"
        "print('ok')\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": ""},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
