"""Extract what the checks need from a MyST page: fact references, prose runs, front matter.

Pages are tokenised with the same markdown-it parser MyST uses, so code blocks, inline code and
raw HTML are never mistaken for prose, and directive bodies are read as the build reads them.
Every item carries its exact line in the page (MyST itself only knows a paragraph's first line).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.model import Anchor, Page, Paragraph, Reference, TextRun, source_position

ROLE_FACT = "fact"
ROLE_NOFACT = "nofact"
# Words in quotation marks that are a term, title or name, not a quotation ("Arduous March").
# Not "term": Sphinx resolves {term} to its glossary role before any role of ours.
ROLE_PHRASE = "phrase"
# Directives whose body is not prose (code, data, generated listings).
NON_PROSE_DIRECTIVES = {
    "code", "code-block", "sourcecode", "code-cell", "literalinclude", "include", "math", "raw",
    "eval-rst", "csv-table", "toctree", "timeline", "fact-index", "source-index", "corrections",
    "fact-timeline", "factcheck-codes", "mermaid", "graphviz",
}
_ROLE_TARGET = re.compile(r"^(?P<words>.*?)\s*<(?P<target>[^<>]*)>\s*$", re.DOTALL)
# A role whose backtick is never closed is left as plain text by the parser (and printed raw).
_UNCLOSED_ROLE = re.compile(r"\{fact\}`(?P<rest>[^`\n]*)")
# Source characters a text token may leave out between two of its own: a backslash, an entity.
_MAX_SKIP = 8
_NEWLINE = re.compile(r"\r\n?")
# White space inside a role's content as the source may write it: spaces, or a line break with the
# next line's indentation and block quote marks.
_SEPARATOR = r"(?:[ \t]|\n[ \t>]*)+"
_SEPARATOR_PATTERN = re.compile(_SEPARATOR)
# How far below the cursor a role is looked for (the parser found it in this paragraph).
_ROLE_LOOKAHEAD_LINES = 400


class _FoundRole(NamedTuple):
    """Where a role is written: start and end (just after the closing backtick), 0-based, and
    anchors for its content."""

    line: int
    column: int
    end_line: int
    end_column: int
    anchors: tuple[Anchor, ...]


@lru_cache(maxsize=4)
def _parser(extensions: frozenset[str]) -> MarkdownIt:
    """MyST's own markdown-it parser with the site's syntax extensions (``myst_enable_extensions``)."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def parse_role_content(raw: str) -> tuple[str, str | None]:
    """``congress-7`` -> (``congress-7``, None); ``May 6 <congress-7>`` -> (``congress-7``, ``May 6``)."""
    m = _ROLE_TARGET.match(raw)
    if m:
        return m["target"].strip(), m["words"].strip() or None
    return raw.strip(), None


def extract_page(text: str, path: str, docname: str, myst_extensions: Iterable[str]) -> Page:
    """Read one page's source with the MyST syntax extensions the site enables. Never raises on odd
    markup: unreadable roles become references that the checks report as malformed."""
    return extract(text, path, docname, myst_extensions).page


@dataclass(frozen=True)
class Block:
    """One top-level block of a page (a paragraph, a heading, a list, a directive...): its lines,
    0-based from ``start`` up to ``end`` (exclusive), and what was extracted from it."""

    start: int
    end: int
    kind: str  # the type of its opening token
    # whether extracting it read no line outside its own (every role was found within them)
    local: bool
    references: tuple[Reference, ...]
    runs: tuple[TextRun, ...]
    not_claims: tuple[TextRun, ...]
    phrases: tuple[TextRun, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Extraction:
    """A page as extracted, block by block, for :func:`re_extract` to reuse the blocks an edit
    did not touch."""

    page: Page
    extensions: frozenset[str]
    lines: tuple[str, ...]  # the source's lines (line breaks as the parser reads them)
    blocks: tuple[Block, ...]
    # False when a block may depend on another: link or footnote definitions (which any block's
    # text may use), line breaks the parser rewrites (\r), a top-level token without lines
    reusable: bool


def extract(text: str, path: str, docname: str, myst_extensions: Iterable[str]) -> Extraction:
    """:func:`extract_page`, keeping the page's blocks for :func:`re_extract`."""
    extensions = frozenset(myst_extensions)
    collector = _Collector(path, text, extensions)
    env: dict[str, Any] = {}
    tokens = _parser(extensions).parse(text, env)
    front: dict[str, Any] = {}
    front_lines: dict[str, int] = {}
    for tok in tokens:
        if tok.type == "front_matter":
            for number, line in enumerate(tok.content.splitlines(), start=2):  # line 1 is '---'
                key = re.match(r"^([A-Za-z_][\w-]*):", line)
                if key:
                    front_lines.setdefault(key.group(1), number)
            try:
                loaded = yaml.load(tok.content, Loader=yaml.BaseLoader)  # strings only, no tags
            except yaml.YAMLError:
                loaded = None
            front = loaded if isinstance(loaded, dict) else {}
    spans = _top_level(tokens)
    blocks = collector.blocks(tokens, 0, spans)
    page = Page(path=path, docname=docname, front_matter=front, front_matter_lines=front_lines,
                references=tuple(collector.references),
                runs=tuple(collector.runs), not_claims=tuple(collector.not_claims),
                phrases=tuple(collector.phrases), paragraphs=tuple(collector.paragraphs))
    placed = all(opening.map is not None for _, _, opening in spans)
    reusable = placed and "\r" not in text and not _definitions(env)
    return Extraction(page, extensions, tuple(collector.lines), tuple(blocks), reusable)


def _definitions(env: dict[str, Any]) -> bool:
    """Whether a parse met link or footnote definitions: text anywhere in the page may use them."""
    footnotes = env.get("footnotes")
    return bool(env.get("references")) or (isinstance(footnotes, dict) and bool(footnotes.get("refs")))


def re_extract(previous: Extraction, text: str) -> Extraction:
    """The page ``previous`` was extracted from, after an edit to ``text``: the same as
    :func:`extract`, but the blocks the edit did not touch are reused.

    An edit that keeps the number of lines (typing within lines, as most keystrokes do) is parsed
    again in a window: the touched blocks with the unchanged block before and after them. The
    window is parsed from the start of a top-level block, where the parser's state is fresh, so
    its tokens are those a parse of the whole page gives, as long as its first and last blocks
    come out as they were (then nothing in the window reached into or past them). Anything else
    (lines added or removed, the front matter edited, a block that came out otherwise, a role
    found outside its block) is extracted whole."""
    page = previous.page
    whole = functools.partial(extract, text, page.path, page.docname, previous.extensions)
    if not previous.reusable or "\r" in text:
        return whole()
    lines = text.split("\n")
    old = previous.lines
    if len(lines) != len(old):
        return whole()
    changed = [n for n, (a, b) in enumerate(zip(lines, old, strict=True)) if a != b]
    if not changed:
        return previous
    first, last = changed[0], changed[-1]
    blocks = previous.blocks
    touched = [i for i, block in enumerate(blocks) if block.end > first and block.start <= last]
    # the blocks before and after the edit (by index), and the lines the new blocks may take
    lo = touched[0] if touched else sum(1 for block in blocks if block.end <= first)
    hi = touched[-1] + 1 if touched else lo
    before = blocks[lo - 1] if lo > 0 else None
    after = blocks[hi] if hi < len(blocks) else None
    # Front matter opens on the first line and closes wherever its closing line comes: an edit
    # anywhere may open or close it. Roles are looked for forward from their block's start.
    front = lines[0].startswith("-") and not (blocks and blocks[0].kind == "front_matter")
    if front or any(block.kind == "front_matter" for block in blocks[lo:hi]) \
            or not all(block.local for block in blocks[:lo]):
        return whole()
    start = before.start if before is not None else 0
    end = after.end if after is not None else len(lines)
    env: dict[str, Any] = {}
    tokens = _parser(previous.extensions).parse("\n".join(lines[start:end]), env)
    if _definitions(env):
        return whole()
    spans = _top_level(tokens)
    kept_before = [before] if before is not None else []
    kept_after = [after] if after is not None else []
    if len(spans) < len(kept_before) + len(kept_after) or any(opening.map is None for _, _, opening in spans):
        return whole()
    collector = _Collector(page.path, text, previous.extensions)
    skip = frozenset(range(len(kept_before))) | frozenset(range(len(spans) - len(kept_after), len(spans)))
    window = collector.blocks(tokens, start, spans, skip)
    if [_shape(b) for b in window[:len(kept_before)]] != [_shape(b) for b in kept_before] \
            or [_shape(b) for b in window[len(window) - len(kept_after):]] != [_shape(b) for b in kept_after]:
        return whole()
    new = window[len(kept_before):len(window) - len(kept_after)]
    merged = (*blocks[:lo], *new, *blocks[hi:])
    edited = Page(path=page.path, docname=page.docname, front_matter=page.front_matter,
                  front_matter_lines=page.front_matter_lines,
                  references=tuple(r for b in merged for r in b.references),
                  runs=tuple(r for b in merged for r in b.runs),
                  not_claims=tuple(r for b in merged for r in b.not_claims),
                  phrases=tuple(r for b in merged for r in b.phrases),
                  paragraphs=tuple(p for b in merged for p in b.paragraphs))
    return Extraction(edited, previous.extensions, tuple(lines), merged, True)


def _shape(block: Block) -> tuple[int, int, str]:
    return block.start, block.end, block.kind


# A top-level block's tokens: the first, the last (its closing token) and the opening one.
_Span = tuple[int, int, Token]


def _top_level(tokens: list[Token]) -> list[_Span]:
    """The top-level blocks of a parse: each opening token up to its closing one."""
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        opening = tokens[i]
        j = i
        if opening.nesting == 1:  # up to its closing token, the next at its level
            j = next((k for k in range(i + 1, len(tokens))
                      if tokens[k].level == opening.level and tokens[k].nesting == -1), len(tokens) - 1)
        spans.append((i, j, opening))
        i = j + 1
    return spans


class _Collector:
    def __init__(self, path: str, text: str, extensions: frozenset[str]) -> None:
        self.path = path
        self.extensions = extensions
        # lines as the parser counts them (it reads \r\n and \r as \n)
        self.source = _NEWLINE.sub("\n", text)
        self.lines = self.source.split("\n")
        # folding keeps every character's place: text tokens (smart quotes) are found in these
        # (folded when first needed: a re-extraction reads few lines)
        self.folded_lines: dict[int, str] = {}
        self.line_starts = list(itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))
        self.references: list[Reference] = []
        self.runs: list[TextRun] = []
        self.not_claims: list[TextRun] = []
        self.phrases: list[TextRun] = []
        self.paragraphs: list[Paragraph] = []
        # the lines of the top-level block being read, and whether it read only those
        self.block_lines = range(len(self.lines))
        self.block_local = True

    def blocks(self, tokens: list[Token], offset: int, spans: list[_Span], skip: frozenset[int] = frozenset()
               ) -> list[Block]:
        """Walk the top-level ``tokens`` (of a text that starts at line ``offset``) block by block,
        as :func:`_top_level` divides them; the blocks at the indexes in ``skip`` are only placed,
        not read."""
        found: list[Block] = []
        for number, (first, last, opening) in enumerate(spans):
            start, end = (offset + opening.map[0], offset + opening.map[1]) if opening.map else (-1, -1)
            if number in skip:
                found.append(Block(start, end, opening.type, True, (), (), (), (), ()))
                continue
            counts = (len(self.references), len(self.runs), len(self.not_claims), len(self.phrases),
                      len(self.paragraphs))
            self.block_lines, self.block_local = range(start, end), True
            self.walk(tokens[first:last + 1], offset)
            found.append(Block(start, end, opening.type, self.block_local,
                               tuple(self.references[counts[0]:]), tuple(self.runs[counts[1]:]),
                               tuple(self.not_claims[counts[2]:]), tuple(self.phrases[counts[3]:]),
                               tuple(self.paragraphs[counts[4]:])))
        return found

    def walk(self, tokens: list[Token], offset: int) -> None:
        for i, tok in enumerate(tokens):
            if tok.type == "inline" and tok.map:
                heading = i > 0 and tokens[i - 1].type == "heading_open"
                self.inline(tok, offset + tok.map[0], heading)
            elif tok.type in ("fence", "colon_fence") and tok.map:
                self.directive(tok, offset)

    def directive(self, tok: Token, offset: int) -> None:
        m = re.match(r"^\{([\w:.-]+)\}", tok.info.strip())
        # walk() only hands over tokens with a source map
        if not m or m.group(1) in NON_PROSE_DIRECTIVES or tok.map is None:
            return
        body = tok.content.splitlines()
        skip = 0
        if body and body[0].strip() == "---":  # YAML options block
            end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), None)
            skip = end + 1 if end is not None else 0
        else:
            while skip < len(body) and re.match(r"^:[\w-]+:", body[skip]):
                skip += 1
        # the body starts on the line after the opening fence
        body_start = offset + tok.map[0] + 1 + skip
        inner = _parser(self.extensions).parse("\n".join(body[skip:]), {})
        self.walk(inner, body_start)

    def inline(self, tok: Token, start_line: int, heading: bool = False) -> None:
        line = start_line
        # column cursor to find each role's exact line in the source
        search_line, search_col = start_line, 0
        # where the last text was found in the source: the next text is looked for after it
        text_line, text_col = start_line, 0
        buffer: list[str] = []
        size = 0  # characters in buffer
        anchors: list[Anchor] = []
        buffer_line = line
        paragraph = _ParagraphBuilder(self.path, start_line, heading)

        def flush() -> None:
            nonlocal buffer, size, anchors
            joined = "".join(buffer)
            text = joined.strip()
            if text:
                lead = len(joined) - len(joined.lstrip())
                # a run that starts with a line break (after a role that ends a line) starts below
                first_line = buffer_line + joined.count("\n", 0, lead)
                self.runs.append(TextRun(text, Location(self.path, first_line + 1), heading,
                                         _drop_leading(anchors, lead)))
            buffer, size, anchors = [], 0, []

        link_href: str | None = None
        for child in tok.children or []:
            if child.type in ("softbreak", "hardbreak"):
                buffer.append("\n")
                size += 1
                line += 1
                paragraph.add("\n", line)
                continue
            if child.type == "myst_role":
                name = str(child.meta.get("name"))
                found = self._find_role(name, child.content, search_line, search_col)
                if found is None or found.line not in self.block_lines or found.end_line not in self.block_lines:
                    self.block_local = False  # found outside its block, or looked for past it
                role_line = found.line if found else line
                if found:
                    search_line, search_col = found.line, found.column + 1
                    line = found.end_line
                    text_line, text_col = found.end_line, found.end_column
                flush()
                buffer_line = line
                if name == ROLE_FACT:
                    fact_id, words = parse_role_content(child.content)
                    where = (Location(self.path, role_line + 1, found.column + 1, found.end_line + 1,
                                      found.end_column + 1) if found else Location(self.path, role_line + 1))
                    reference = Reference(fact_id, words, child.content, where, found.anchors if found else ())
                    self.references.append(reference)
                    # the paragraph shows the reference's words (or its id): where they start
                    shown_at = reference.words_offset if words else reference.target_offset
                    shown = source_position(reference.anchors, shown_at)
                    paragraph.column(shown[1] if shown and shown[0] == role_line + 1 else 0)
                    paragraph.add_reference(reference, role_line, line)
                    continue
                paragraph.column(found.column + len(name) + 4 if found else 0)  # after "{name}`"
                if name == ROLE_NOFACT:
                    self.not_claims.append(TextRun(child.content, Location(self.path, role_line + 1)))
                elif name == ROLE_PHRASE:
                    self.phrases.append(TextRun(child.content, Location(self.path, role_line + 1)))
                paragraph.add_quiet(child.content, role_line, line)
                continue
            if child.type == "link_open":
                link_href = str(child.attrs.get("href", ""))
                continue
            if child.type == "link_close":
                link_href = None
                continue
            if child.type == "text":
                if link_href and child.content.strip() == link_href:
                    paragraph.add_quiet(child.content, line, line)
                    continue  # an autolink's visible text is its URL
                if not buffer:
                    buffer_line = line
                placed = self._place_text(child.content, line, text_col if text_line == line else 0)
                if placed:
                    last = placed[-1]
                    text_line, text_col = line, last[2] - 1 + len(child.content) - last[0]
                anchors.extend((size + offset, at_line, column) for offset, at_line, column in placed)
                buffer.append(child.content)
                # the paragraph gets the text stretch by stretch, each at the column it was placed at
                # (0 where the source writes it otherwise: an escape, an entity)
                bounds = [offset for offset, _, _ in placed]
                if not bounds or bounds[0] > 0:
                    paragraph.column(0)
                    paragraph.add(child.content[:bounds[0] if bounds else None], line)
                for i, (offset, _, column) in enumerate(placed):
                    paragraph.column(column)
                    paragraph.add(child.content[offset:bounds[i + 1] if i + 1 < len(bounds) else None], line)
                for m in _UNCLOSED_ROLE.finditer(child.content):  # reported as ref.malformed
                    start = source_position(tuple(placed), m.start())
                    where = (Location(self.path, line + 1, start[1], start[0], start[1] + len(m[0]))
                             if start and start[0] == line + 1 else Location(self.path, line + 1))
                    content_anchors = ((0, start[0], start[1] + len("{fact}`")),) if start else ()
                    self.references.append(Reference("", None, m["rest"], where, content_anchors))
                size += len(child.content)
                continue
            # code_inline, html_inline, images, math: not prose, but they separate runs
            if child.type in ("code_inline", "html_inline", "image"):
                buffer.append(" ")
                size += 1
                paragraph.column(0)
                paragraph.add_quiet(child.content if child.type == "code_inline" else " ", line, line)
        flush()
        built = paragraph.build()
        if built is not None:
            self.paragraphs.append(built)

    def _place_text(self, content: str, line: int, column: int) -> list[Anchor]:
        """Anchors for a text token found on source line ``line`` (0-based) at or after ``column``.

        Tokens hold the text as written except for smart quotes (folded on both sides), escapes and
        entities; where the whole text is not found as written, its characters are matched one by
        one (skipping a few source characters at most: a backslash, an entity's name)."""
        if line >= len(self.lines) or not content:
            return []
        source = self.folded_lines.get(line)
        if source is None:
            source = self.folded_lines[line] = fold(self.lines[line])
        wanted = fold(content)
        pos = source.find(wanted, column)
        if pos >= 0:
            return [(0, line + 1, pos + 1)]
        placed: list[Anchor] = []
        cursor = column
        expected = -1
        for i, char in enumerate(wanted):
            at = source.find(char, cursor, cursor + _MAX_SKIP + 1)
            if at < 0:
                continue
            if at != expected:
                placed.append((i, line + 1, at + 1))
            cursor = expected = at + 1
        return placed

    def _find_role(self, name: str, content: str, line: int, column: int) -> _FoundRole | None:
        """Where the role ``{name}`content``` is written, at or after (``line``, ``column``).

        The parser gives a role's content with each line break as a space (and without the
        marks of an enclosing block quote), so any run of white space in it may stand for a line
        break, the next line's indentation and its '>' marks."""
        start = self.line_starts[line] + column if line < len(self.line_starts) else len(self.source)
        opening = "{" + name + "}`"
        # Most roles are written on one line as the parser gives them: found without a pattern,
        # unless the same role starts earlier across a line break.
        plain = self.source.find(opening + content + "`", start)
        if plain >= 0 and self.source.find(opening + content[:1], start, plain) < 0:
            first_line, first_column = self._position(plain)
            if first_line > line + _ROLE_LOOKAHEAD_LINES:
                return None
            end_column = first_column + len(opening) + len(content) + 1
            return _FoundRole(first_line, first_column, first_line, end_column,
                              ((0, first_line + 1, first_column + len(opening) + 1),))
        pieces = [piece for piece in re.split(r"(\s+)", content) if piece]
        pattern = re.escape(opening) + "".join(
            _SEPARATOR if piece.isspace() else re.escape(piece) for piece in pieces) + "`"
        m = re.compile(pattern).search(self.source, start)
        if m is None:
            return None
        first_line, first_column = self._position(m.start())
        if first_line > line + _ROLE_LOOKAHEAD_LINES:
            return None
        # anchor each stretch of the content's characters where the source writes them
        anchors: list[Anchor] = []
        offset, at = 0, m.start() + len(opening)
        for piece in pieces:
            if piece.isspace():
                gap = _SEPARATOR_PATTERN.match(self.source, at)
                at = gap.end() if gap else at + len(piece)
            else:
                piece_line, piece_column = self._position(at)
                anchors.append((offset, piece_line + 1, piece_column + 1))
                at += len(piece)
            offset += len(piece)
        end_line, end_column = self._position(m.end())
        return _FoundRole(first_line, first_column, end_line, end_column, tuple(anchors))

    def _position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 0-based, of an offset in the source."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]


def _drop_leading(anchors: list[Anchor], lead: int) -> tuple[Anchor, ...]:
    """The anchors of a run whose first ``lead`` characters (white space) were stripped."""
    if not lead:
        return tuple(anchors)
    first = source_position(tuple(anchors), lead)
    kept = [(offset - lead, line, column) for offset, line, column in anchors if offset > lead]
    return ((0, *first), *kept) if first else tuple(kept)


class _ParagraphBuilder:
    """Assembles one paragraph's text as a reader reads it, in order: prose, each reference's words
    (or its id), the text of other roles; with where each reference and each passage that is not
    prose lies, and the page line at which each source line starts."""

    def __init__(self, path: str, line: int, heading: bool) -> None:
        self.path = path
        self.heading = heading
        self.first_line = line
        self.parts: list[str] = []
        self.length = 0
        self.references: list[tuple[int, int, Reference]] = []
        self.quiet: list[tuple[int, int]] = []
        self.lines: list[tuple[int, int]] = [(0, line + 1)]
        self.columns: list[tuple[int, int]] = []

    def column(self, column: int) -> None:
        """The text added next starts at this 1-based column of its line (0: not known)."""
        if self.columns and self.columns[-1][0] == self.length:
            self.columns[-1] = (self.length, column)
        else:
            self.columns.append((self.length, column))

    def add(self, text: str, line: int) -> None:
        """Append ``text``; ``line`` (0-based) is the page line the text after it is on."""
        self.parts.append(text)
        self.length += len(text)
        if self.lines[-1][1] != line + 1:
            self.lines.append((self.length, line + 1))

    def _add_span(self, text: str, role_line: int, line_after: int) -> tuple[int, int]:
        if self.lines[-1][1] != role_line + 1:
            self.lines.append((self.length, role_line + 1))
        start = self.length
        self.add(text, line_after)
        return start, self.length

    def add_reference(self, reference: Reference, role_line: int, line_after: int) -> None:
        shown = reference.words or reference.fact_id
        self.references.append((*self._add_span(shown, role_line, line_after), reference))

    def add_quiet(self, text: str, role_line: int, line_after: int) -> None:
        self.quiet.append(self._add_span(text, role_line, line_after))

    def build(self) -> Paragraph | None:
        text = "".join(self.parts)
        if not text.strip():
            return None
        return Paragraph(text=text, location=Location(self.path, self.first_line + 1),
                         references=tuple(self.references), quiet=tuple(self.quiet),
                         line_starts=tuple(self.lines), heading=self.heading,
                         column_starts=tuple(self.columns))


def extract_plain_text(text: str, path: str, docname: str) -> Page:
    """A plain-text file (a press release, another outlet's article) as a page: each paragraph,
    separated by blank lines, is prose as written; nothing is markup, nothing is a reference."""
    runs: list[TextRun] = []
    paragraphs: list[Paragraph] = []
    lines: list[tuple[int, str]] = []  # (0-based line, text) of the paragraph being read

    def flush() -> None:
        if not lines:
            return
        builder = _ParagraphBuilder(path, lines[0][0], False)
        for i, (number, line) in enumerate(lines):
            if i:
                builder.add("\n", number)
            builder.column(len(line) - len(line.lstrip()) + 1)
            builder.add(line.strip(), number)
        built = builder.build()
        if built is not None:
            paragraphs.append(built)
            runs.append(TextRun("\n".join(t.strip() for _, t in lines), Location(path, lines[0][0] + 1)))
        lines.clear()

    for number, line in enumerate(text.splitlines()):
        if line.strip():
            lines.append((number, line))
        else:
            flush()
    flush()
    return Page(path=path, docname=docname, runs=tuple(runs), paragraphs=tuple(paragraphs))


MARKDOWN_SUFFIXES = (".md", ".markdown", ".myst")


def extract_draft(text: str, path: str, myst_extensions: Iterable[str]) -> Page:
    """A file from outside the site (an incoming draft, a press release): Markdown is read as the
    pages are, anything else as plain text."""
    docname = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or path
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return extract_page(text, path, docname, myst_extensions)
    return extract_plain_text(text, path, docname)
