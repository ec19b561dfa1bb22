"""The version and release date stamped on the site and the PDF, read the same way by conf.py and
``tools/release.py``.

Version: the ``v*`` tag on the checked-out commit (without the ``v``), else the package version
from ``pyproject.toml``. Date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the last
commit's date, else today. Git is optional: outside a repository both fall back quietly.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from checks import __version__


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def tag_version(root: Path) -> str | None:
    """The version of the ``v*`` tag pointing at HEAD (``v1.2.0`` -> ``1.2.0``), if any."""
    tags = _git(root, "tag", "--points-at", "HEAD", "--list", "v*", "--sort=-v:refname")
    return tags.splitlines()[0][1:] if tags else None


def version(root: Path) -> str:
    return os.environ.get("RELEASE_VERSION") or tag_version(root) or __version__


def source_date_epoch(root: Path) -> int:
    """Seconds since the epoch for the build: ``SOURCE_DATE_EPOCH``, else the last commit's time."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    commit = _git(root, "log", "-1", "--format=%ct")
    if commit and commit.isdigit():
        return int(commit)
    return int(dt.datetime.now(dt.UTC).timestamp())


def release_date(root: Path) -> dt.date:
    return dt.datetime.fromtimestamp(source_date_epoch(root), dt.UTC).date()


