"""The registry's YAML is read in one pass over libyaml's events when it can be, and by the careful
path (compose, convert, name every problem) otherwise. Both must give the same values with the same
lines, and every file the fast pass refuses must get the careful path's own answer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.core.errors import RegistryError
from checks.registry.yaml_lines import Mapping, Sequence, Text, _NotPlain, _read_carefully, _read_plain, load_yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


def shape(value: Any) -> Any:
    """Everything a reader of the values can see: type, text, own line, keys in order with their lines."""
    if isinstance(value, Mapping):
        return ("map", value.line, [(k, value.key_lines[k], shape(v)) for k, v in value.items()])
    if isinstance(value, Sequence):
        return ("seq", value.line, [shape(v) for v in value])
    if isinstance(value, Text):
        return ("text", value.line, str(value))
    assert value is None, type(value)
    return None


def careful(text: str) -> Any:
    try:
        return shape(_read_carefully(text, "facts/a.yaml"))
    except RegistryError as exc:
        return ("error", exc.line, exc.message)


def assert_same(text: str) -> bool:
    """load_yaml answers as the careful path does; True when the fast pass itself accepted the text."""
    expected = careful(text)
    try:
        got = shape(load_yaml(text, "facts/a.yaml"))
    except RegistryError as exc:
        got = ("error", exc.line, exc.message)
    assert got == expected
    try:
        fast = shape(_read_plain(text))
    except (_NotPlain, yaml.YAMLError):
        return False
    assert fast == expected
    return True


def _is_utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False  # a broken-input case: the loader refuses it before YAML is read
    return True


def yaml_files() -> list[Path]:
    files = sorted((REPO / "facts").rglob("*.yaml")) + sorted((REPO / "tests").rglob("*.yaml"))
    assert len(files) > 20
    return [path for path in files if _is_utf8(path)]


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_yaml_file_of_the_repository_reads_the_same(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8"))


def test_the_explainers_registry_takes_the_fast_pass() -> None:
    for path in sorted((REPO / "facts").glob("*.yaml")):
        assert assert_same(path.read_text(encoding="utf-8")), path


def test_a_generated_registry_reads_the_same(tmp_path: Path) -> None:
    generate(tmp_path, pages=5, facts=200, seed=3)
    files = sorted((tmp_path / "facts").glob("*.yaml"))
    assert files
    for path in files:
        assert assert_same(path.read_text(encoding="utf-8")), path


SNIPPETS = [
    "",
    "# only a comment\n",
    "---\n- id: a\n...\n",
    "- id: a\n  note: >\n    folded\n    text\n  quote: |\n    kept\n    lines\n",
    "- id: a\n  note: a plain value\n    that goes on\n    over lines\n",
    "- {id: a, kind: event, sources: [x, 'y', \"z\"]}\n",
    "- id: a\n  'quoted key': 1\n  \"other\": 2\n",
    "- id: a\n  empty:\n  list: []\n  map: {}\n",
    "- id: a\n  nested:\n    - - deep\n      - deeper\n    - {k: v}\n",
    "- id: !!str a\n",                      # an explicit plain tag: allowed, careful path
    "- id: !!python/object a\n",            # refused
    "- id: a\n  sources: &s [x]\n- id: b\n  sources: *s\n",  # alias refused
    "- id: a\n  anchored: &x value\n",       # an anchor without alias
    "- id: a\n  id: b\n",                   # a second id
    "- id: a\n  k: 1\n  k: 2\n",              # duplicate key
    "- id: a\n  ? [complex, key]\n  : v\n",  # a key that is not a word
    "- id: a\n---\n- id: b\n",               # two documents
    "- id: a\n  sources:\n    - src-a\n     - src-b\n",  # a folded item
    "- id: a\n  label: x: y\n",              # a syntax slip
    "plain scalar at the top\n",
    "key: value\n",
    "- id: \"a\\u00e9\\n\"\n  label: 'it''s'\n",
    "- id: a\n  label: ~\n  other: null\n  flag: yes\n  n: 0x1f\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_read_the_same(text: str) -> None:
    assert_same(text)


def test_the_fast_pass_refuses_what_only_the_careful_path_can_name() -> None:
    for text in SNIPPETS[10:19]:
        with pytest.raises((_NotPlain, yaml.YAMLError)):
            _read_plain(text)


WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
VALUES = st.recursive(
    WORDS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(WORDS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from([None, False, True]), st.integers(min_value=2, max_value=6),
       st.sampled_from([None, "'", '"']))
def test_any_dumped_value_reads_the_same(value: Any, flow: bool | None, indent: int, style: str | None) -> None:
    text = yaml.dump(value, default_flow_style=flow, indent=indent, default_style=style, allow_unicode=True,
                     width=30)
    assert_same(text)


def test_fact_digests_hash_the_plain_values(tmp_path: Path) -> None:
    """The digest (what incremental builds compare) is the hash of the record's plain values and its
    file, as read by a loader that keeps no lines: the lines the loader carries take no part."""
    from checks.registry.loader import load_registry
    from checks.registry.model import fact_digest

    generate(tmp_path, pages=5, facts=200, seed=5)
    registry = load_registry(tmp_path / "facts")
    checked = 0
    for path in sorted((tmp_path / "facts").glob("*.yaml")):
        for record in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader):
            if record["id"] in registry.facts:
                assert registry.facts[record["id"]].digest == fact_digest(record, f"facts/{path.name}")
                checked += 1
    assert checked == len(registry.facts) > 100


def _check_text(root: Path) -> tuple[str, dict[str, Any]]:
    from checks.core.config import Settings
    from checks.engine import check_loaded_project
    from checks.project import Project
    from checks.report.json import format_json
    from checks.report.text import format_text

    project = Project(root)
    loaded = project.load_registry_partially()
    report = check_loaded_project(loaded, project.load_pages(), Settings())
    facts = {fid: (fact, fact.lines) for fid, fact in loaded.registry.facts.items()}
    return format_text(report, coverage=True) + format_json(report), facts


def test_findings_and_records_are_the_same_through_the_careful_path(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The explainer and a generated project with planted findings: same records (with the line of
    every key) and byte-identical reports whether the fast pass reads the registry or not."""
    generate(tmp_path, pages=10, facts=150, seed=11)
    fast = [_check_text(root) for root in (REPO, tmp_path)]

    refused = []

    def refuse(text: str) -> object:
        refused.append(text)
        raise _NotPlain

    monkeypatch.setattr("checks.registry.yaml_lines._read_plain", refuse)
    slow = [_check_text(root) for root in (REPO, tmp_path)]
    assert refused
    assert fast == slow
    assert "warning" in fast[1][0]  # the generated project has findings to compare
