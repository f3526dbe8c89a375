"""Backup and restore of one deployment: the database of ``DATABASE_URL`` and the media folder.

Used by ``bin/backup DIR`` and ``bin/restore DIR`` (docs/deploy.md, "Backups"); no Django setup, so
they run with only the environment. A backup folder holds:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite:
  the online-backup API, a consistent copy while the site writes);
- ``media.tar.gz``: ``MEDIA_ROOT`` (job input and result files), when it exists;
- ``manifest.json``: the engine, the time, each table's row count.

``restore`` refuses a backup of the other engine, loads it into the database of the URL it is given
(``pg_restore --clean --if-exists --no-owner``; SQLite copied back with the backup API) and
unpacks the media; it answers the restored tables' row counts.
"""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import dj_database_url

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media.tar.gz"


class BackupError(RuntimeError):
    pass


def _engine(url: str) -> str:
    engine = dj_database_url.parse(url)["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"unsupported database engine {engine}")


def _pg_env(url: str) -> tuple[dict, str]:
    """libpq's environment for the URL (no password on a command line) and the database name."""
    db = dj_database_url.parse(url)
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env, db["NAME"]


def _run(args: list[str], env: dict) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[-2000:]}")


def table_counts(url: str) -> dict[str, int]:
    """Every table's row count: what a restore is compared by."""
    if _engine(url) == "sqlite":
        with sqlite3.connect(dj_database_url.parse(url)["NAME"]) as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    import psycopg

    with psycopg.connect(url) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup(url: str, media_root: Path, dest: Path) -> dict:
    """Write the database and the media folder into ``dest`` (created; must be empty)."""
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty")
    engine = _engine(url)
    if engine == "sqlite":
        _sqlite_copy(dj_database_url.parse(url)["NAME"], dest / SQLITE_COPY)
    else:
        env, name = _pg_env(url)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dest / PG_DUMP), name], env)
    media = media_root.is_dir()
    if media:
        with tarfile.open(dest / MEDIA, "w:gz") as archive:
            archive.add(media_root, arcname=".")
    manifest = {
        "engine": engine,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "media": media,
        "tables": table_counts(url),
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(source: Path, url: str, media_root: Path) -> dict[str, int]:
    """Load the backup in ``source`` into the database of ``url`` and ``media_root``; answers the
    restored row counts. The target database must exist (PostgreSQL) and should be fresh."""
    manifest = json.loads((source / MANIFEST).read_text())
    engine = _engine(url)
    if manifest["engine"] != engine:
        raise BackupError(f"a {manifest['engine']} backup cannot be restored into {engine}")
    if engine == "sqlite":
        _sqlite_copy(source / SQLITE_COPY, dj_database_url.parse(url)["NAME"])
    else:
        env, name = _pg_env(url)
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", name, str(source / PG_DUMP)],
            env,
        )
    if manifest.get("media"):
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / MEDIA, "r:gz") as archive:
            archive.extractall(media_root, filter="data")
    return table_counts(url)
