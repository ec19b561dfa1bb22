"""The project's own error types: every failure a user can cause is one of these, never a traceback."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: an input the tools cannot work with. Printed as one line."""


class RegistryError(FactcheckError):
    """A problem in a registry file, located at ``path:line``."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class RegistryErrors(FactcheckError):
    """All the problems found while loading a registry (loading reports them together)."""

    def __init__(self, errors: list[RegistryError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


class PageError(FactcheckError):
    """A page that cannot be read (missing, not UTF-8)."""


class ConfigError(FactcheckError):
    """A setting in ``[tool.factcheck]`` or ``conf.py`` that the tools cannot use."""
