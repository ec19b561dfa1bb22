"""The result of a check run: its findings, what was checked, and the claims coverage per page.
Reporters (:mod:`checks.report`) present it; nothing here knows how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checks.core.codes import Code, Severity
from checks.core.findings import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


@dataclass(frozen=True)
class PageCoverage:
    path: str
    total: int
    cited: int
    checked: bool  # False when the page opted out of the claims check

    @property
    def share(self) -> float:
        return self.cited / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "total": self.total, "cited": self.cited,
                "share": round(self.share, 4), "checked": self.checked}


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    pages: int
    facts: int
    references: int
    # The files checked, relative to the project root: registry files, then pages.
    files: tuple[str, ...] = ()
    # Claims in prose and how many are cited, per page (checks/coverage.py).
    coverage: tuple[PageCoverage, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def registry_invalid(self) -> bool:
        """Some registry file could not be loaded: the checks ran on what could."""
        return any(f.code is Code.REGISTRY_INVALID for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        """The one exit policy: 2 when the registry cannot be loaded, 1 for errors (or, when
        ``strict``, for warnings too: as the strict Sphinx build treats them), else 0."""
        if self.registry_invalid:
            return EXIT_CANNOT_RUN
        if self.errors or (strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK
