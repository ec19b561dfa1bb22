"""The usual slips in a registry file are named by their cause, at the line to fix, instead of in
the YAML parser's words ("mapping values are not allowed here") or as a consequence ("id 'src-b -
src-a' is not lowercase kebab-case")."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.core.errors import RegistryError
from checks.registry.loader import load_registry_partially
from checks.registry.yaml_lines import load_yaml

RECORD = """- id: congress-7
  kind: event
  label: 7th Congress
  date: 2016-05-06/2016-05-09
  sources:
    - src-a
    - src-b
  status: verified
"""


def slip(old: str, new: str) -> str:
    assert old in RECORD
    return RECORD.replace(old, new, 1)


YAML_SLIPS = [
    ("a key indented more than the one above",
     slip("  label:", "   label:"), 3, "this line is indented more than the key above it (line 2): indent it like that key"),
    ("a key indented less than the one above",
     slip("  label:", " label:"), 3, "this line is indented less than the key above it (line 2)"),
    ("a key at the left margin inside a record",
     slip("  label:", "label:"), 3, "this line is indented less than the key above it (line 2)"),
    ("no space after the colon",
     slip("  label: 7th", "  label:7th"), 3, "a key needs a space after its colon ('key: value')"),
    ("a tab for indentation",
     slip("  label:", "\tlabel:"), 3, "this line is indented with a tab; YAML indents with spaces only"),
    ("': ' inside a value",
     slip("label: 7th Congress", "label: 7th Congress: the first since 1980"), 3,
     "the value holds ': ', which YAML reads as another key: put the value in quotes"),
    ("a value that starts with a quotation mark but goes on after it",
     slip("label: 7th Congress", 'label: "7th" Congress'), 3,
     "a value that begins with a quotation mark must end with it"),
    ("a list item indented more than the one above",
     slip("    - src-b", "     - src-b"), 7,
     "this list item is indented more than the one above it (line 6), so YAML reads both as one value "
     "('src-a - src-b'): indent it like line 6"),
    ("a second record indented like the keys",
     RECORD + "  - id: congress-6\n    kind: event\n", 9, "a list item ('- ') where a key was expected"),
    ("a second record without its dash",
     RECORD + "  id: congress-6\n  kind: event\n", 9,
     "a second 'id' in one record (the first is on line 1): a new record starts with '- '"),
]


@pytest.mark.parametrize("text, line, message", [case[1:] for case in YAML_SLIPS],
                         ids=[case[0] for case in YAML_SLIPS])
def test_a_yaml_slip_is_named_by_its_cause(text: str, line: int, message: str):
    with pytest.raises(RegistryError) as raised:
        load_yaml(text, "facts/a.yaml")
    assert (raised.value.line, raised.value.message.removeprefix("malformed YAML: ")[:len(message)]) == \
        (line, message)


def test_an_unclosed_bracket_keeps_the_parsers_words_and_where_it_opened():
    with pytest.raises(RegistryError) as raised:
        load_yaml(slip("  sources:\n    - src-a\n    - src-b\n", "  sources: [src-a\n"), "facts/a.yaml")
    assert "(while parsing a flow sequence that starts on line 5)" in raised.value.message


@pytest.mark.parametrize("text, line, message", [
    (slip("  label: 7th Congress\n", "- label: 7th Congress\n"), 3,
     "this '- ' starts a record with neither 'id' nor 'kind': if the line continues the record above, "
     "remove the '- '"),
    (slip("- id: congress-7\n", "- id:\n    - congress-7\n"), 2,
     "'id' must be a single value, not a list: write 'id: the-id' on one line"),
], ids=["a stray dash", "an id written as a list"])
def test_a_record_slip_is_named_by_its_cause(tmp_path: Path, text: str, line: int, message: str):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a.yaml").write_text(text, encoding="utf-8")
    errors = load_registry_partially(facts, tmp_path).errors
    assert any(e.line == line and e.message.startswith(message) for e in errors), errors
