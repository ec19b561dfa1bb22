"""Hover on a ``{fact}`` reference or on a fact the prose names without one (a mention, as the
mention checks recognise it): the fact's value in house style, its status, each source's words
that support it (with the source's title), what other sources give instead, and any correction:
the provenance a reader of the site sees in the fact's card."""

from __future__ import annotations

import re

from checks.lsp.locations import Span
from checks.pages.model import Page
from checks.pages.reading import read_page
from checks.registry.house_style import render_said, render_value
from checks.registry.model import Citation, Fact, Registry

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape(text: str) -> str:
    """Registry text shown as Markdown: every character Markdown would read as markup, escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def _cited(registry: Registry, citation: Citation) -> str:
    source = registry.sources.get(citation.source)
    title = f"*{escape(source.title)}* ({escape(source.publisher)})" if source else f"`{citation.source}`"
    words = f": \u201c{escape(citation.excerpt)}\u201d" if citation.excerpt else ": no excerpt recorded"
    return f"- {title}{words}"


def fact_markdown(registry: Registry, fact: Fact) -> str:
    """The hover text for ``fact``."""
    status = fact.status + (f", last checked {fact.verified}" if fact.verified else "")
    lines = [f"**{escape(render_value(fact))}**", "",
             f"{escape(fact.label)} \u00b7 {fact.kind} \u00b7 {status} \u00b7 `{fact.id}` ({fact.location})"]
    if fact.citations:
        lines += ["", "**Sources**", ""] + [_cited(registry, c) for c in fact.citations]
    if fact.disputed_by:
        lines += ["", "**Other sources give another value**", ""] + [_cited(registry, c) for c in fact.disputed_by]
    for old in fact.superseded:
        source = registry.sources.get(old.source)
        said = render_said(fact, old, source.publisher if source else old.source)
        lines += ["", f"**Correction**: {escape(said)}; {escape(old.reason)}"]
    if fact.note:
        lines += ["", f"*Note*: {escape(fact.note)}"]
    return "\n".join(lines)


def mention_at(registry: Registry, page: Page, line: int, character: int) -> tuple[Fact, Span] | None:
    """The fact the prose names at (line, character), 0-based, without a reference: the mention
    checks' own reading of the page (checks.pages.reading), placed where it says."""
    for reading in read_page(registry, page):
        for mention in reading.mentions:
            if mention.fact is None or mention.how == "reference" or mention.end <= mention.start:
                continue
            start, last = reading.location(mention.start), reading.location(mention.end - 1)
            if not start.column or not last.column or start.line != last.line:
                continue
            span = Span(start.line - 1, start.column - 1, last.line - 1, last.column)
            if span.contains(line, character):
                return mention.fact, span
    return None
