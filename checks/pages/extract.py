"""Extract what the checks need from a MyST page: fact references, prose runs, front matter.

Pages are tokenised with the same markdown-it parser MyST uses, so code blocks, inline code and
raw HTML are never mistaken for prose, and directive bodies are read as the build reads them.
Every item carries its exact line in the page (MyST itself only knows a paragraph's first line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import yaml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.model import Anchor, Page, Passage, PassageReference, Reference, TextRun

ROLE_FACT = "fact"
ROLE_NOFACT = "nofact"
# Directives whose body is not prose (code, data, generated listings).
NON_PROSE_DIRECTIVES = {
    "code", "code-block", "sourcecode", "code-cell", "literalinclude", "include", "math", "raw",
    "eval-rst", "csv-table", "toctree", "timeline", "fact-index", "source-index", "corrections",
    "fact-timeline", "factcheck-codes", "mermaid", "graphviz",
}
_ROLE_TARGET = re.compile(r"^(?P<words>.*?)\s*<(?P<target>[^<>]*)>\s*$", re.DOTALL)
# A role whose backtick is never closed is left as plain text by the parser (and printed raw).
_UNCLOSED_ROLE = re.compile(r"\{fact\}`(?P<rest>[^`\n]*)")


@lru_cache(maxsize=4)
def _parser(extensions: frozenset[str]):
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
    extensions = frozenset(myst_extensions)
    collector = _Collector(path, text, extensions)
    tokens = _parser(extensions).parse(text, {})
    front: dict = {}
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
    collector.walk(tokens, 0)
    return Page(path=path, docname=docname, front_matter=front, front_matter_lines=front_lines,
                references=tuple(collector.references),
                runs=tuple(collector.runs), not_claims=tuple(collector.not_claims),
                passages=tuple(collector.passages))


class _Collector:
    def __init__(self, path: str, text: str, extensions: frozenset[str]) -> None:
        self.path = path
        self.extensions = extensions
        self.lines = text.splitlines()
        self.references: list[Reference] = []
        self.runs: list[TextRun] = []
        self.not_claims: list[TextRun] = []
        self.passages: list[Passage] = []

    def walk(self, tokens: list[Token], offset: int) -> None:
        for i, tok in enumerate(tokens):
            if tok.type == "inline" and tok.map:
                heading = i > 0 and tokens[i - 1].type == "heading_open"
                self.inline(tok, offset + tok.map[0], heading)
            elif tok.type in ("fence", "colon_fence") and tok.map:
                self.directive(tok, offset)

    def directive(self, tok: Token, offset: int) -> None:
        m = re.match(r"^\{([\w:.-]+)\}", tok.info.strip())
        if not m or m.group(1) in NON_PROSE_DIRECTIVES:
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
        buffer: list[str] = []
        buffer_line = line
        passage = _PassageBuilder()
        # where the next piece of text is searched for in the source (0-based line and column)
        text_col = 0

        def flush() -> None:
            nonlocal buffer
            text = "".join(buffer).strip()
            if text:
                self.runs.append(TextRun(text, Location(self.path, buffer_line + 1), heading))
            buffer = []

        link_href: str | None = None
        for child in tok.children or []:
            if child.type in ("softbreak", "hardbreak"):
                buffer.append("\n")
                passage.add(" ", line + 1, 0)
                line += 1
                text_col = 0
                continue
            if child.type == "myst_role":
                name = child.meta.get("name")
                needle = "{" + str(name) + "}`"
                found = self._find(needle + child.content, search_line, search_col)
                role_line = found[0] if found else line
                if found:
                    search_line, search_col = found[0], found[1] + 1
                    line = role_line + child.content.count("\n")
                    text_col = found[1] + len(needle) + len(child.content) + 1 if "\n" not in child.content else 0
                flush()
                buffer_line = line
                column = found[1] + len(needle) + 1 if found else 0
                if name == ROLE_FACT:
                    fact_id, words = parse_role_content(child.content)
                    ref = Reference(fact_id, words, child.content, Location(self.path, role_line + 1))
                    self.references.append(ref)
                    passage.add_reference(words or fact_id, ref, role_line + 1, column)
                elif name == ROLE_NOFACT:
                    self.not_claims.append(TextRun(child.content, Location(self.path, role_line + 1)))
                    passage.add_skipped(child.content, role_line + 1, column)
                else:
                    passage.add_skipped(child.content, role_line + 1, column)
                continue
            if child.type == "link_open":
                link_href = str(child.attrs.get("href", ""))
                continue
            if child.type == "link_close":
                link_href = None
                continue
            if child.type == "text":
                if link_href and child.content.strip() == link_href:
                    continue  # an autolink's visible text is its URL
                if not buffer:
                    buffer_line = line
                buffer.append(child.content)
                column = self._column(child.content, line, text_col)
                if column:
                    text_col = column - 1 + len(child.content)
                passage.add(child.content, line + 1, column)
                for m in _UNCLOSED_ROLE.finditer(child.content):  # reported as ref.malformed
                    self.references.append(Reference("", None, m["rest"], Location(self.path, line + 1)))
                continue
            # code_inline, html_inline, images, math: not prose, but they separate runs
            if child.type in ("code_inline", "html_inline", "image"):
                buffer.append(" ")
                passage.add_skipped(" ", line + 1, 0)
        flush()
        built = passage.build(heading)
        if built is not None:
            self.passages.append(built)

    def _column(self, text: str, line: int, start: int) -> int:
        """The 1-based column of ``text`` on source line ``line`` (0-based), searched from ``start``;
        0 when the source writes it differently (an escape, an entity)."""
        if not 0 <= line < len(self.lines) or not text:
            return 0
        source = fold(self.lines[line])
        pos = source.find(fold(text), start)
        if pos < 0:
            pos = source.find(fold(text))
        return pos + 1 if pos >= 0 else 0

    def _find(self, needle: str, line: int, col: int) -> tuple[int, int] | None:
        """Find ``needle`` at or after (line, col); it may span lines."""
        first = needle.split("\n", 1)[0]
        for i in range(line, min(len(self.lines), line + 400)):
            start = col if i == line else 0
            pos = self.lines[i].find(first, start)
            if pos >= 0:
                return i, pos
        return None


class _PassageBuilder:
    """Collects one passage's text piece by piece, with each piece's place in the source."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[Anchor] = []
        self.references: list[PassageReference] = []
        self.skipped: list[tuple[int, int]] = []

    def add(self, text: str, line: int, column: int) -> tuple[int, int]:
        start = self.length
        if text:
            self.anchors.append(Anchor(start, line, column))
            self.parts.append(text)
            self.length += len(text)
        return start, self.length

    def add_reference(self, text: str, ref: Reference, line: int, column: int) -> None:
        start, end = self.add(text, line, column)
        self.references.append(PassageReference(start, end, ref))

    def add_skipped(self, text: str, line: int, column: int) -> None:
        self.skipped.append(self.add(text, line, column))

    def build(self, heading: bool) -> Passage | None:
        text = "".join(self.parts)
        if not text.strip():
            return None
        return Passage(text, tuple(self.anchors), tuple(self.references), tuple(self.skipped), heading)


def extract_plain_text(text: str, path: str, docname: str) -> Page:
    """A plain-text file (a press release, another outlet's article) as a page: each paragraph,
    separated by blank lines, is prose as written; nothing is markup, nothing is a reference."""
    runs: list[TextRun] = []
    passages: list[Passage] = []
    paragraph: list[tuple[int, str]] = []  # (0-based line, text)

    def flush() -> None:
        if not paragraph:
            return
        builder = _PassageBuilder()
        for i, (number, line) in enumerate(paragraph):
            stripped = line.strip()
            if i:
                builder.add(" ", number + 1, 0)
            builder.add(stripped, number + 1, len(line) - len(line.lstrip()) + 1)
        built = builder.build(False)
        if built is not None:
            passages.append(built)
            runs.append(TextRun("\n".join(t.strip() for _, t in paragraph), Location(path, paragraph[0][0] + 1)))
        paragraph.clear()

    for number, line in enumerate(text.splitlines()):
        if line.strip():
            paragraph.append((number, line))
        else:
            flush()
    flush()
    return Page(path=path, docname=docname, runs=tuple(runs), passages=tuple(passages))


MARKDOWN_SUFFIXES = (".md", ".markdown", ".myst")


def extract_draft(text: str, path: str, myst_extensions: Iterable[str]) -> Page:
    """A file from outside the site (an incoming draft, a press release): Markdown is read as the
    pages are, anything else as plain text."""
    docname = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or path
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return extract_page(text, path, docname, myst_extensions)
    return extract_plain_text(text, path, docname)
