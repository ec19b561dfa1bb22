"""Run settings, declared once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_STALE_AFTER_DAYS = 730


@dataclass(frozen=True)
class Settings:
    """Run settings for checks that depend on more than the files: ``today`` (None: skip the
    age checks, as the Sphinx build does, so a build never changes with the calendar)."""

    today: dt.date | None = None
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
