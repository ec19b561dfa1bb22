"""Read YAML safely, keeping the line of every value.

Every scalar stays a string (typing is the registry's job); tags, anchors and aliases are refused
(tags can construct objects; aliases can blow a small file up into a huge tree); duplicate keys are
errors rather than silently overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from checks.core.errors import RegistryError

# The base loader resolves every untagged value to str, seq or map, so any other tag was written
# explicitly. libyaml is much faster on large files; the pure-Python parser gives the same nodes.
_Loader: type[yaml.BaseLoader] | type[yaml.CBaseLoader]
try:
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Loader

_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class Text(str):
    """A scalar with the 1-based line it was written on."""

    line: int

    def __new__(cls, value: str, line: int) -> Text:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj


class Mapping(dict[str, Any]):
    """A mapping with its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class Sequence(list[Any]):
    """A sequence with its own line."""

    line: int


def load_yaml(text: str, path: str) -> object:
    """Parse one YAML document into Text/Mapping/Sequence values, or raise :class:`RegistryError`.

    A well-formed registry file is read in one pass over the parser's events (:func:`_read_plain`);
    anything that pass does not accept (a syntax error, a tag, an anchor, a duplicate key, ...) is
    read again by the careful path (:func:`_read_carefully`), which names the problem and its line.
    The two give equal values and lines for every file the first accepts (tested)."""
    try:
        return _read_plain(text)
    except (_NotPlain, yaml.YAMLError):
        pass
    return _read_carefully(text, path)


class _NotPlain(Exception):
    """The file holds something only the careful path can report (or accept) exactly."""


_PLAIN_STYLES = (None, "")  # a plain scalar's style: None in pure Python, "" in libyaml
_UNTAGGED = (None, "!")  # no tag written ("!" marks a quoted scalar without one)


def _read_plain(text: str) -> object:
    """Build the values straight from libyaml's events: no node tree, no tag resolution.

    Composing nodes, resolving each node's tag in Python and then converting the tree took about
    three quarters of loading a registry of 10,000 facts; this pass builds each value once. It runs
    once per event (about 20 a record), so it keeps its state in local variables."""
    parser = _Loader(text)
    try:
        # the stubs type events loosely (a mark may be None); libyaml always gives them here
        get_event: Callable[[], Any] = parser.get_event
        get_event()  # stream start
        if type(get_event()) is yaml.StreamEndEvent:
            return None  # an empty file
        lines: list[str] | None = None
        new_str = str.__new__
        root: Any = None
        parent: Any = None  # the innermost open mapping or sequence
        in_mapping = False
        key: str | None = None  # in a mapping: the key that waits for its value (None: a key is due)
        key_line = 0
        outer: list[tuple[Any, bool, str | None, int]] = []  # the containers around ``parent``
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _NotPlain
                start = event.start_mark.line
                if in_mapping and key is None:
                    key = event.value
                    if key in parent:
                        raise _NotPlain  # a duplicate key: the careful path says which and where
                    key_line = start + 1
                    continue
                if event.end_mark.line > start and event.style in _PLAIN_STYLES:
                    if lines is None:
                        lines = text.splitlines()
                    if _folded_item_line(start, event.end_mark.line, lines) is not None:
                        raise _NotPlain
                value: Any = new_str(Text, event.value)
                value.line = start + 1
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _NotPlain
                if in_mapping and key is None:
                    raise _NotPlain  # a key that is not a plain word
                outer.append((parent, in_mapping, key, key_line))
                in_mapping = kind is MappingStartEvent
                parent = Mapping() if in_mapping else Sequence()
                parent.line = event.start_mark.line + 1
                if in_mapping:
                    parent.key_lines = {}
                key = None
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = parent
                parent, in_mapping, key, key_line = outer.pop()
            elif kind is yaml.DocumentEndEvent:
                break
            else:  # an alias
                raise _NotPlain
            if in_mapping:
                parent[key] = value
                parent.key_lines[key] = key_line
                key = None
            elif parent is not None:
                parent.append(value)
            else:
                root = value
        if type(get_event()) is not yaml.StreamEndEvent:
            raise _NotPlain  # a second document
        return root
    finally:
        parser.dispose()


ScalarEvent, MappingStartEvent, MappingEndEvent = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
SequenceStartEvent, SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _read_carefully(text: str, path: str) -> object:
    """The node tree, converted value by value, with every problem named at its line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        slip = explain_slip(text, exc)
        if slip is not None:
            raise RegistryError(path, slip[0], f"malformed YAML: {slip[1]}") from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            # an unclosed bracket or quote is noticed lines later: say where it was opened
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise RegistryError(path, line, f"malformed YAML: {problem}; fix the syntax") from None
    except yaml.YAMLError as exc:
        raise RegistryError(path, 1, f"malformed YAML: {exc}; fix the syntax") from None
    if node is None:
        return None
    try:
        return _convert(node, path, set(), text.splitlines())
    except _AliasFound:
        # composed nodes carry the anchor's position; the events know where the alias is
        line = next((e.start_mark.line + 1 for e in yaml.parse(text, Loader=_Loader)
                     if isinstance(e, yaml.AliasEvent) and e.start_mark is not None), 1)
        raise RegistryError(path, line, "anchors and aliases (&name, *name) are not allowed; "
                            "write the value out") from None


class _AliasFound(Exception):
    pass


def _refuse_folded_item(node: yaml.ScalarNode, path: str, lines: list[str]) -> None:
    """A list item indented deeper than the one above it is folded into that item's value
    (``- src-b`` then ``   - src-a`` reads as the one value ``src-b - src-a``): say so, at its line."""
    first, last = node.start_mark.line, node.end_mark.line
    if node.style not in _PLAIN_STYLES or last <= first:
        return
    folded = _folded_item_line(first, last, lines)
    if folded is not None:
        raise RegistryError(path, folded + 1, f"this list item is indented more than the one above it (line "
                            f"{first + 1}), so YAML reads both as one value ('{node.value}'): indent it "
                            f"like line {first + 1}")


def _folded_item_line(first: int, last: int, lines: list[str]) -> int | None:
    """The first line after ``first`` up to ``last`` (0-based) that reads as a list item, if any."""
    for i in range(first + 1, min(last, len(lines) - 1) + 1):
        if _ITEM.match(lines[i]):
            return i
    return None


# -- the usual slips, named by their cause -------------------------------------------------------
# PyYAML reports what its parser expected ("mapping values are not allowed here"); an editor wants
# to know what they did. These are the slips seen in registry files, recognised from the error and
# the lines around it; anything else keeps PyYAML's own words.
_KEY = re.compile(r"^(?P<indent> *)(?:- +)*(?P<key>[^\s:#'\"][^:#]*?):(?:[ \t]|$)")
_ITEM = re.compile(r"^ *- ")


def _key_column(line: str) -> int:
    """Where the key of a line starts (after any ``- ``), else where its text starts."""
    stripped = line.lstrip(" ")
    column = len(line) - len(stripped)
    while stripped.startswith("- "):
        rest = stripped[2:].lstrip(" ")
        column += len(stripped) - len(rest)
        stripped = rest
    return column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above ``index`` that holds YAML (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def explain_slip(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """(line, message) naming the cause of a common slip, or None to keep PyYAML's message."""
    lines = text.splitlines()
    problem = exc.problem or ""
    mark = exc.problem_mark
    if mark is None or not lines:
        return None
    at = min(mark.line, len(lines) - 1)
    if "tab" in problem or "'\\t'" in problem or "\t" in lines[at][:_indent(lines[at]) + 1]:
        tabbed = next((i for i in range(len(lines)) if "\t" in lines[i][:len(lines[i]) - len(lines[i].lstrip())]), at)
        return tabbed + 1, "this line is indented with a tab; YAML indents with spaces only"
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        start = exc.context_mark.line
        if re.match(r"^ *(?:- +)?[\w-]+:\S", lines[start]):
            return start + 1, "a key needs a space after its colon ('key: value')"
        return None
    above = _line_above(lines, at)
    if above is None:
        return None
    line, prev = lines[at], lines[above]
    column, prev_column = _key_column(line), _key_column(prev)
    opens_block = prev.rstrip().endswith(":") or prev.rstrip() == "-"
    if "mapping values are not allowed" in problem:
        if column > prev_column and not opens_block:
            return at + 1, (f"this line is indented more than the key above it (line {above + 1}): "
                            "indent it like that key")
        value = line.split(":", 1)[1] if ":" in line else ""
        if ": " in value or value.rstrip().endswith(":"):
            return at + 1, "the value holds ': ', which YAML reads as another key: put the value in quotes"
        return None
    if "expected '-' indicator" in problem or "did not find expected key" in problem:
        stripped = line.strip()
        value = line.split(":", 1)[1].strip() if _KEY.match(line) else ""
        if value[:1] in ("'", '"') and len(value) > 1 and not value.endswith(value[0]):
            return at + 1, ("a value that begins with a quotation mark must end with it: put the whole value "
                            f"in the other kind of quotes, e.g. '{value}'" if value[0] == '"' else
                            f"a value that begins with a quotation mark must end with it: e.g. \"{value}\"")
        if _ITEM.match(line) and not _ITEM.match(prev) and _indent(line) <= prev_column and not opens_block:
            return at + 1, ("a list item ('- ') where a key was expected: indent it under the key it belongs "
                            "to, or, if it starts a new record, begin it at the left margin")
        if column < prev_column and not opens_block and stripped:
            return at + 1, (f"this line is indented less than the key above it (line {above + 1}): indent it "
                            "like that key, or start a new record with '- '")
        if column > prev_column and not opens_block:
            return at + 1, (f"this line is indented more than the key above it (line {above + 1}): indent it "
                            "like that key")
    return None


def _convert(node: yaml.Node, path: str, seen: set[int], lines: list[str]) -> object:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _AliasFound()
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise RegistryError(path, line, f"YAML tag '{node.tag}' is not allowed; remove it and write a plain value")
    if isinstance(node, yaml.ScalarNode):
        _refuse_folded_item(node, path, lines)
        return Text(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(_convert(item, path, seen, lines) for item in node.value)
        seq.line = line
        return seq
    mapping = Mapping()
    mapping.line = line
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise RegistryError(path, key_node.start_mark.line + 1, "a key must be a plain word")
        key = key_node.value
        key_line = key_node.start_mark.line + 1
        if key in mapping and key == "id":
            raise RegistryError(path, key_line, f"a second 'id' in one record (the first is on line "
                                f"{mapping.key_lines[key]}): a new record starts with '- ' ('- id: ...')")
        if key in mapping:
            raise RegistryError(path, key_line,
                                f"duplicate key '{key}' (first on line {mapping.key_lines[key]}); keep one")
        mapping[key] = _convert(value_node, path, seen, lines)
        mapping.key_lines[key] = key_line
    return mapping

