"""Find a project's pages and registry on disk and load them for the engine."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from checks.core.config import DEFAULT_STALE_AFTER_DAYS
from checks.core.errors import PageError
from checks.pages.extract import extract_draft, extract_page
from checks.pages.model import Page
from checks.registry.loader import load_registry
from checks.registry.model import Registry

DOCS_DIR = "docs"
FACTS_DIR = "facts"
_SKIP = {"_build", "_static", "_templates", "node_modules"}


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

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def docname(self, path: Path) -> str:
        return path.relative_to(self.docs_dir).with_suffix("").as_posix()

    def config(self) -> dict:
        """``[tool.factcheck]`` of the project's pyproject.toml (empty if there is none)."""
        path = self.root / "pyproject.toml"
        if not path.is_file():
            return {}
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PageError(f"pyproject.toml: cannot read [tool.factcheck] ({exc})") from None
        return data.get("tool", {}).get("factcheck", {})

    def stale_after_days(self) -> int:
        value = self.config().get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise PageError(f"pyproject.toml: [tool.factcheck] stale_after_days must be a positive "
                            f"whole number of days, not {value!r}")
        return value

    def load_registry(self) -> Registry:
        return load_registry(self.facts_dir, self.root)

    def load_pages(self) -> list[Page]:
        pages = []
        for path in self.page_files():
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise PageError(f"{self.relative(path)}:1: not UTF-8 text; save it as UTF-8") from None
            except OSError as exc:
                raise PageError(f"{self.relative(path)}:1: cannot read ({exc.strerror})") from None
            pages.append(extract_page(text, self.relative(path), self.docname(path)))
        return pages


def load_draft(path: Path) -> Page:
    """A draft to check against the registry, from anywhere (not only docs/): its findings name
    it as the user wrote its path."""
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PageError(f"{shown}:1: not UTF-8 text; save it as UTF-8") from None
    except IsADirectoryError:
        raise PageError(f"{shown}: is a folder; give the draft's file") from None
    except OSError as exc:
        raise PageError(f"{shown}: cannot read ({exc.strerror})") from None
    return extract_draft(text, shown)
