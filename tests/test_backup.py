"""bin/backup and bin/restore, on SQLite and on PostgreSQL: the demo data (and a media file) is
backed up, restored into a fresh database, and the restore is compared with the original by every
table's row count and a sample of rows."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
# Rows compared one by one: the register, the tree, the accounts, the audit log.
SAMPLED = [
    "members_person",
    "organizations_unit",
    "organizations_unitversion",
    "accounts_user",
    "core_auditentry",
]


def _pg_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _env(url: str, media: Path) -> dict:
    keep = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {
        **keep,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }


def _run(args: list, url: str, media: Path) -> str:
    result = subprocess.run(args, cwd=ROOT, env=_env(url, media), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _rows(url: str, table: str) -> list[tuple]:
    """The first 50 rows of ``table`` by id, as the database gives them."""
    query = f'SELECT * FROM "{table}" ORDER BY id LIMIT 50'
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(query).fetchall()
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    """(the demo database's URL, a fresh database's URL); temporary PostgreSQL databases are dropped."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'demo.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    if not _pg_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("CI: PostgreSQL at 127.0.0.1:5432 is required")
        pytest.skip("PostgreSQL not reachable")
    import psycopg

    names = [f"cd_backup_{uuid.uuid4().hex[:10]}", f"cd_restore_{uuid.uuid4().hex[:10]}"]
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(f"{PG}/{name}" for name in names)
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_a_fresh_database_with_the_same_rows(databases, tmp_path):
    demo, fresh = databases
    media = tmp_path / "media"
    (media / "jobs" / "abc").mkdir(parents=True)
    (media / "jobs" / "abc" / "ket-qua.xlsx").write_bytes(b"PK\x03\x04 result file")
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], demo, media)
    _run([sys.executable, "manage.py", "load_demo"], demo, media)

    out = _run([sys.executable, "bin/backup", str(tmp_path / "backup")], demo, media)
    assert "tables" in out
    restored_media = tmp_path / "restored-media"
    out = _run([sys.executable, "bin/restore", str(tmp_path / "backup")], fresh, restored_media)
    assert "counts as in the backup" in out

    from congdoan.core.backup import table_counts

    before, after = table_counts(demo), table_counts(fresh)
    assert before == after
    assert before["members_person"] > 1000 and before["core_auditentry"] > 0
    for table in SAMPLED:
        assert _rows(demo, table) == _rows(fresh, table), table
    assert (restored_media / "jobs" / "abc" / "ket-qua.xlsx").read_bytes() == b"PK\x03\x04 result file"


def test_a_backup_of_one_engine_is_not_restored_into_the_other(tmp_path):
    from congdoan.core.backup import BackupError, backup, restore

    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    import sqlite3

    sqlite3.connect(tmp_path / "a.sqlite3").execute("CREATE TABLE t (id integer)").connection.commit()
    backup(url, tmp_path / "no-media", tmp_path / "b")
    with pytest.raises(BackupError, match="sqlite backup cannot be restored into postgresql"):
        restore(tmp_path / "b", f"{PG}/nowhere", tmp_path / "m")


def test_a_backup_never_writes_into_a_folder_that_holds_something(tmp_path):
    from congdoan.core.backup import BackupError, backup

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        backup(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path / "m", tmp_path / "b")
