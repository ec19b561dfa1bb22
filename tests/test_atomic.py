"""``write_atomically``: the original survives any failed write byte for byte, and no temp file is left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checks.core import atomic
from checks.core.atomic import write_atomically

ORIGINAL = "- id: congress-7\n  kind: event\n  label: 7th Congress \u2014 \uc870\uc120\ub85c\ub3d9\ub2f9\n".encode()


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts" / "history.yaml"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == ORIGINAL
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "a temporary file was left behind"


def test_replaces_content_and_keeps_permissions(registry_file: Path) -> None:
    write_atomically(registry_file, "- id: new\n")
    assert registry_file.read_text(encoding="utf-8") == "- id: new\n"
    assert registry_file.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in registry_file.parent.iterdir()] == ["history.yaml"]


def test_creates_a_new_file(tmp_path: Path) -> None:
    write_atomically(tmp_path / "new.yaml", "x\n")
    assert (tmp_path / "new.yaml").read_text() == "x\n"


def test_interrupted_before_rename(registry_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process is interrupted (Ctrl-C) after the new text is written, before the rename."""
    def interrupted(src, dst):
        assert Path(src).read_bytes().startswith(b"- id: half"), "the new text was written to the temp file"
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(registry_file, "- id: half written\n" * 1000)
    assert_untouched(registry_file)


def test_write_fails_midway(registry_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after part of the text is written."""
    real_fsync = os.fsync
    calls = []

    def disk_full(fd):
        calls.append(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(registry_file, "- id: partial\n" * 10_000)
    assert calls
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert_untouched(registry_file)


def test_unencodable_text_changes_nothing(registry_file: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_atomically(registry_file, "\ud800 lone surrogate")
    assert_untouched(registry_file)


def test_no_command_writes_into_the_project(basic_project: Path) -> None:
    """Today's commands only read: a check run leaves facts/ and docs/ byte-identical."""
    from checks.cli import main

    def snapshot() -> dict[str, bytes]:
        return {p.relative_to(basic_project).as_posix(): p.read_bytes()
                for p in sorted(basic_project.rglob("*")) if p.is_file()}

    before = snapshot()
    main(["check", "--root", str(basic_project)])
    main(["check", "--root", str(basic_project), "--format", "json"])
    assert snapshot() == before
