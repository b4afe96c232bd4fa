"""A PostgreSQL cluster of the test's own, to stop and start again as a
restart of the database server would, while the suite's shared server (and
every other job on it) carries on: ``initdb`` into a temporary folder, on a
free loopback port (5490-5499), trust authentication and no fsync (nothing
in it has to survive a crash of the machine).

The server programs come from the installed PostgreSQL (``pg_config
--bindir``; Debian keeps them off the PATH). initdb and postgres refuse to
run as root: run as root (as CI does), the helper runs them as the
``postgres`` system user in a folder that user owns; run by a developer, it
runs them as that developer.

``PostgresCluster.copy_database()`` fills a database in it with a copy of
another one (``pg_dump`` piped into ``psql``): the test database with what a
test made in it, so the portal finds the same data on the private server.
"""

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from glob import glob
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.ports import start_on_a_free_port

PORTS = range(5490, 5500)
HOST = "127.0.0.1"
SUPERUSER = "postgres"
# What a throwaway cluster needs: TCP on loopback only (no socket in a
# system folder), and none of the work that keeps data safe in a crash.
SERVER_SETTINGS = {
    "listen_addresses": f"'{HOST}'",
    "unix_socket_directories": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "50",
}


def server_binaries() -> Path:
    """The folder with initdb, pg_ctl, pg_dump and psql of the installed
    PostgreSQL."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run(  # noqa: S603 - fixed arguments
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(found.stdout.strip())
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        candidates.append(str(Path(pg_ctl).resolve().parent))
    # Debian's layout, newest version first (when pg_config is missing).
    candidates += sorted(
        glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(Path(path).parent.name),
        reverse=True,
    )
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    pytest.fail(
        "the database restart tests need the PostgreSQL server programs "
        "(initdb, pg_ctl): install PostgreSQL, or put its bin folder on the PATH"
    )


class PostgresCluster:
    """One PostgreSQL server with its data folder; ``create()``, then
    ``start()``, ``stop()``, ``restart()`` as often as the test likes, and
    ``remove()`` at the end (which stops it first)."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.as_root = os.geteuid() == 0
        self.directory = Path(tempfile.mkdtemp(prefix="leernetwerk-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.port: int | None = None
        if self.as_root:
            try:
                owner = pwd.getpwnam(SUPERUSER)
                os.chown(self.directory, owner.pw_uid, owner.pw_gid)
            except (KeyError, OSError):
                # No cluster will be made: leave no empty folder behind.
                shutil.rmtree(self.directory, ignore_errors=True)
                raise

    def _server_program(
        self, program: str, *arguments: str
    ) -> subprocess.CompletedProcess[str]:
        """Run a server program, as the ``postgres`` user when we are root."""
        as_user: dict[str, Any] = {}
        if self.as_root:
            as_user = {"user": SUPERUSER, "group": SUPERUSER, "extra_groups": []}
        return subprocess.run(  # noqa: S603 - the installed server programs
            [str(self.bin / program), *arguments],
            cwd=self.directory,
            capture_output=True,
            text=True,
            check=False,
            **as_user,
        )

    def _run(self, program: str, *arguments: str) -> str:
        """Run a server program; its output, or fail the test with it."""
        result = self._server_program(program, *arguments)
        if result.returncode != 0:
            server_log = (
                self.log.read_text(errors="replace")[-3000:]
                if self.log.exists()
                else ""
            )
            pytest.fail(
                f"{program} {' '.join(arguments)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}\n{server_log}"
            )
        return result.stdout

    def create(self) -> "PostgresCluster":
        """initdb: an empty cluster whose superuser is ``postgres``."""
        self._run(
            "initdb", "--pgdata", str(self.data), "--username", SUPERUSER,
            "--auth", "trust", "--encoding", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(
                f"{name} = {value}\n" for name, value in SERVER_SETTINGS.items()
            )
        return self

    def start(self) -> "PostgresCluster":
        """Start on the port of the previous run, or on a free one; returns
        when the server takes connections."""
        if self.port is not None:
            self._pg_ctl_start(self.port)
            return self
        start_on_a_free_port(
            PORTS,
            lambda port: self._pg_ctl_start(port, give_up=False),
            what="a private PostgreSQL",
        )
        return self

    def _pg_ctl_start(self, port: int, *, give_up: bool = True) -> bool:
        arguments = [
            "start", "--pgdata", str(self.data), "--log", str(self.log),
            "--wait", "--timeout", "30", "--options", f"-p {port}",
        ]  # fmt: skip
        if give_up:
            self._run("pg_ctl", *arguments)
        elif self._server_program("pg_ctl", *arguments).returncode != 0:
            return False  # taken meanwhile by someone else: try another
        self.port = port
        return True

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: roll back what runs and end every
        connection, as a restart for maintenance does; ``immediate``: as a
        crash); returns when it is down."""
        self._run(
            "pg_ctl", "stop", "--pgdata", str(self.data), "--mode", mode, "--wait"
        )

    def restart(self, mode: str = "fast") -> None:
        """``pg_ctl restart``: stop and start at once, on the same port."""
        self._run(
            "pg_ctl", "restart", "--pgdata", str(self.data), "--mode", mode,
            "--log", str(self.log), "--wait", "--timeout", "30",
        )  # fmt: skip

    @property
    def running(self) -> bool:
        status = self._server_program("pg_ctl", "status", "--pgdata", str(self.data))
        return status.returncode == 0

    def url(self, database: str = "postgres") -> str:
        assert self.port is not None, "start the cluster first"
        return f"postgres://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def copy_database(self, source_url: str, *, name: str) -> str:
        """A new database ``name`` with the schema and data of the database
        at ``source_url``; its address."""
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        errors = self.directory / "pg_dump.err"
        with errors.open("wb") as dump_errors:
            dump = subprocess.Popen(  # noqa: S603 - the installed server programs
                [
                    str(self.bin / "pg_dump"), "--no-owner", "--no-privileges",
                    "--dbname", source_url,
                ],
                stdout=subprocess.PIPE,
                stderr=dump_errors,
            )  # fmt: skip
            load = subprocess.run(  # noqa: S603 - the installed server programs
                [
                    str(self.bin / "psql"), "--no-psqlrc", "--quiet",
                    "--set", "ON_ERROR_STOP=1", "--dbname", self.url(name),
                ],
                stdin=dump.stdout,
                capture_output=True,
                text=True,
                check=False,
            )  # fmt: skip
            assert dump.stdout is not None
            dump.stdout.close()
            dumped = dump.wait()
        assert dumped == 0, f"pg_dump failed:\n{errors.read_text(errors='replace')}"
        assert load.returncode == 0, f"psql failed:\n{load.stdout}{load.stderr}"
        return self.url(name)

    def remove(self) -> None:
        """Stop the server if it runs and delete its folder."""
        try:
            if self.data.exists() and self.running:
                self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def private_postgresql() -> Iterator[PostgresCluster]:
    """A private PostgreSQL cluster, created and running; stopped and
    deleted afterwards, also when the test fails."""
    cluster = PostgresCluster()
    try:
        cluster.create().start()
        yield cluster
    finally:
        cluster.remove()
