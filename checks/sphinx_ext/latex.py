"""The PDF as a short book: a titled introduction, the chapters, the appendices, and each fact's
sources cited by number.

Citations. A link is useless on paper, so after the first reference to a fact in each section the
LaTeX builder adds the numbers of its sources in the numbered sources list, as a superscript
("[3, 17]", the marker readers know from Wikipedia and journals), each number linked to its entry. A
value that is not verified (disputed, or unconfirmed) gets a footnote instead, which says so, gives
the reason (the fact's note) and the same numbers: the print counterpart of the web's "?" mark.
Every source is thus described once, in the list, and cited once per place.

Structure. The root page's own text becomes an unnumbered chapter ("Introduction", with a bookmark
and a contents line); its sections become unnumbered sections. The pages of its toctrees follow as
chapters, in toctree order, except those named in ``factcheck_pdf_omit`` (pages for contributors);
the pages named in ``factcheck_pdf_appendices`` become lettered appendices. Only the LaTeX builder is
affected.

The citations follow Sphinx's own ``latex_show_urls = 'footnote'`` transform: footnotes are added to
the assembled book before references are resolved and before Sphinx's LaTeX footnote transform
(which places them in tables), then all automatic footnotes are renumbered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.latex.transforms import ShowUrlsTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.registry.model import Fact, Registry

from .citations import number_markers
from .state import registry
from .wording import is_uncertain

FACT_REF_CLASS = "fact-ref"
STATUS_WORDS = {"disputed": "Disputed", "unverified": "Not confirmed"}


def uncertainty_note(reg: Registry, fact: Fact, status: str) -> list[nodes.Node]:
    """A footnote's content for a value that is not verified: the status, why, and the sources."""
    text = f"{STATUS_WORDS.get(status, status.capitalize())}. "
    if fact.note:
        text += " ".join(fact.note.split()) + " "
    para = nodes.paragraph()
    para += nodes.Text(text)
    markers = number_markers(reg, fact.sources)
    if markers:
        para += nodes.Text("Sources: ")
        para.extend(markers)
        para += nodes.Text(".")
    return [para]


class FactCitations(ShowUrlsTransform):
    """Cite each fact's sources by number after its first reference in a section (LaTeX only; runs
    on the whole book)."""

    default_priority = 5  # before ReferencesResolver (10): the fact id is still on the pending_xref
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        settings = self.document.settings
        id_prefix = settings.id_prefix
        settings.id_prefix = "fact-fn"
        try:
            if self.add_citations():
                self.renumber_footnotes()
        finally:
            settings.id_prefix = id_prefix

    def add_citations(self) -> bool:
        """Add the markers; return whether any footnote was added."""
        reg = registry(self.config)
        # (section, fact id, statement) -> the footnote made there, or None for a number marker
        made: dict[tuple[int, str, str | None], nodes.footnote | None] = {}
        footnotes = False
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if (xref.get("refdomain"), xref.get("reftype")) != ("fact", "fact"):
                continue
            inner = next((c for c in xref.children if isinstance(c, nodes.Element)
                          and FACT_REF_CLASS in c["classes"]), None)
            if inner is None:
                continue  # a link from a listing, not a reference in the prose
            if any(isinstance(a, (nodes.footnote, nodes.title, nodes.caption, nodes.rubric))
                   for a in _ancestors(xref)):
                continue  # no footnote in a footnote; titles are bookmarks too: the text carries it
            fact = reg.facts.get(xref["reftarget"])
            if fact is None:
                continue
            statement = inner.get("statement")
            status = fact.status_for(statement)
            section = next((a for a in _ancestors(xref) if isinstance(a, nodes.section)), self.document)
            key = (id(section), fact.id, statement)
            index = xref.parent.index(xref)
            docname = self.get_docname_for_node(xref)
            if key in made:
                footnote = made[key]
                if footnote is not None:
                    xref.parent.insert(index + 1, self._reference(footnote, docname))
                continue
            if is_uncertain(status):
                footnote, ref = self._footnote(uncertainty_note(reg, fact, status), docname)
                made[key] = footnote
                xref.parent.insert(index + 1, footnote)
                xref.parent.insert(index + 2, ref)
                footnotes = True
            else:
                made[key] = None
                markers = number_markers(reg, fact.sources)
                if markers:
                    xref.parent.insert(index + 1, nodes.superscript("", "", *markers, classes=["fact-sources"]))
        return footnotes

    def _footnote(self, content: list[nodes.Node], docname: str) -> tuple[nodes.footnote, nodes.footnote_reference]:
        footnote = nodes.footnote("", auto=1, docname=docname)
        footnote["names"].append("#")
        footnote += nodes.label("", "#")
        footnote.extend(content)
        self.document.note_autofootnote(footnote)
        return footnote, self._reference(footnote, docname)

    def _reference(self, footnote: nodes.footnote, docname: str) -> nodes.footnote_reference:
        ref = nodes.footnote_reference("[#]_", auto=1, refid=footnote["ids"][0], docname=docname)
        ref += nodes.Text("#")
        self.document.note_autofootnote_ref(ref)
        footnote.add_backref(ref["ids"][0])
        return ref


class BookStructure(SphinxPostTransform):
    """Make the book: a titled introduction, then each page of the root toctree as a chapter (some
    left out, some lettered appendices).

    The root page holds its toctree inside one of its own sections, so the LaTeX builder would make
    its ``##`` sections the chapters and nest every page inside the last one. Here the root page's
    text becomes the introduction (an unnumbered chapter), its sections unnumbered sections (ids
    kept for links), and the pages are lifted out to follow it.
    """

    default_priority = 4
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        top = next((c for c in self.document.children if isinstance(c, nodes.section)), None)
        if top is None:
            return
        chapters = [n for n in top.findall(addnodes.start_of_file)
                    if not any(isinstance(a, addnodes.start_of_file) for a in _ancestors(n))]
        for node in chapters:
            node.parent.remove(node)
        for section in [c for c in top.children if isinstance(c, nodes.section)]:
            title = section.next_node(nodes.title)
            if title is None:
                continue  # not a heading section (docutils always gives one a title)
            heading = nodes.rubric(title.astext(), "", *title.children, ids=list(section["ids"]))
            heading["heading-level"] = 2
            section.replace_self([heading, *(c for c in section.children if c is not title)])
        intro = self.config.factcheck_pdf_introduction
        if intro:
            at = 1 if top.children and isinstance(top[0], nodes.title) else 0
            top.insert(at, nodes.raw("", _unnumbered_chapter(intro), format="latex"))
        omitted = set(self.config.factcheck_pdf_omit)
        appendices = set(self.config.factcheck_pdf_appendices)
        kept: list[nodes.Element] = []
        for node in chapters:
            if node["docname"] in omitted:
                # Links to a page that is not in the book become plain text (the builder's NoUri).
                # The builder is reached as Sphinx's own ReferencesResolver reaches it; by now its
                # docnames are the set of the book's pages.
                builder = self.env._app.builder
                if isinstance(builder, LaTeXBuilder) and isinstance(builder.docnames, set):
                    builder.docnames.discard(node["docname"])
                continue
            if node["docname"] in appendices and not any(n.get("docname") in appendices for n in kept):
                kept.append(nodes.raw("", "\n\\appendix\n", format="latex"))
            kept.append(node)
        top.extend(kept)


def _unnumbered_chapter(title: str) -> str:
    if not title.replace(" ", "").isalnum():
        raise ValueError(f"factcheck_pdf_introduction must be plain words, not {title!r}")
    return (f"\n\\chapter*{{{title}}}\\addcontentsline{{toc}}{{chapter}}{{{title}}}"
            f"\\markboth{{{title}}}{{{title}}}\n")


# Nodes whose LaTeX visitor writes no label for their ids (so links to them would dangle).
_UNLABELLED = (nodes.container, nodes.list_item, nodes.inline, nodes.paragraph, nodes.definition_list_item,
               nodes.field, nodes.rubric)


class AnchorTargets(SphinxPostTransform):
    """Give ids that the LaTeX writer would drop (a fact's entry, a source, a reference's back-link
    anchor) a target node, so ``\\hyperref`` finds them and links in the PDF work."""

    default_priority = 20
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in [n for n in self.document.findall(nodes.Element) if isinstance(n, _UNLABELLED)]:
            if node["ids"]:
                node.insert(0, nodes.target("", "", ids=list(node["ids"])))
                node["ids"] = []


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def setup_latex(app: Sphinx) -> None:
    app.add_config_value("factcheck_pdf_introduction", "Introduction", "env", types=[str])
    app.add_config_value("factcheck_pdf_omit", [], "env", types=[list, tuple])
    app.add_config_value("factcheck_pdf_appendices", [], "env", types=[list, tuple])
    app.add_post_transform(BookStructure)
    app.add_post_transform(FactCitations)
    app.add_post_transform(AnchorTargets)
