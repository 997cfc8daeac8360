"""Installations for the operations tests: a database and a MEDIA_ROOT of their own, driven through the
`tripartite` command in a subprocess, on SQLite or (under scripts/with-postgres.sh) on the throwaway PostgreSQL
server, where each installation is a database of its own."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@dataclass
class Installation:
    """One platform installation: its DATABASE_URL, its MEDIA_ROOT, and a way to run `tripartite` on it."""

    database_url: str
    media: Path
    var: Path

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(DATABASE_URL=self.database_url, MEDIA_ROOT=str(self.media), TRIPARTITE_VAR_DIR=str(self.var),
                   DJANGO_SETTINGS_MODULE="tripartite.settings", PYTHONPATH=str(ROOT))
        return env

    def tripartite(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tripartite.cli", *args], cwd=ROOT, env=self.env(),
                              capture_output=True, text=True, timeout=timeout, check=False)

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.database_url.startswith("sqlite:"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as db:
                return db.execute(query, params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as db:
            return db.execute(query.replace("?", "%s"), params).fetchall()

    def tables(self) -> list[str]:
        if self.database_url.startswith("sqlite:"):
            rows = self.sql("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        else:
            rows = self.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(row[0] for row in rows)

    def row_counts(self) -> dict[str, int]:
        return {table: self.sql(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in self.tables()}  # noqa: S608

    def file_checksums(self) -> dict[str, str]:
        if not self.media.is_dir():
            return {}
        return {p.relative_to(self.media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(self.media.rglob("*")) if p.is_file()}


def _server_dsn() -> str:
    return os.environ["DATABASE_URL"]


@pytest.fixture(scope="module")
def make_installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """make_installation() → a new, empty installation (dropped afterwards on PostgreSQL)."""
    created: list[str] = []

    def make() -> Installation:
        directory = tmp_path_factory.mktemp("installation")
        if on_postgresql():
            import psycopg

            name = f"tripartite_ops_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(_server_dsn(), autocommit=True) as db:
                db.execute(f'CREATE DATABASE "{name}"')
            created.append(name)
            url = _server_dsn().rsplit("/", 1)[0] + "/" + name
        else:
            url = f"sqlite:///{directory / 'tripartite.sqlite3'}"
        return Installation(database_url=url, media=directory / "media", var=directory)

    yield make
    if created:
        import psycopg

        with psycopg.connect(_server_dsn(), autocommit=True) as db:
            for name in created:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
