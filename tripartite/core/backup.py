"""Backups of a whole installation (database and uploaded files) in one verified archive, and their restore.

The archive is an uncompressed tar file with these members:

- ``manifest.json``: format version, application version, database vendor, creation time (UTC), the migrations
  applied per app, the row count of every table, and the SHA-256 and size of every other member;
- ``manifest.sha256``: the SHA-256 of ``manifest.json``, so that a changed manifest is refused too;
- ``database.pgdump`` (``pg_dump --format=custom``) on PostgreSQL, or ``database.sqlite3`` (a copy taken with
  SQLite's online backup API) on SQLite;
- ``media/<path>``: every uploaded file under MEDIA_ROOT.

On PostgreSQL the row counts and the dump read the same snapshot (``pg_export_snapshot`` and ``pg_dump
--snapshot``), so the manifest describes exactly what was dumped while the platform keeps serving.

A restore verifies the whole archive before it changes anything and only restores into an empty installation
(a database without tables and an empty MEDIA_ROOT); the database is restored in one transaction (PostgreSQL) or
moved into place whole (SQLite), then the files are moved into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
DUMP_NAME = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int
    size: int


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int
    pending_migrations: int


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tripartite")
    except PackageNotFoundError:
        return "unknown"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def table_row_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


# --- PostgreSQL client programs ------------------------------------------------------------------------------


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so that no password appears on a command line."""
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                          ("NAME", "PGDATABASE")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _pg_program(name: str, server_version_num: int) -> str:
    """The client program of the server's major version: pg_dump refuses a newer server, and a dump made by a
    newer pg_dump may not load; TRIPARTITE_PG_BINDIR names the directory when it is not the standard one."""
    major = server_version_num // 10000
    candidates = []
    if os.environ.get("TRIPARTITE_PG_BINDIR"):
        candidates.append(Path(os.environ["TRIPARTITE_PG_BINDIR"]) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin") / name)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL {major} client programs "
                          f"or set TRIPARTITE_PG_BINDIR")
    return found


def _run(argv: list[str], what: str) -> None:
    try:
        result = subprocess.run(argv, env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as error:
        raise BackupError(f"{what} could not start: {error}") from error
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise BackupError(f"{what} failed: {lines[0] if lines else f'exit status {result.returncode}'}")


def _server_version_num(cursor: Any) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0])


# --- backup -----------------------------------------------------------------------------------------------------


def _dump_postgresql(target: Path) -> dict[str, int]:
    """Count every table's rows and dump the database from one exported snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        program = _pg_program("pg_dump", _server_version_num(cursor))
        counts = table_row_counts(cursor, connection.introspection.table_names(cursor))
        _run([program, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={target}"], "pg_dump")
    return counts


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        counts = {t: cursor.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # noqa: S608
    finally:
        copy.close()
    return counts


def _vendor() -> str:
    if connection.vendor not in DUMP_NAME:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def backup_create(path: Path) -> BackupSummary:
    """Write the archive to `path` (through a temporary file beside it, so a failed backup leaves no archive)."""
    path = Path(path)
    vendor = _vendor()
    if path.exists() and path.is_dir():
        raise BackupError(f"{path} is a directory; give the archive's file name")
    if not path.parent.is_dir():
        raise BackupError(f"the directory {path.parent} does not exist")
    with tempfile.TemporaryDirectory(prefix="tripartite-backup-") as work:
        dump = Path(work) / DUMP_NAME[vendor]
        counts = _dump_postgresql(dump) if vendor == "postgresql" else _dump_sqlite(dump)
        media = _media_root()
        files = _media_files(media)
        members = {DUMP_NAME[vendor]: {"sha256": _sha256_file(dump), "size": dump.stat().st_size}}
        for file in files:
            name = "media/" + file.relative_to(media).as_posix()
            members[name] = {"sha256": _sha256_file(file), "size": file.stat().st_size}
        manifest = {
            "format": FORMAT_VERSION,
            "app_version": app_version(),
            "vendor": vendor,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": applied_migrations(),
            "tables": counts,
            "members": members,
        }
        manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
        partial = path.with_name(f".{path.name}.partial")
        try:
            partial.touch(mode=0o600)  # the archive holds personal data and password hashes
            os.chmod(partial, 0o600)
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
                _add_bytes(archive, MANIFEST, manifest_bytes)
                _add_bytes(archive, MANIFEST_SUM, (hashlib.sha256(manifest_bytes).hexdigest() + "\n").encode())
                archive.add(dump, arcname=DUMP_NAME[vendor], recursive=False)
                for file in files:
                    archive.add(file, arcname="media/" + file.relative_to(media).as_posix(), recursive=False)
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"could not write {path}: {error.strerror or error}") from error
    return BackupSummary(path=path, tables=len(counts), rows=sum(counts.values()), files=len(files),
                         size=path.stat().st_size)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


# --- restore ----------------------------------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts and "\\" not in name


def _copy_hashing(source: IO[bytes], target: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in iter(lambda: source.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _unpack_verified(archive_path: Path, staging: Path) -> dict[str, Any]:
    """Unpack every member into `staging` while hashing it; refuse anything that does not match the manifest."""
    try:
        archive = tarfile.open(archive_path, "r:")  # noqa: SIM115 - closed below
    except FileNotFoundError as error:
        raise BackupError(f"{archive_path} does not exist") from error
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive_path} is not a Tripartite backup (not a readable tar archive)") from error
    seen: dict[str, tuple[str, int]] = {}
    manifest_bytes = b""
    manifest_sum = ""
    try:
        with archive:
            for member in archive:
                if not _safe_member_name(member.name) or not member.isfile() or member.name in seen:
                    raise BackupError(f"the archive has an unexpected member {member.name!r}; refusing it")
                handle = archive.extractfile(member)
                assert handle is not None  # a regular file always has its data
                if member.name == MANIFEST:
                    manifest_bytes = handle.read()
                    seen[member.name] = (hashlib.sha256(manifest_bytes).hexdigest(), len(manifest_bytes))
                elif member.name == MANIFEST_SUM:
                    manifest_sum = handle.read().decode("ascii", "replace").strip()
                    seen[member.name] = (manifest_sum, 0)
                else:
                    seen[member.name] = _copy_hashing(handle, staging / member.name)
    except (tarfile.TarError, EOFError, OSError, UnicodeError) as error:
        raise BackupError(f"{archive_path} is truncated or damaged ({error}); nothing was restored") from error
    if not manifest_bytes:
        raise BackupError(f"{archive_path} has no manifest; it is not a Tripartite backup")
    if seen[MANIFEST][0] != manifest_sum:
        raise BackupError("the manifest's checksum does not match: the archive was changed or damaged")
    try:
        manifest = json.loads(manifest_bytes)
        members: dict[str, dict[str, Any]] = manifest["members"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError("the manifest cannot be read; the archive is not a Tripartite backup") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"the archive's format {manifest.get('format')!r} is not {FORMAT_VERSION}; "
                          f"restore it with the version that made it")
    unpacked = {name for name in seen if name not in (MANIFEST, MANIFEST_SUM)}
    missing = sorted(set(members) - unpacked)
    if missing:
        raise BackupError(f"the archive is truncated: {missing[0]} is missing ({len(missing)} members missing)")
    extra = sorted(unpacked - set(members))
    if extra:
        raise BackupError(f"the archive has a member the manifest does not list: {extra[0]}")
    for name in sorted(members):
        digest, size = seen[name]
        if digest != members[name]["sha256"] or size != members[name]["size"]:
            raise BackupError(f"checksum mismatch for {name}: the archive is corrupted; nothing was restored")
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> int:
    """Refuse an archive from another database vendor or from a newer code; return the migrations to apply."""
    from django.db.migrations.loader import MigrationLoader

    vendor = _vendor()
    if manifest.get("vendor") != vendor:
        raise BackupError(f"the archive holds a {manifest.get('vendor')} database and this installation uses "
                          f"{vendor}; restore it into a {manifest.get('vendor')} installation")
    if DUMP_NAME[vendor] not in manifest["members"]:
        raise BackupError(f"the archive has no {DUMP_NAME[vendor]}")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    archived = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    unknown = sorted(archived - known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(f"the archive was made by a newer version ({manifest.get('app_version')}): migration "
                          f"{app}.{name} is unknown to this code; upgrade Tripartite first")
    return len(known - archived)


def _require_empty_installation() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(f"the database is not empty ({len(tables)} tables); restore only into a new, empty "
                          f"database")
    media = _media_root()
    if media.exists() and any(media.iterdir()):
        raise BackupError(f"MEDIA_ROOT {media} is not empty; restore only into an empty directory")


def _restore_postgresql(dump: Path) -> None:
    with connection.cursor() as cursor:
        program = _pg_program("pg_restore", _server_version_num(cursor))
    db = settings.DATABASES["default"]
    _run([program, "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
          f"--dbname={db['NAME']}", str(dump)], "pg_restore")


def _restore_sqlite(copy: Path, counts: dict[str, int]) -> None:
    """Check the copy's row counts, then move it into place whole (the empty database file is replaced)."""
    check = sqlite3.connect(copy)
    try:
        found = {t: check.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in counts}  # noqa: S608
    except sqlite3.DatabaseError as error:
        raise BackupError(f"the archived SQLite database cannot be read: {error}") from error
    finally:
        check.close()
    if found != counts:
        raise BackupError("the archived SQLite database does not hold the rows its manifest lists")
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    placed = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(copy, placed)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(placed, target)


def _verify_row_counts(expected: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        found = table_row_counts(cursor, list(expected))
    for table in sorted(expected):
        if found.get(table) != expected[table]:
            raise BackupError(f"after the restore {table} has {found.get(table)} rows, the backup {expected[table]}")


@contextmanager
def _staging_beside(directory: Path) -> Iterator[Path]:
    """A temporary directory on the same file system as `directory`, so the files can be moved, not copied."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tripartite-restore-", dir=directory.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def backup_restore(path: Path) -> RestoreSummary:
    """Restore the archive at `path` into this (empty) installation, after verifying all of it."""
    path = Path(path)
    _vendor()
    _require_empty_installation()
    media = _media_root()
    with _staging_beside(media) as staging:
        manifest = _unpack_verified(path, staging)
        pending = _check_compatible(manifest)
        counts: dict[str, int] = manifest["tables"]
        dump = staging / DUMP_NAME[manifest["vendor"]]
        _require_empty_installation()  # still empty after the (long) verification
        if manifest["vendor"] == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump, counts)
        _verify_row_counts(counts)
        unpacked_media = staging / "media"
        if unpacked_media.is_dir():
            if media.exists():
                media.rmdir()  # empty, checked above
            os.replace(unpacked_media, media)
        files = sum(1 for name in manifest["members"] if name.startswith("media/"))
    return RestoreSummary(tables=len(counts), rows=sum(counts.values()), files=files, pending_migrations=pending)
