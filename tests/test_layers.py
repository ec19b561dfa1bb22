"""The package's folders show the flow (registry -> pages -> rules -> engine -> reports and
adapters), and nothing imports upward: checked on every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checks"

# What each part may import of ``checks`` (itself included). Adapters (cli, sphinx_ext) may import
# anything below them; ``checks/__init__.py`` only holds the version.
ALLOWED = {
    "core": {"core"},
    "registry": {"core", "registry"},
    "pages": {"core", "registry", "pages"},
    "rules": {"core", "registry", "pages"},  # never another rule
    "engine": {"core", "registry", "pages", "rules"},
    "project": {"core", "registry", "pages"},
    "report": {"core", "report"},
    "exports": {"core", "registry", "exports"},
}
# Third-party modules a layer must not know: rules see pages through the page model only.
FORBIDDEN_THIRD_PARTY = {"rules": {"markdown_it", "myst_parser", "sphinx", "docutils"},
                         "registry": {"markdown_it", "myst_parser", "sphinx", "docutils"},
                         "core": {"markdown_it", "myst_parser", "sphinx", "docutils", "yaml"}}


def _part(module: Path) -> str:
    rel = module.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(module: Path) -> list[tuple[int, str]]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "checks":
                found.extend((node.lineno, f"checks.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "." * node.level + (node.module or "")))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if _part(p) in ALLOWED)


def violations(module: Path, part: str) -> list[str]:
    wrong = []
    for line, name in _imports(module):
        if name.startswith("."):
            wrong.append(f"line {line}: relative import '{name}' (write checks.<part>...)")
            continue
        top = name.split(".")[0]
        if top == "checks":
            target = name.split(".")[1] if "." in name else "__init__"
            if target in ("__version__", "__init__"):
                continue
            if part == "rules" == target:
                wrong.append(f"line {line}: a rule imports another rule ({name})")
            elif target not in ALLOWED[part]:
                wrong.append(f"line {line}: {part} imports {name}")
        elif top in FORBIDDEN_THIRD_PARTY.get(part, ()):
            wrong.append(f"line {line}: {part} imports {name}")
    return wrong


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_upward(module):
    assert violations(module, _part(module)) == []


def test_every_part_is_checked():
    parts = {_part(p) for p in PACKAGE.rglob("*.py")}
    assert parts - set(ALLOWED) <= {"__init__", "__main__", "cli", "sphinx_ext", "lsp"}, parts


def test_upward_imports_are_caught(tmp_path):
    rule = tmp_path / "rule.py"
    rule.write_text("from checks.report import FORMATS\nfrom checks.rules.names import check_names\n"
                    "from markdown_it import MarkdownIt\nfrom . import sibling\nfrom checks.pages.model import Page\n")
    assert violations(rule, "rules") == [
        "line 1: rules imports checks.report",
        "line 2: a rule imports another rule (checks.rules.names)",
        "line 3: rules imports markdown_it",
        "line 4: relative import '.' (write checks.<part>...)",
    ]
