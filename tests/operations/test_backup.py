"""`tripartite backup` and `tripartite restore`: the demo survives a round trip whole; a damaged, truncated or
mismatched archive is refused on one line and changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.operations.conftest import Installation, on_postgresql


@pytest.fixture(scope="module")
def demo(make_installation: Callable[[], Installation]) -> Installation:
    source = make_installation()
    for args in (("manage", "migrate", "-v0"), ("load-demo",)):
        result = source.tripartite(*args)
        assert result.returncode == 0, result.stderr
    return source


@pytest.fixture(scope="module")
def archive(demo: Installation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backups") / "demo.tar"
    result = demo.tripartite("backup", str(path))
    assert result.returncode == 0, result.stderr
    assert "backup written to" in result.stdout
    return path


def _refused(result: Any) -> str:
    """The command failed with one line on stderr and no traceback; that line."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy an archive member by member; `change(name, data)` returns the new data, or None to drop the member."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old:
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            changed = change(member.name, data)
            if changed is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(changed)
            new.addfile(info, io.BytesIO(changed))


def _with_manifest(source: Path, target: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """A copy whose manifest was edited and re-summed, as a careful forger (or a newer version) would write it."""
    manifest = json.loads(tarfile.open(source).extractfile("manifest.json").read())  # type: ignore[union-attr]
    edit(manifest)
    data = json.dumps(manifest).encode()

    def change(name: str, old: bytes) -> bytes:
        if name == "manifest.json":
            return data
        if name == "manifest.sha256":
            return hashlib.sha256(data).hexdigest().encode()
        return old

    _rewrite(source, target, change)


def _assert_untouched(target: Installation) -> None:
    assert target.tables() == []
    assert target.file_checksums() == {}


def test_the_demo_survives_a_backup_and_restore_whole(demo: Installation, archive: Path,
                                                      make_installation: Callable[[], Installation]) -> None:
    target = make_installation()
    result = target.tripartite("restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "checksums and row counts verified" in result.stdout
    source_counts = demo.row_counts()
    assert sum(source_counts.values()) > 1000  # the demo, not an empty database
    assert target.row_counts() == source_counts
    files = demo.file_checksums()
    assert len(files) >= 5  # the demo's uploaded documents
    assert target.file_checksums() == files
    # The restored installation works: the same command that reads it sees the demo's users.
    assert target.sql("SELECT COUNT(*) FROM core_user WHERE username = 'admin'")[0][0] == 1
    check = target.tripartite("manage", "migrate", "--check", "-v0")
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_manifest_describes_the_database_and_every_file(demo: Installation, archive: Path) -> None:
    with tarfile.open(archive) as tar:
        manifest_bytes = tar.extractfile("manifest.json").read()  # type: ignore[union-attr]
        manifest = json.loads(manifest_bytes)
        assert tar.extractfile("manifest.sha256").read().decode().strip() == (  # type: ignore[union-attr]
            hashlib.sha256(manifest_bytes).hexdigest())
        for name, member in manifest["members"].items():
            data = tar.extractfile(name).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == member["sha256"]
            assert len(data) == member["size"]
    assert manifest["format"] == 1
    assert manifest["vendor"] == ("postgresql" if on_postgresql() else "sqlite")
    assert manifest["tables"] == demo.row_counts()
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["created_at"].endswith("+00:00")
    assert {f"media/{name}" for name in demo.file_checksums()} <= set(manifest["members"])


def test_a_corrupted_archive_is_refused_and_nothing_is_restored(
        archive: Path, tmp_path: Path, make_installation: Callable[[], Installation]) -> None:
    damaged = tmp_path / "damaged.tar"

    def flip_a_byte(name: str, data: bytes) -> bytes:
        if name.startswith("database."):
            middle = len(data) // 2
            return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
        return data

    _rewrite(archive, damaged, flip_a_byte)
    target = make_installation()
    line = _refused(target.tripartite("restore", str(damaged)))
    assert "checksum mismatch for database." in line
    _assert_untouched(target)


def test_a_truncated_archive_is_refused(archive: Path, tmp_path: Path,
                                        make_installation: Callable[[], Installation]) -> None:
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    target = make_installation()
    line = _refused(target.tripartite("restore", str(truncated)))
    assert "truncated" in line
    _assert_untouched(target)


def test_an_archive_missing_a_file_is_refused(archive: Path, tmp_path: Path,
                                              make_installation: Callable[[], Installation]) -> None:
    shorter = tmp_path / "shorter.tar"
    dropped: list[str] = []

    def drop_first_upload(name: str, data: bytes) -> bytes | None:
        if name.startswith("media/") and not dropped:
            dropped.append(name)
            return None
        return data

    _rewrite(archive, shorter, drop_first_upload)
    target = make_installation()
    line = _refused(target.tripartite("restore", str(shorter)))
    assert f"{dropped[0]} is missing" in line
    _assert_untouched(target)


def test_a_changed_manifest_is_refused(archive: Path, tmp_path: Path,
                                       make_installation: Callable[[], Installation]) -> None:
    changed = tmp_path / "changed.tar"
    _rewrite(archive, changed, lambda name, data: data.replace(b'"format": 1', b'"format":  1')
             if name == "manifest.json" else data)
    line = _refused(make_installation().tripartite("restore", str(changed)))
    assert "manifest's checksum does not match" in line


def test_an_archive_of_another_database_vendor_is_refused(archive: Path, tmp_path: Path,
                                                          make_installation: Callable[[], Installation]) -> None:
    other = tmp_path / "other.tar"
    _with_manifest(archive, other, lambda m: m.update(vendor="sqlite" if on_postgresql() else "postgresql"))
    target = make_installation()
    line = _refused(target.tripartite("restore", str(other)))
    assert "restore it into a" in line
    _assert_untouched(target)


def test_an_archive_from_newer_code_is_refused(archive: Path, tmp_path: Path,
                                               make_installation: Callable[[], Installation]) -> None:
    newer = tmp_path / "newer.tar"
    _with_manifest(archive, newer, lambda m: m["migrations"]["core"].append("0999_from_the_future"))
    target = make_installation()
    line = _refused(target.tripartite("restore", str(newer)))
    assert "core.0999_from_the_future is unknown to this code; upgrade Tripartite first" in line
    _assert_untouched(target)


def test_a_non_empty_installation_is_refused(demo: Installation, archive: Path) -> None:
    before = demo.row_counts()
    line = _refused(demo.tripartite("restore", str(archive)))
    assert "the database is not empty" in line
    assert demo.row_counts() == before


def test_something_that_is_not_a_backup_is_refused(tmp_path: Path,
                                                   make_installation: Callable[[], Installation]) -> None:
    text = tmp_path / "notes.tar"
    text.write_text("not an archive")
    assert "not a Tripartite backup" in _refused(make_installation().tripartite("restore", str(text)))
    assert "does not exist" in _refused(make_installation().tripartite("restore", str(tmp_path / "none.tar")))


def test_a_backup_into_a_missing_directory_fails_on_one_line(demo: Installation, tmp_path: Path) -> None:
    line = _refused(demo.tripartite("backup", str(tmp_path / "no" / "such" / "dir.tar")))
    assert "does not exist" in line
