"""The one check engine: pure functions from a registry and extracted pages to findings.

The CLI and the Sphinx extension both call these; neither has checks of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .agreement import check_references
from .codes import Severity
from .findings import Finding
from .model import Registry
from .pages import Page

PageCheck = Callable[[Registry, Page], Iterable[Finding]]
RegistryCheck = Callable[[Registry], Iterable[Finding]]

# One entry per check family. Page checks see one page; registry checks see the registry alone.
PAGE_CHECKS: list[PageCheck] = [check_references]
REGISTRY_CHECKS: list[RegistryCheck] = []


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    pages: int
    facts: int
    references: int
    # The files checked, relative to the project root: registry files, then pages.
    files: tuple[str, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)


def check_page(registry: Registry, page: Page) -> list[Finding]:
    findings: list[Finding] = []
    for check in PAGE_CHECKS:
        findings.extend(check(registry, page))
    return sorted(set(findings), key=Finding.sort_key)


def check_registry(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    for check in REGISTRY_CHECKS:
        findings.extend(check(registry))
    return sorted(set(findings), key=Finding.sort_key)


def check_project(registry: Registry, pages: list[Page]) -> Report:
    findings = check_registry(registry)
    for page in pages:
        findings.extend(check_page(registry, page))
    return Report(findings=tuple(sorted(findings, key=Finding.sort_key)), pages=len(pages),
                  facts=len(registry.facts), references=sum(len(p.references) for p in pages),
                  files=tuple(registry.files) + tuple(p.path for p in pages))
