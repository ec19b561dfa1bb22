"""Write a file so that it is either wholly replaced or left exactly as it was.

Any command that writes into the project (``facts/``, ``docs/``) must use :func:`write_atomically`:
the new text goes to a temporary file in the same folder, is flushed to disk, and only then renamed
over the original (``os.replace`` is atomic on one file system). On any failure the temporary file
is removed and the original is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path``'s content with ``text`` (keeping its permissions), or change nothing."""
    # encoded first: fails before anything is written if the text cannot be encoded
    write_bytes_atomically(path, text.encode(encoding))


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path``'s content with ``data`` (keeping its permissions), or change nothing."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
