"""The web listings (the facts registry and the sources list) written straight to HTML.

Why not docutils nodes: a fact's entry is about thirty nodes, and every one of docutils' and
Sphinx's transforms walks every node of a page, at read time and again at write time. On one page
that lists every fact this cost about 6 ms a fact (a minute at 10,000 facts), and each re-read or
re-write of the page paid it again. Here an entry is written as text, at write time, from the
registry of this build: the page's doctree holds one placeholder per listing.

What must not change, and does not (``tests/test_listings_html.py`` compares the two on the
explainer and on a generated project): the HTML is the one docutils' HTML5 writer gives for the
same nodes (:meth:`checks.sphinx_ext.listings.FactIndex.entry`, which other builders still use),
with Sphinx's smart quotes applied to the text; the search finds the same words (the entry's text is
kept beside its HTML, for Sphinx's indexer); links resolve as :func:`sphinx.util.nodes.make_refnode`
resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docutils.utils import smartquotes

from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import Fact, Registry, Source

from .wording import statements_sentence, status_summary

# docutils' HTML writer encodes these characters in text and attribute values (``encode``).
_SPECIAL = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}
# Text that smart quotes can change: straight quotes, double or triple hyphens, three dots.
_EDUCABLE = re.compile(r"['\"]|--|\.\.\.")


def encode(text: str) -> str:
    return text.translate(_SPECIAL)


def educator(enabled: bool, action: str, language: str) -> Callable[[str], str]:
    """Sphinx's smart quotes (``smartquotes``, ``smartquotes_action``) for one piece of text."""
    if not enabled:
        return lambda text: text

    def educate(text: str) -> str:
        return smartquotes.smartyPants(text, action, language) if _EDUCABLE.search(text) else text

    return educate


@dataclass
class Html:
    """HTML and the words a search should find in it, written together."""

    educate: Callable[[str], str]
    parts: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def text(self, text: str, *, literal: bool = False) -> None:
        text = text if literal else self.educate(text)
        self.parts.append(encode(text))
        self.words.append(text)

    def tag(self, markup: str) -> None:
        self.parts.append(markup)

    def html(self) -> str:
        return "".join(self.parts)

    def search_text(self) -> str:
        return "\n".join(self.words)


@dataclass(frozen=True)
class Links:
    """Where links on one page go. ``target(kind, id)`` gives (page, anchor) of a listed fact or
    source, or None; ``uri(page, anchor)`` the address from the page being written, or None where
    that page is not in this output."""

    docname: str
    target: Callable[[str, str], tuple[str, str] | None]
    uri: Callable[[str, str], str | None]

    def xref(self, out: Html, kind: str, obj_id: str, text: str) -> None:
        """A fact or source link with its text in a ``<span>`` (as a resolved ``pending_xref``)."""
        found = self.target(kind, obj_id)
        href = None
        if found is not None:
            page, anchor = found
            href = f"#{anchor}" if page == self.docname else self.uri(page, anchor)
        if href is not None:
            out.tag(f'<a class="reference internal" href="{encode(href)}">')
        out.tag("<span>")
        out.text(text)
        out.tag("</span>")
        if href is not None:
            out.tag("</a>")

    @staticmethod
    def internal(out: Html, href: str, text: str) -> None:
        out.tag(f'<a class="reference internal" href="{encode(href)}">')
        out.text(text)
        out.tag("</a>")

    @staticmethod
    def external(out: Html, href: str, text: str) -> None:
        out.tag(f'<a class="reference external" href="{encode(href)}">')
        out.text(text)
        out.tag("</a>")


def _field(out: Html, number: int, name: str) -> str:
    parity = "field-odd" if number % 2 == 0 else "field-even"
    out.tag(f'<dt class="{parity}">')
    out.text(name)
    out.tag(f'<span class="colon">:</span></dt>\n<dd class="{parity}">')
    return parity


def fact_entry(out: Html, reg: Registry, fact: Fact, links: Links, precision: str,
               holders: Sequence[str], correction_uris: Sequence[str | None],
               used_on: Sequence[tuple[str, str]]) -> None:
    """One fact's entry, as :meth:`FactIndex.entry` builds it in nodes. ``used_on`` is (title, uri) of
    each place that uses the fact; ``correction_uris`` the address of each superseded value's entry
    on the corrections page (None: no such page here)."""
    out.tag(f'<div class="fact-entry fact-status-{encode(fact.status)} docutils container" '
            f'id="fact-{encode(fact.id)}">\n<p class="fact-title"><strong>')
    out.text(fact.label)
    out.tag("</strong>")
    out.text(" ")
    out.tag('<code class="fact-id docutils literal notranslate"><span class="pre">')
    out.text(fact.id, literal=True)
    out.tag('</span></code></p>\n<dl class="field-list simple">\n')
    number = 0

    def paragraph(name: str, write: Callable[[], None]) -> None:
        nonlocal number
        _field(out, number, name)
        out.tag("<p>")
        write()
        out.tag("</p>\n</dd>\n")
        number += 1

    def plain(name: str, text: str) -> None:
        paragraph(name, lambda: out.text(text))

    def span(name: str, text: str, cls: str) -> None:
        def write() -> None:
            out.tag(f'<span class="{encode(cls)}">')
            out.text(text)
            out.tag("</span>")
        paragraph(name, write)

    plain("Value", render_value(fact))
    if fact.hangul:
        span("Hangul", fact.hangul, "hangul")
    dates = statements_sentence(fact)
    if dates:
        plain("Dates", dates)
    if fact.accepted or fact.rejected:
        variants = ", ".join(fact.accepted) or "none"
        plain("Other spellings",
              f"accepted: {variants}" + (f"; not used: {', '.join(fact.rejected)}" if fact.rejected else ""))
    if fact.kind == "quotation" and fact.speaker in reg.facts:
        speaker = fact.speaker
        paragraph("Speaker", lambda: links.xref(out, "fact", speaker, render_value(reg.facts[speaker])))
    if fact.kind == "office" and fact.holders:
        def write_holders() -> None:
            for i, text in enumerate(holders):
                if i:
                    out.text("; ")
                out.text(text)
        paragraph("Holders", write_holders)
    plain("Precision", precision)
    span("Status", status_summary(fact), f"status-{fact.status}")
    if fact.verified:
        plain("Last verified", fact.verified.isoformat())
    _field(out, number, "Sources")
    number += 1
    sources_list(out, reg, fact, links)
    out.tag("</dd>\n")
    for index, old in enumerate(fact.superseded):
        src = reg.sources.get(old.source)
        said = f"\u201c{old.quote.strip()}\u201d" if old.quote else render_superseded(fact, old.value)
        uri = correction_uris[index]

        def write_corrected(src: Source | None = src, said: str = said, reason: str = old.reason,
                            source: str = old.source, uri: str | None = uri) -> None:
            out.text(f"{src.publisher if src else source} wrote {said}. {' '.join(reason.split())} ")
            if uri is not None:
                links.internal(out, uri, "See the correction.")
        paragraph("Corrected", write_corrected)
    if fact.note:
        plain("Note", fact.note)

    def write_used_on() -> None:
        if not used_on:
            out.text("not used in the pages")
        for i, (title, uri) in enumerate(used_on):
            if i:
                out.text(", ")
            links.internal(out, uri, title)
    paragraph("Used on", write_used_on)
    out.tag("</dl>\n</div>\n")


def sources_list(out: Html, reg: Registry, fact: Fact, links: Links) -> None:
    """Each source linked to its entry, with the words of it that state the value."""
    excerpts = {c.source: c.excerpt for c in fact.citations}
    out.tag('<ul class="fact-sources simple">\n')
    for source_id in fact.sources:
        source = reg.sources.get(source_id)
        if source is None:
            continue
        out.tag("<li><p>")
        links.xref(out, "source", source_id, source.title)
        out.text(f" ({source.publisher})")
        excerpt = excerpts.get(source_id)
        if excerpt:
            out.text(": ")
            out.tag('<span class="fact-excerpt">')
            out.text(f"\u201c{excerpt.strip()}\u201d")
            out.tag("</span>")
        out.tag("</p></li>\n")
    out.tag("</ul>\n")


def source_entries(out: Html, sources: Sequence[Source], citing: Callable[[str], Sequence[Fact]],
                   links: Links) -> None:
    """The sources list on the web: each source numbered, linked to its address, with the facts it
    supports (as :class:`checks.sphinx_ext.listings.SourceIndex` builds it in nodes)."""
    supports = {source.id: citing(source.id) for source in sources}
    compact = not any(supports.values())  # docutils marks a list of one-paragraph items "simple"
    out.tag('<ol class="arabic simple source-index">\n' if compact else '<ol class="arabic source-index">\n')
    for source in sources:
        published = f", {source.date.house_style()}" if source.date else ""
        out.tag(f'<li class="source-entry" id="source-{encode(source.id)}"><p>')
        links.external(out, source.url, source.title)
        out.text(f". {source.publisher}{published}. Retrieved {source.retrieved.isoformat()}.")
        if source.read_via:
            out.text(" Read via ")
            links.external(out, source.read_via, source.read_via)
            out.text(".")
        facts = supports[source.id]
        if not facts:
            out.tag("</p></li>\n")
            continue
        out.tag('</p>\n<p class="source-facts">')
        out.text("Supports: ")
        for i, fact in enumerate(facts):
            if i:
                out.text("; ")
            links.xref(out, "fact", fact.id, fact.label)
        out.tag("</p>\n</li>\n")
    out.tag("</ol>\n")
