"""``bin/backup`` and ``bin/restore``: a backup that has been restored.

Backs up the test database and a folder of uploads, restores both into a new
database and a new folder, and compares them table by table and byte by
byte; the restored database needs no migration. A restore refuses a database
that has tables (the live portal, by a mistyped address) and a backup that
does not match its checksums.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.network.factories import EventFactory, RegistrationFactory
from tests.workers import _database_url

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str, database_url: str, media: Path):
    return subprocess.run(  # noqa: S603 - our own scripts
        [str(ROOT / "bin" / script), *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        check=False,
    )


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # type: ignore[index]  # noqa: S608
            for table in tables
        }


@pytest.fixture
def new_database():
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:6]}"
    original = _database_url()
    admin = original.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield original.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_whole(tmp_path, new_database):
    registration = RegistrationFactory(event=EventFactory(title="Kennisatelier"))
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    upload = media / "documents" / "verslag kennisatelier.pdf"
    upload.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    original = _database_url()

    backup = _run(
        "backup", str(tmp_path / "backups"), database_url=original, media=media
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip())
    restored_media = tmp_path / "restored-media"
    restore = _run(
        "restore", str(folder), database_url=new_database, media=restored_media
    )
    assert restore.returncode == 0, restore.stderr

    counts = _row_counts(original)
    assert counts == _row_counts(new_database)
    assert counts["network_registration"] >= 1
    with psycopg.connect(new_database) as conn:
        email = conn.execute(
            "SELECT u.email FROM network_registration r "
            "JOIN portal_user u ON u.id = r.member_id WHERE r.id = %s",
            [registration.pk],
        ).fetchone()
    assert email == (registration.member.email,)
    copy = restored_media / "documents" / "verslag kennisatelier.pdf"
    assert copy.read_bytes() == upload.read_bytes()
    pending = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "--verbosity", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DATABASE_URL": new_database,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert pending.returncode == 0, pending.stdout + pending.stderr

    # Once more into the same (now filled) database: refused, nothing changed.
    again = _run(
        "restore", str(folder), database_url=new_database, media=tmp_path / "other"
    )
    assert again.returncode == 1
    assert "already has" in again.stderr
    assert _row_counts(new_database) == counts


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    tmp_path, new_database
):
    media = tmp_path / "media"
    media.mkdir()
    backup = _run(
        "backup", str(tmp_path / "backups"), database_url=_database_url(), media=media
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip())
    dump = folder / "database.dump"
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])

    restore = _run(
        "restore", str(folder), database_url=new_database, media=tmp_path / "restored"
    )

    assert restore.returncode == 1
    assert "does not match" in restore.stderr
    assert _row_counts(new_database) == {}
