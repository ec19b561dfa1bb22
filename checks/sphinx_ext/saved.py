"""What a build computed, saved beside the doctrees under a key of what it depends on.

Sphinx pickles its environment before the registry-wide checks run, so results kept for the next
build (the loaded registry, the whole-project findings) are saved in files of their own. A file
that is missing, from another version of the code, or saved under another key is simply not used.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from checks.core.atomic import write_bytes_atomically

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError)


def read_saved(path: Path, key: str) -> Any:
    """The value saved at ``path`` under ``key``, or None."""
    try:
        saved_key, value = pickle.loads(path.read_bytes())
    except _UNREADABLE:
        return None
    return value if saved_key == key else None


def save(path: Path, key: str, value: object) -> None:
    """Save ``value`` under ``key``, whole or not at all (a build stopped halfway leaves the old
    file). A folder that cannot be written is no error: the next build computes the value again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
