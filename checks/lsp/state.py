"""The project as the editor sees it: every page and registry file, with the editor's unsaved text
taking precedence over the disk, the registry loaded once and reloaded when a registry file
changes, and the engine's findings for each of them.

Nothing here speaks LSP: the server calls these methods from its event loop, and runs the slow
ones (loading the registry, the registry-wide checks) in a worker thread on snapshots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from checks.core.config import Settings
from checks.core.errors import FactcheckError
from checks.core.findings import Finding
from checks.engine import (
    check_page,
    check_whole_project,
    load_findings,
    referenced_ids,
    without_cascade,
)
from checks.pages.extract import Extraction, extract, re_extract
from checks.pages.model import Page, Reference
from checks.project import DOCS_DIR, FACTS_DIR, Project
from checks.registry.loader import LoadResult, load_registry_partially
from checks.registry.model import Registry

Kind = Literal["page", "registry"]


@dataclass(frozen=True)
class Document:
    """A file the checks know: a page under docs/ or a registry file under facts/."""

    path: str  # relative to the project root, with forward slashes
    kind: Kind


class ProjectState:
    def __init__(self, root: Path) -> None:
        self.project = Project(root.resolve())
        # the text of each open document, by path: what the checks read instead of the disk
        self.open: dict[str, str] = {}
        # every page's text and what the extractor made of it (open text, else the disk)
        self.page_texts: dict[str, str] = {}
        self.pages: dict[str, Page] = {}
        # how each page was extracted, block by block: an edit re-reads only the blocks it touched
        self.extractions: dict[str, Extraction] = {}
        self.load: LoadResult | None = None
        self.last_good: Registry | None = None
        # registry-wide and project checks for the registry in ``load`` (when it loaded cleanly)
        self.whole: list[Finding] = []
        self.problems: list[str] = []  # what could not be read of the project's settings
        self.settings = Settings(today=dt.date.today(), stale_after_days=self._stale_after_days())
        self.extensions = self._myst_extensions()

    @property
    def root(self) -> Path:
        return self.project.root

    def _myst_extensions(self) -> frozenset[str]:
        """The MyST syntax extensions conf.py enables: pages are read as the build reads them."""
        try:
            return self.project.myst_extensions()
        except FactcheckError as exc:
            self.problems.append(str(exc))
            return frozenset()

    def _stale_after_days(self) -> int:
        try:
            return self.project.stale_after_days()
        except FactcheckError as exc:
            self.problems.append(f"{exc}; using the default")
            return Settings().stale_after_days

    # -- which files ------------------------------------------------------------------------------
    def classify(self, path: Path) -> Document | None:
        """The document at ``path`` if the checks read it: ``docs/**/*.md`` or ``facts/**/*.yaml``."""
        try:
            rel = path.resolve().relative_to(self.root)
        except ValueError:
            return None
        parts = rel.parts
        if any(part.startswith(".") for part in parts) or len(parts) < 2:
            return None
        if parts[0] == DOCS_DIR and rel.suffix == ".md":
            skipped = {"_build", "_static", "_templates", "node_modules"}
            return None if skipped & set(parts[1:-1]) else Document(rel.as_posix(), "page")
        if parts[0] == FACTS_DIR and rel.suffix == ".yaml":
            return Document(rel.as_posix(), "registry")
        return None

    @property
    def has_registry(self) -> bool:
        return self.project.facts_dir.is_dir()

    # -- pages ------------------------------------------------------------------------------------
    def read_pages(self) -> dict[str, tuple[str, Extraction]]:
        """Every page on disk, read and extracted (safe in a thread: changes nothing)."""
        try:
            files = self.project.page_files()
        except FactcheckError:
            return {}
        read = {}
        for file in files:
            rel = self.project.relative(file)
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the CLI reports an unreadable page; here it is just not indexed
            read[rel] = (text, extract(text, rel, self.project.docname(file), self.extensions))
        return read

    def apply_pages(self, read: dict[str, tuple[str, Extraction]]) -> None:
        """Take the pages read from disk, except those open in the editor (their text counts)."""
        for rel, (text, extraction) in read.items():
            if rel not in self.open:
                self.page_texts[rel], self.pages[rel], self.extractions[rel] = text, extraction.page, extraction

    def read_page(self, rel: str) -> None:
        """(Re)read a page that is not open from the disk; forget it if it is gone or unreadable."""
        try:
            text = (self.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.forget_page(rel)
            return
        self.set_page(rel, text)

    def set_page(self, rel: str, text: str) -> Page:
        """The page at ``rel`` now has ``text``: extracted again, reusing what the edit left as it was."""
        previous = self.extractions.get(rel)
        extraction = (re_extract(previous, text) if previous is not None
                      else extract(text, rel, self.project.docname(self.root / rel), self.extensions))
        self.page_texts[rel], self.pages[rel], self.extractions[rel] = text, extraction.page, extraction
        return extraction.page

    def forget_page(self, rel: str) -> None:
        self.page_texts.pop(rel, None)
        self.pages.pop(rel, None)
        self.extractions.pop(rel, None)

    def referenced(self) -> frozenset[str]:
        return referenced_ids(self.pages.values())

    def references_to(self, fact_id: str) -> list[tuple[str, Reference]]:
        """Every reference to ``fact_id`` on any page, in page order."""
        return [(rel, ref) for rel in sorted(self.pages) for ref in self.pages[rel].references
                if ref.fact_id == fact_id]

    # -- the registry -----------------------------------------------------------------------------
    def registry_texts(self) -> dict[str, str]:
        """The open registry files' texts: a snapshot to load from in another thread."""
        return {rel: text for rel, text in self.open.items() if rel.startswith(FACTS_DIR + "/")}

    def load_registry(self, texts: dict[str, str]) -> LoadResult:
        """Load the registry with ``texts`` instead of those files on disk (safe in a thread)."""
        return load_registry_partially(self.project.facts_dir, self.root, texts)

    def apply(self, result: LoadResult) -> None:
        self.load = result
        if not result.errors:
            self.last_good = result.registry

    @property
    def registry(self) -> Registry | None:
        """What pages are checked against: the newest registry if it loaded cleanly, else the last
        one that did (a half-typed fact must not turn every page that uses its file red), else
        what of the newest could be loaded."""
        if self.load is None:
            return None
        return self.last_good or self.load.registry

    @property
    def unavailable(self) -> frozenset[str]:
        """Ids left out of the registry in use because they could not be loaded."""
        if self.load is None or self.last_good is not None:
            return frozenset()
        return self.load.unavailable

    # -- findings ---------------------------------------------------------------------------------
    def page_findings(self, rel: str) -> list[Finding]:
        registry, page = self.registry, self.pages.get(rel)
        if registry is None or page is None:
            return []
        return without_cascade(check_page(registry, page), self.unavailable)

    def warm_up(self, registry: Registry) -> None:
        """Check one page against a new registry and forget the result: the checks build their
        per-registry indexes on first use (seconds at 10,000 facts), better in a worker thread
        than on the first page the editor asks about. Safe in a thread: pages are immutable."""
        page = next((p for p in list(self.pages.values()) if p.runs), None)
        if page is not None:
            check_page(registry, page)

    def check_whole(self, result: LoadResult, referenced: frozenset[str]) -> list[Finding]:
        """The findings of registry files for a load (safe in a thread): each load error; when
        the registry loaded cleanly, the registry-wide and project checks too (as the CLI does)."""
        if result.errors:
            return load_findings(result)
        return check_whole_project(result.registry, referenced, self.settings)

    def registry_findings(self, rel: str) -> list[Finding]:
        return [f for f in self.whole if f.location.path == rel]
