"""Run a command with the portal's settings in a process of its own, as a
deployment would start it: none of the test run's own settings variables
(``DJANGO_*``, the service addresses) leak into it, only those given."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Variables of the test run that would otherwise choose the services.
SERVICE_VARIABLES = frozenset({"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"})


def run_with_settings(
    module: str, *args: str, script: str = "", **environ: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (Python source), or else ``manage.py args``, with
    ``DJANGO_SETTINGS_MODULE=module`` and ``environ`` on top of a clean
    copy of this process's environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in SERVICE_VARIABLES
    }
    env.update(
        DJANGO_SETTINGS_MODULE=module, DJANGO_READ_DOT_ENV_FILE="false", **environ
    )
    command = ["-c", script] if script else ["manage.py", *args]
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
