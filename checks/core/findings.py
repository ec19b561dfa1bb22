"""A finding: the immutable result of a check. Checks return findings; reporters present them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checks.core.codes import Code, Severity


@dataclass(frozen=True, order=True)
class Location:
    """A place in the project: a path relative to the project root, a 1-based line and, where the
    check knows it, a 1-based column (0: the whole line).

    Where a check knows the exact words it is about, it also gives where they end: ``end_line`` and
    ``end_column``, the position just after the last character (as SARIF counts; columns count
    characters). Editors underline that span and quick fixes replace it; the end takes no part in
    comparing or sorting locations.
    """

    path: str
    line: int
    column: int = 0
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Finding:
    code: Code
    location: Location
    message: str
    fact: str | None = None
    suggestion: str | None = None
    # Where a finding concerns both a page and a registry entry, the entry's location.
    related: Location | None = None

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.location.path, self.location.line, self.code.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.code,
            "severity": self.severity.value,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column or None,
            "message": self.message,
            "fact": self.fact,
            "suggestion": self.suggestion,
            "related": str(self.related) if self.related else None,
        }
