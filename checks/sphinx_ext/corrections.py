"""Corrections where they are discussed, and all of them on the corrections page.

``{correction}`` places a claim-and-correction box (Full Fact's format) beside the passage that
discusses a corrected claim: the source's own words (the superseded value's ``quote``) and ours (its
``reason``), with a link to the full entry. It goes after the paragraph, one line in the page:

    ```{correction} kim-il-sung-eternal-president
    ```

A correction appears only where a page discusses it: a page that merely uses a corrected fact shows
nothing. ``{corrections}`` lists every superseded value of the registry (the corrections page), each
with the right value, the evidence and links back to the passages that discuss it.

Both boxes are notes, not the story: they carry the ``no-search`` class, so the search index and its
snippets hold the pages' own text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.exports.claimreview import correction_anchor
from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import PRIMARY_FIELD, Fact, Registry, Superseded

from .checking import emit
from .citations import cite
from .domain import fact_domain
from .state import loaded, registry

NOT_IN_SEARCH = "no-search"  # Sphinx leaves nodes with this class out of its search index


def placed_anchor(fact_id: str, index: int) -> str:
    """The id of a correction's box in the text (its entry on the corrections page has
    :func:`checks.exports.correction_anchor`)."""
    return correction_anchor(fact_id, index) + "-in-text"


def _fact_link(fact_id: str, text: str) -> nodes.Node:
    ref = pending_xref("", refdomain="fact", reftype="fact", reftarget=fact_id, refexplicit=True, refwarn=False)
    ref += nodes.inline(text, text)
    return ref


def claim_paragraph(reg: Registry, fact: Fact, old: Superseded) -> nodes.paragraph:
    """The source's own words: "Claim: “…1988” (Human Rights Watch)"; its value if no quote is recorded."""
    source = reg.sources.get(old.source)
    para = nodes.paragraph(classes=["correction-claim"])
    para += nodes.strong("Claim", "Claim")
    para += nodes.Text(" ")
    words = f"\u201c{old.quote.strip()}\u201d" if old.quote else f"gave {render_superseded(fact, old.value)}"
    para += nodes.Text(words)
    if source is not None:
        when = f", {source.date.house_style()}" if source.date else ""
        para += nodes.Text(f" ({source.publisher}{when})")
    return para


def finding_paragraph(old: Superseded) -> nodes.paragraph:
    """Our words: why the value was replaced, and what is right."""
    para = nodes.paragraph(classes=["correction-finding"])
    para += nodes.strong("Correction", "Correction")
    para += nodes.Text(" " + " ".join(old.reason.split()))
    return para


def _entries(fact: Fact, source: str | None) -> list[tuple[int, Superseded]]:
    return [(i, old) for i, old in enumerate(fact.superseded) if source is None or old.source == source]


class CorrectionBox(SphinxDirective):
    """``{correction} <fact id>``: the fact's corrections, beside the passage that discusses them.
    ``:source:`` keeps only the values one source gave."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], str]]] = {"source": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = registry(self.config)
        fact_id = self.arguments[0].strip()
        fact = reg.facts.get(fact_id)
        entries = _entries(fact, self.options.get("source")) if fact else []
        domain = fact_domain(self.env)
        domain.note_usage(self.env.docname, fact_id, fact.digest if fact else "missing")
        if not entries and fact_id in loaded(self.config).unavailable:
            return []  # its record is in a registry file that did not load: reported there, once
        source, line = self.get_source_info()
        if fact is None or not entries:
            why = "is not in the registry" if fact is None else "records no superseded value" + (
                f" from '{self.options['source']}'" if "source" in self.options else "")
            emit(Finding(Code.CORRECTION_PLACEMENT, Location(source, line),
                         f"{{correction}} {fact_id}: the fact {why}; name a corrected fact"), self.get_location())
            return []
        result: list[nodes.Node] = []
        for index, old in entries:
            anchor = placed_anchor(fact.id, index)
            domain.note_correction_placed(self.env.docname, fact.id, index, anchor, line)
            box = nodes.container(classes=["fact-correction", NOT_IN_SEARCH], ids=[anchor])
            box += claim_paragraph(reg, fact, old)
            box += finding_paragraph(old)
            more = nodes.paragraph(classes=["correction-more"])
            more += _corrections_link(correction_anchor(fact.id, index))
            box += more
            result.append(box)
        return result


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class corrections_link(nodes.Inline, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder: a link to a correction's entry on the corrections page, resolved at write time
    (the page is known only once every page has been read)."""


def _corrections_link(anchor: str) -> corrections_link:
    node = corrections_link()
    node["anchor"] = anchor
    return node


class CorrectionsList(SphinxDirective):
    """``{corrections}``: every superseded value, with the claim, the correction, the right value, the
    evidence and where the explainer discusses it. ``:source:`` keeps one source's values."""

    option_spec: ClassVar[dict[str, Callable[[str], str]]] = {"source": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = registry(self.config)
        domain = fact_domain(self.env)
        domain.note_listing(self.env.docname, reg.digest)
        domain.data["correction_lists"][self.env.docname] = True
        only = self.options.get("source")
        rows = [(fact, index, old) for fact in sorted(reg.facts.values(), key=lambda f: f.label.lower())
                for index, old in _entries(fact, only)]
        domain.note_checked(self.env.docname, [fact.verified for fact, _, _ in rows])
        result: list[nodes.Node] = []
        for fact, index, old in rows:
            box = nodes.container(classes=["correction", NOT_IN_SEARCH], ids=[correction_anchor(fact.id, index)])
            head = nodes.paragraph(classes=["correction-title"])
            head += nodes.strong(fact.label, fact.label)
            box += head
            box += claim_paragraph(reg, fact, old)
            box += finding_paragraph(old)
            right = nodes.paragraph(classes=["correction-value"])
            right += nodes.strong("Right " + _field_word(fact), "Right " + _field_word(fact))
            right += nodes.Text(" ")
            right += _fact_link(fact.id, render_value(fact))
            right += nodes.Text(". ")
            right += nodes.strong("Evidence", "Evidence")
            right += nodes.Text(" ")
            right += cite(fact.sources)
            right += nodes.Text(".")
            box += right
            where = discussed_in()
            where["key"] = (fact.id, index)
            box += where
            result.append(box)
        if not rows:
            result.append(nodes.paragraph(text="No corrections."))
        return result


def _field_word(fact: Fact) -> str:
    return {"name": "name", "date": "date", "value": "value", "text": "wording"}[PRIMARY_FIELD[fact.kind]]


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class discussed_in(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder for "Discussed in: <page>", filled at write time from every page's boxes."""


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: link each box to its entry, and each entry to the boxes that discuss it."""
    domain = fact_domain(app.env)
    listing = min(domain.data["correction_lists"], default=None)
    for placeholder in list(doctree.findall(corrections_link)):
        uri = _uri(app, docname, listing, placeholder["anchor"]) if listing else None
        parent = placeholder.parent
        if uri is None:  # no corrections page in this project (or not in this book)
            parent.remove(placeholder)
            if not parent.children:
                parent.parent.remove(parent)
            continue
        text = "All corrections, with the evidence"
        placeholder.replace_self(nodes.reference(text, text, refuri=uri, internal=True))
    placed = domain.corrections_placed()
    for node in list(doctree.findall(discussed_in)):
        places = [(doc, anchor) for doc, anchor, _ in placed.get(tuple(node["key"]), [])]
        links: list[nodes.Node] = []
        for doc, anchor in places:
            uri = _uri(app, docname, doc, anchor)
            if uri is None:
                continue
            title = app.env.titles[doc].astext() if doc in app.env.titles else doc
            links.append(nodes.reference(title, title, refuri=uri, internal=True))
        if not links:
            node.parent.remove(node)
            continue
        para = nodes.paragraph(classes=["correction-discussed"])
        para += nodes.strong("Discussed in", "Discussed in")
        para += nodes.Text(" ")
        for i, link in enumerate(links):
            if i:
                para += nodes.Text(", ")
            para += link
        para += nodes.Text(".")
        node.replace_self(para)


def _uri(app: Sphinx, fromdoc: str, todoc: str, anchor: str) -> str | None:
    try:
        return app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor
    except NoUri:
        return None


def check_placements(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: a correction goes beside one passage only."""
    domain = fact_domain(env)
    for (fact_id, _index), places in sorted(domain.corrections_placed().items()):
        first_doc, _, first_line = places[0]
        for doc, _, line in places[1:]:
            emit(Finding(Code.CORRECTION_PLACEMENT, Location(str(env.doc2path(doc)), line),
                         f"{{correction}} {fact_id}: already placed in {first_doc} (line {first_line}); "
                         "a correction goes beside the one passage that discusses it"), (doc, line))


def setup_corrections(app: Sphinx) -> None:
    app.add_directive("correction", CorrectionBox)
    app.add_directive("corrections", CorrectionsList)
    app.add_node(corrections_link)
    app.add_node(discussed_in)
    app.connect("doctree-resolved", resolve_links)
    app.connect("env-check-consistency", check_placements)
