"""Read YAML safely, keeping the line of every value.

Every scalar stays a string (typing is the registry's job); tags, anchors and aliases are refused
(tags can construct objects; aliases can blow a small file up into a huge tree); duplicate keys are
errors rather than silently overwritten.
"""

from __future__ import annotations

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

    def __new__(cls, value: str, line: int) -> "Text":
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
    """Parse one YAML document into Text/Mapping/Sequence values, or raise :class:`RegistryError`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
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
        return _convert(node, path, set())
    except _AliasFound:
        # composed nodes carry the anchor's position; the events know where the alias is
        line = next((e.start_mark.line + 1 for e in yaml.parse(text, Loader=_Loader)
                     if isinstance(e, yaml.AliasEvent) and e.start_mark is not None), 1)
        raise RegistryError(path, line, "anchors and aliases (&name, *name) are not allowed; "
                            "write the value out") from None


class _AliasFound(Exception):
    pass


def _convert(node: yaml.Node, path: str, seen: set[int]) -> object:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _AliasFound()
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise RegistryError(path, line, f"YAML tag '{node.tag}' is not allowed; remove it and write a plain value")
    if isinstance(node, yaml.ScalarNode):
        return Text(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(_convert(item, path, seen) for item in node.value)
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
        if key in mapping:
            raise RegistryError(path, key_line,
                                f"duplicate key '{key}' (first on line {mapping.key_lines[key]}); keep one")
        mapping[key] = _convert(value_node, path, seen)
        mapping.key_lines[key] = key_line
    return mapping

