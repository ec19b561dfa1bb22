"""Find a project's pages and registry on disk and load them for the engine."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from checks.core.config import FactcheckConfig
from checks.core.errors import ConfigError, PageError
from checks.pages.extract import extract_draft, extract_page
from checks.pages.model import Page
from checks.registry.loader import LoadResult, load_registry, load_registry_partially
from checks.registry.model import Registry

DOCS_DIR = "docs"
FACTS_DIR = "facts"
_SKIP = {"_build", "_static", "_templates", "node_modules"}


@lru_cache(maxsize=8)
def read_myst_extensions(confdir: Path) -> frozenset[str]:
    """``myst_enable_extensions`` of the ``conf.py`` in ``confdir``, as Sphinx reads it."""
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError as SphinxConfigError
    from sphinx.util.tags import Tags

    try:
        namespace = eval_config_file((confdir / "conf.py").resolve(), Tags())
    except SphinxConfigError as exc:
        raise ConfigError(f"{confdir / 'conf.py'}: cannot read it: {exc}") from None
    return frozenset(namespace.get("myst_enable_extensions", ()))


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a project (``docs/`` and ``facts/``),
    as git looks upward for its repository; None when there is none."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / DOCS_DIR).is_dir() and (folder / FACTS_DIR).is_dir():
            return folder
    return None


@dataclass(frozen=True)
class Project:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))  # accept a str too

    @property
    def docs_dir(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def facts_dir(self) -> Path:
        return self.root / FACTS_DIR

    def page_files(self) -> list[Path]:
        if not self.docs_dir.is_dir():
            raise PageError(f"{DOCS_DIR}/: no pages folder under {self.root}; run from the project root or pass --root")
        return sorted(
            p for p in self.docs_dir.rglob("*.md")
            if not any(part in _SKIP or part.startswith(".") for part in p.relative_to(self.docs_dir).parts)
        )

    def select_pages(self, paths: list[Path]) -> frozenset[str] | None:
        """The pages (relative paths) that ``paths`` name: page files, or folders of pages. None
        means every page: no paths, or a registry file or folder among them (a change to the
        registry can affect any page). A path that is neither raises :class:`PageError`."""
        if not paths:
            return None
        root = self.root.resolve()
        pages = {p.resolve(): self.relative(p) for p in self.page_files()}
        chosen: set[str] = set()
        for given in paths:
            path = given.resolve()
            if not path.exists():
                raise PageError(f"{given}: no such file or folder")
            if path == root or path == self.facts_dir.resolve() or self.facts_dir.resolve() in path.parents:
                return None
            if path.is_dir():
                inside = {rel for page, rel in pages.items() if path in page.parents}
                if not inside:
                    raise PageError(f"{given}: no pages in this folder (pages are the .md files under {DOCS_DIR}/)")
                chosen |= inside
            elif path in pages:
                chosen.add(pages[path])
            else:
                raise PageError(f"{given}: not a page of the project at {self.root} "
                                f"(pages are the .md files under {DOCS_DIR}/; the registry is under {FACTS_DIR}/)")
        return frozenset(chosen)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def docname(self, path: Path) -> str:
        return path.relative_to(self.docs_dir).with_suffix("").as_posix()

    def config_values(self) -> dict[str, Any]:
        """``[tool.factcheck]`` of the project's pyproject.toml as written (empty if there is none)."""
        path = self.root / "pyproject.toml"
        if not path.is_file():
            return {}
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"pyproject.toml: cannot read [tool.factcheck] ({exc})") from None
        values = data.get("tool", {}).get("factcheck", {})
        return values if isinstance(values, dict) else {}

    def config(self) -> FactcheckConfig:
        """The validated settings of ``[tool.factcheck]``."""
        return FactcheckConfig.from_mapping(self.config_values(), "pyproject.toml [tool.factcheck]")

    def stale_after_days(self) -> int:
        return self.config().stale_after_days

    def myst_extensions(self) -> frozenset[str]:
        """The MyST syntax extensions the site's ``conf.py`` enables (``myst_enable_extensions``),
        read through Sphinx's own configuration reader, so the checks parse pages as the build does.
        A project without ``conf.py`` gets MyST's defaults."""
        for folder in (self.root, self.docs_dir):
            if (folder / "conf.py").is_file():
                return read_myst_extensions(folder)
        return frozenset()

    def load_registry(self) -> Registry:
        return load_registry(self.facts_dir, self.root)

    def load_registry_partially(self) -> LoadResult:
        return load_registry_partially(self.facts_dir, self.root)

    def load_pages(self) -> list[Page]:
        extensions = self.myst_extensions()
        pages = []
        for path in self.page_files():
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise PageError(f"{self.relative(path)}:1: not UTF-8 text; save it as UTF-8") from None
            except OSError as exc:
                raise PageError(f"{self.relative(path)}:1: cannot read ({exc.strerror})") from None
            pages.append(extract_page(text, self.relative(path), self.docname(path), extensions))
        return pages


def load_draft(path: Path, myst_extensions: frozenset[str]) -> Page:
    """A draft to check against the registry, from anywhere (not only docs/), read as the site's
    pages are (Markdown with the site's MyST extensions) or as plain text: its findings name it
    as the user wrote its path."""
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PageError(f"{shown}:1: not UTF-8 text; save it as UTF-8") from None
    except IsADirectoryError:
        raise PageError(f"{shown}: is a folder; give the draft's file") from None
    except OSError as exc:
        raise PageError(f"{shown}: cannot read ({exc.strerror})") from None
    return extract_draft(text, shown, myst_extensions)
