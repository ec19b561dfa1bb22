"""Fact provenance in print: each ``{fact}`` reference in the PDF gets a footnote naming its sources.

A link in a PDF is easy to miss and useless on paper, so the LaTeX builder adds, after the first
reference to a fact in each section, a real footnote: the sources (title, publisher, date), the
fact's status when it is not verified, and any value it corrects. Later references to the same fact
in that section point to the same footnote number. The facts appendix (``{fact-index}``) keeps the
full record. Only the LaTeX builder is affected.

It follows Sphinx's own ``latex_show_urls = 'footnote'`` transform: footnotes are added to the
assembled book before references are resolved and before Sphinx's LaTeX footnote transform
(which places them in tables), then all automatic footnotes are renumbered.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.transforms import ShowUrlsTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.registry.house_style import render_said
from checks.registry.model import Fact, Registry

from .state import registry

FACT_REF_CLASS = "fact-ref"


def provenance_text(reg: Registry, fact: Fact) -> str:
    """The footnote's text: ``Sources: Title (Publisher, 2016).`` plus status and corrections."""
    cited = []
    for source_id in fact.sources:
        source = reg.sources.get(source_id)
        if source is None:
            continue
        details = ", ".join(x for x in (source.publisher, source.date.house_style() if source.date else None) if x)
        cited.append(f"\u201c{source.title}\u201d ({details})" if details else f"\u201c{source.title}\u201d")
    text = ("Source: " if len(cited) == 1 else "Sources: ") + "; ".join(cited) + "." if cited else ""
    if fact.status != "verified":
        text += f" Status: {fact.status}."
    for old in fact.superseded:
        where = reg.sources.get(old.source)
        text += f" {render_said(fact, old, where.publisher if where else 'A source')}; corrected."
    return text.strip()


class FactFootnotes(ShowUrlsTransform):
    """Add a provenance footnote after fact references (LaTeX only; runs on the whole book)."""

    default_priority = 5  # before ReferencesResolver (10): the fact id is still on the pending_xref
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        settings = self.document.settings
        id_prefix = settings.id_prefix
        settings.id_prefix = "fact-fn"
        try:
            if self.add_footnotes():
                self.renumber_footnotes()
        finally:
            settings.id_prefix = id_prefix

    def add_footnotes(self) -> bool:
        reg = registry(self.config)
        # (section, fact id) -> the footnote already made for it in that section
        made: dict[tuple[int, str], nodes.footnote] = {}
        added = False
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if (xref.get("refdomain"), xref.get("reftype")) != ("fact", "fact"):
                continue
            if not any(FACT_REF_CLASS in c["classes"] for c in xref.children if isinstance(c, nodes.Element)):
                continue  # a link from a listing, not a reference in the prose
            if any(isinstance(a, (nodes.footnote, nodes.title, nodes.caption)) for a in _ancestors(xref)):
                continue  # no footnote in a footnote; titles are bookmarks too: the text carries it
            fact = reg.facts.get(xref["reftarget"])
            text = provenance_text(reg, fact) if fact else ""
            if not text:
                continue
            docname = self.get_docname_for_node(xref)
            index = xref.parent.index(xref)
            section = next((a for a in _ancestors(xref) if isinstance(a, nodes.section)), self.document)
            footnote = made.get((id(section), fact.id))
            if footnote is None:
                footnote, ref = self._footnote(text, docname)
                made[(id(section), fact.id)] = footnote
                xref.parent.insert(index + 1, footnote)
                xref.parent.insert(index + 2, ref)
            else:
                xref.parent.insert(index + 1, self._reference(footnote, docname))
            added = True
        return added

    def _footnote(self, text: str, docname: str) -> tuple[nodes.footnote, nodes.footnote_reference]:
        footnote = nodes.footnote(text, auto=1, docname=docname)
        footnote["names"].append("#")
        footnote += nodes.label("", "#")
        footnote += nodes.paragraph(text, text)
        self.document.note_autofootnote(footnote)
        return footnote, self._reference(footnote, docname)

    def _reference(self, footnote: nodes.footnote, docname: str) -> nodes.footnote_reference:
        ref = nodes.footnote_reference("[#]_", auto=1, refid=footnote["ids"][0], docname=docname)
        ref += nodes.Text("#")
        self.document.note_autofootnote_ref(ref)
        footnote.add_backref(ref["ids"][0])
        return ref


class BookStructure(SphinxPostTransform):
    """Make each page of the root toctree a chapter of the book.

    The root page holds its toctree inside one of its own sections, so the LaTeX builder would
    make its ``##`` sections the chapters and nest every page inside the last one. Here the root
    page's sections become unnumbered run-in headings of the opening pages (ids kept for links) and
    the pages are lifted out to follow them, each a chapter.
    """

    default_priority = 4
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        top = next((c for c in self.document.children if isinstance(c, nodes.section)), None)
        if top is None:
            return
        chapters: list[nodes.Node] = []
        for section in [c for c in top.children if isinstance(c, nodes.section)]:
            files = [n for n in section.findall(addnodes.start_of_file)
                     if not any(isinstance(a, addnodes.start_of_file) for a in _ancestors(n))]
            for node in files:
                node.parent.remove(node)
            chapters.extend(files)
            title = section.next_node(nodes.title)
            heading = nodes.rubric(title.astext(), "", *title.children, ids=list(section["ids"]))
            body = [heading, *(c for c in section.children if c is not title)]
            section.replace_self(body)
        top.extend(chapters)


# Nodes whose LaTeX visitor writes no label for their ids (so links to them would dangle).
_UNLABELLED = (nodes.container, nodes.list_item, nodes.inline, nodes.paragraph, nodes.definition_list_item,
               nodes.field, nodes.rubric)


class AnchorTargets(SphinxPostTransform):
    """Give ids that the LaTeX writer would drop (a fact's entry, a source, a reference's back-link
    anchor) a target node, so ``\\hyperref`` finds them and links in the PDF work."""

    default_priority = 20
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(lambda n: isinstance(n, _UNLABELLED))):
            if node["ids"]:
                node.insert(0, nodes.target("", "", ids=list(node["ids"])))
                node["ids"] = []


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def setup_latex(app: Sphinx) -> None:
    app.add_post_transform(BookStructure)
    app.add_post_transform(FactFootnotes)
    app.add_post_transform(AnchorTargets)
