"""Configuration, declared once: each setting with its default, its help and its validation.

The same :class:`FactcheckConfig` is read from ``[tool.factcheck]`` in ``pyproject.toml`` (the
command line, the editor server) and from ``factcheck_<name>`` values in ``conf.py`` (the Sphinx
build, where a value set in ``conf.py`` wins over ``pyproject.toml``). :class:`Settings` adds what
a single run decides (today's date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from checks.core.errors import ConfigError
from checks.core.text import suggest

DEFAULT_STALE_AFTER_DAYS = 730


def _positive_whole_number(name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{name} must be a positive whole number of days, not {value!r}")
    return value


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be text (a path), not {value!r}")
    return value


def _setting(default: Any, help: str, validate: Callable[[str, Any], Any]) -> Any:
    return field(default=default, metadata={"help": help, "validate": validate})


@dataclass(frozen=True)
class FactcheckConfig:
    """The project's settings for the checks."""

    stale_after_days: int = _setting(
        DEFAULT_STALE_AFTER_DAYS,
        "A fact last verified longer ago than this many days gives fact.stale (factcheck check only).",
        _positive_whole_number)
    root: str = _setting(
        "", "The project root, holding docs/ and facts/ (default: the folder holding conf.py, or the "
        "folder the command finds pyproject.toml in).", _text)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str) -> FactcheckConfig:
        """Validate ``values`` (e.g. ``[tool.factcheck]``); ``where`` names them in errors."""
        known = {f.name: f for f in fields(cls)}
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                hint = suggest(name, known)
                raise ConfigError(f"{where}: unknown setting '{name}'"
                                  + (f" (did you mean '{hint}'?)" if hint else "")
                                  + f"; known: {', '.join(known)}")
            checked[name] = known[name].metadata["validate"](f"{where} {name}", value)
        return cls(**checked)

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) of every setting, for the documentation and ``conf.py``."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


@dataclass(frozen=True)
class Settings:
    """Run settings for checks that depend on more than the files: ``today`` (None: skip the
    age checks, as the Sphinx build does, so a build never changes with the calendar)."""

    today: dt.date | None = None
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
