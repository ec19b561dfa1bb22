"""Where things are in a document, as an editor counts: finding spans, roles and registry lines.

The engine counts lines from 1 and columns in characters (code points) from 1; LSP counts both
from 0 and columns in the client's code units (UTF-16 unless the client chose otherwise). Spans
are worked out in characters first, then converted with pygls's position codec.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import PositionCodec

from checks.core.findings import Location
from checks.pages.model import Page, Reference

_NEWLINE = re.compile(r"\r\n?|\n")
_WORD = re.compile(r"\S+")


class Span(NamedTuple):
    """A stretch of a document: 0-based lines, 0-based character columns, end exclusive."""

    line: int
    character: int
    end_line: int
    end_character: int

    def contains(self, line: int, character: int) -> bool:
        return (self.line, self.character) <= (line, character) <= (self.end_line, self.end_character)

    def overlaps(self, other: Span) -> bool:
        return (self.line, self.character) <= (other.end_line, other.end_character) and \
            (other.line, other.character) <= (self.end_line, self.end_character)


def split_lines(text: str) -> list[str]:
    """A document's lines as the extractor and editors count them (\\r\\n, \\r and \\n end a line)."""
    return _NEWLINE.split(text)


def line_span(lines: list[str], line: int) -> Span:
    """The written part of a line (without its indentation), for findings about a whole line."""
    line = min(max(line, 0), max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return Span(line, start, line, end if end > start else len(text))


def location_span(location: Location, lines: list[str]) -> Span:
    """The span of a finding's location: its exact words where the check gave them, the word at
    its column where it gave only that, else the written part of its line."""
    line = location.line - 1
    if not location.column:
        return line_span(lines, line)
    start = location.column - 1
    if location.end_line is not None and location.end_column is not None:
        return Span(line, start, location.end_line - 1, location.end_column - 1)
    text = lines[line] if 0 <= line < len(lines) else ""
    word = _WORD.match(text, start)
    return Span(line, start, line, word.end() if word else len(text))


def to_range(span: Span, lines: list[str], codec: PositionCodec) -> types.Range:
    start = codec.position_to_client_units(lines, types.Position(span.line, span.character))
    end = codec.position_to_client_units(lines, types.Position(span.end_line, span.end_character))
    return types.Range(start=start, end=end)


def from_position(position: types.Position, lines: list[str], codec: PositionCodec) -> tuple[int, int]:
    """(line, character) in characters of a client position."""
    server = codec.position_from_client_units(lines, types.Position(position.line, position.character))
    return server.line, server.character


def reference_at(page: Page, lines: list[str], line: int, character: int) -> Reference | None:
    """The ``{fact}`` reference written at (line, character), if any."""
    for ref in page.references:
        if ref.location.column and location_span(ref.location, lines).contains(line, character):
            return ref
    return None


def path_of(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def uri_of(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()
