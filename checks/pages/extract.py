"""Extract what the checks need from a MyST page: fact references, prose runs, front matter.

Pages are tokenised with the same markdown-it parser MyST uses, so code blocks, inline code and
raw HTML are never mistaken for prose, and directive bodies are read as the build reads them.
Every item carries its exact line in the page (MyST itself only knows a paragraph's first line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from checks.core.findings import Location
from checks.core.text import fold
from checks.pages.model import Page, Paragraph, Reference, TextRun

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
    extensions = frozenset(myst_extensions)
    collector = _Collector(path, text, extensions)
    tokens = _parser(extensions).parse(text, {})
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
    collector.walk(tokens, 0)
    return Page(path=path, docname=docname, front_matter=front, front_matter_lines=front_lines,
                references=tuple(collector.references),
                runs=tuple(collector.runs), not_claims=tuple(collector.not_claims),
                phrases=tuple(collector.phrases), paragraphs=tuple(collector.paragraphs))


class _Collector:
    def __init__(self, path: str, text: str, extensions: frozenset[str]) -> None:
        self.path = path
        self.extensions = extensions
        self.lines = text.splitlines()
        self.references: list[Reference] = []
        self.runs: list[TextRun] = []
        self.not_claims: list[TextRun] = []
        self.phrases: list[TextRun] = []
        self.paragraphs: list[Paragraph] = []

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
        buffer: list[str] = []
        buffer_line = line
        paragraph = _ParagraphBuilder(self.path, start_line, heading)
        text_col = 0  # where on its line the next piece of text is searched for (0-based)

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
                line += 1
                paragraph.add("\n", line)
                text_col = 0
                continue
            if child.type == "myst_role":
                name = child.meta.get("name")
                needle = "{" + str(name) + "}`"
                found = self._find(needle + child.content, search_line, search_col)
                role_line = found[0] if found else line
                if found:
                    search_line, search_col = found[0], found[1] + 1
                    line = found[2]  # a role may span a line break (the parser reads it as a space)
                    text_col = found[1] + len(needle) + len(child.content) + 1 if found[2] == found[0] else 0
                paragraph.column(found[1] + len(needle) + 1 if found else 0)
                flush()
                buffer_line = line
                if name == ROLE_FACT:
                    fact_id, words = parse_role_content(child.content)
                    reference = Reference(fact_id, words, child.content, Location(self.path, role_line + 1))
                    self.references.append(reference)
                    paragraph.add_reference(reference, role_line, line)
                    continue
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
                buffer.append(child.content)
                column = self._column(child.content, line, text_col)
                if column:
                    text_col = column - 1 + len(child.content)
                paragraph.column(column)
                paragraph.add(child.content, line)
                for m in _UNCLOSED_ROLE.finditer(child.content):  # reported as ref.malformed
                    self.references.append(Reference("", None, m["rest"], Location(self.path, line + 1)))
                continue
            # code_inline, html_inline, images, math: not prose, but they separate runs
            if child.type in ("code_inline", "html_inline", "image"):
                buffer.append(" ")
                paragraph.column(0)
                paragraph.add_quiet(child.content if child.type == "code_inline" else " ", line, line)
        flush()
        built = paragraph.build()
        if built is not None:
            self.paragraphs.append(built)

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

    def _find(self, needle: str, line: int, col: int) -> tuple[int, int, int] | None:
        """Find ``needle`` at or after (line, col): (its line, its column, the line it ends on).
        White space in ``needle`` matches any white space, line breaks included."""
        words = needle.split()
        if not words:
            return None
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        for i in range(line, min(len(self.lines), line + 400)):
            start = col if i == line else 0
            # the needle starts on line i; it may run on over the following lines
            window = "\n".join(self.lines[i:i + 1 + needle.count(" ") + 1])
            m = pattern.search(window, start)
            if m and m.start() < len(self.lines[i]) + 1:
                return i, m.start(), i + window.count("\n", 0, m.end())
        return None


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
