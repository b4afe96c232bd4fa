"""portal.jobs.enqueue: services hand work to Celery by task name, after the
commit, without importing the task modules."""

import subprocess
import sys

import pytest
from celery import shared_task
from django.db import transaction

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


def test_a_task_name_that_names_no_task_fails_before_anything_is_written(
    django_capture_on_commit_callbacks, django_user_model
):
    # A misspelt name in a service must fail where it is called, inside the
    # service's transaction: the writes roll back and the request gets its
    # error before the commit, not after (and a test that never runs the
    # commit callbacks still sees it).
    @transaction.atomic
    def service_with_a_typo() -> None:
        django_user_model.objects.create_user(email="tikfout@example.nl")
        enqueue("network.tasks.send_registraton_mail", 1, "confirmed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(KeyError),
    ):
        service_with_a_typo()

    assert callbacks == []
    assert not django_user_model.objects.filter(email="tikfout@example.nl").exists()


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


@pytest.fixture
def tasks_found():
    """The tasks looked up once before ``caplog`` starts: the first lookup
    sets Django up again through Celery, logging included, which would take
    the log capture away."""
    from portal.jobs import _task

    with pytest.raises(KeyError):
        _task("tests.portal.renamed")


def test_a_waiting_job_that_cannot_be_queued_holds_up_no_other(tasks_found, caplog):
    """A job that waited for the broker and whose task no longer exists (say,
    renamed by a deploy) stays and is logged; the jobs around it are queued
    once and removed, so they are not sent again on the next run."""
    from portal.jobs import jobs_requeue
    from portal.models import WaitingJob

    ran.clear()
    WaitingJob.objects.create(task_name="tests.portal.remember", args=[1])
    lost = WaitingJob.objects.create(task_name="tests.portal.renamed", args=[2])
    WaitingJob.objects.create(task_name="tests.portal.remember", args=[3])

    assert jobs_requeue() == 2
    assert jobs_requeue() == 0

    assert ran == [(1,), (3,)]
    assert list(WaitingJob.objects.all()) == [lost]
    assert "could not queue the waiting job tests.portal.renamed(2,)" in caplog.text
