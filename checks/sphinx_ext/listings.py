"""Generated pages: the facts registry and the sources list (the corrections list is in
:mod:`checks.sphinx_ext.corrections`).

Each directive lists the registry at build time. Its page depends on the whole registry (noted by
hash in the domain), and the facts page's "used on" back-links are filled in at write time from
every page's recorded usage, so they are never stale.

The web and the book differ: on the web each fact is a full entry (value, precision, status
statement by statement, each source with the words of it that support the value, corrections, note,
where it is used); in the PDF the registry is a set of compact tables (fact, value, date, status,
source numbers) and the sources a numbered list, which every citation in the book points into.

Cost. A listing's doctree holds one placeholder (:class:`fact_listing`, :class:`source_listing`):
Sphinx caches a directive's output once for every builder, and every transform walks every node of
a page, so thousands of entries as nodes cost seconds on every read and write of the page. The
placeholder is filled when the page is written, for that builder: HTML builders get the entries
as HTML text (:mod:`checks.sphinx_ext.listing_html`, with their words for the search), the PDF the
tables as nodes, any other builder the web entries as nodes. A listing page is re-written after
other pages were read only when what it shows of them (back-links and their titles) changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from checks.exports.claimreview import correction_anchor
from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import Fact, Holder, Registry

from . import listing_html as listing_html_mod
from .citations import cite, source_numbers, source_order
from .domain import fact_anchor, fact_domain, source_anchor
from .state import registry
from .wording import statements_sentence, status_summary

KIND_TITLES = {"person": "People", "organisation": "Organisations and bodies", "office": "Offices and titles",
               "event": "Events", "quantity": "Numbers", "quotation": "Quotations"}
PRECISION_TEXT = {"day": "to the day", "month": "to the month", "year": "to the year"}


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class backlinks(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder for the list of places that use a fact; filled in at write time."""


def _fact_link(fact_id: str, text: str) -> pending_xref:
    return pending_xref("", nodes.inline(text, text), refdomain="fact", reftype="fact", reftarget=fact_id,
                        refexplicit=True, refwarn=False)


def _source_link(source_id: str, text: str) -> pending_xref:
    return pending_xref("", nodes.inline(text, text), refdomain="fact", reftype="source", reftarget=source_id,
                        refexplicit=True, refwarn=False)


def _field(name: str, *body: nodes.Node) -> nodes.field:
    if len(body) == 1 and isinstance(body[0], (nodes.paragraph, nodes.bullet_list)):
        content = body[0]
    else:
        content = nodes.paragraph()
        content.extend(body)
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", content))


def _join(items: Sequence[nodes.Node], sep: str = "; ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def precision_of(fact: Fact) -> str:
    date = fact.date
    if fact.kind == "event" and date is not None:
        text = PRECISION_TEXT[date.precision]
        if date.start.qualifier or date.end.qualifier:
            text += f" ({date.start.qualifier or date.end.qualifier})"
        return text
    if fact.kind == "quantity":
        return "approximate" if fact.approximate else "exact"
    return "exact wording" if fact.kind == "quotation" else "exact"


class _RegistryDirective(SphinxDirective):
    def registry(self) -> Registry:
        reg = registry(self.config)
        domain = fact_domain(self.env)
        domain.note_listing(self.env.docname, reg.digest)
        return reg


class FactIndex(_RegistryDirective):
    """``{fact-index}``: every fact (or those of one ``:kind:``): on the web an entry per fact with its
    value, provenance and uses; in print one compact table."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"kind": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = self.registry()
        kind = self.options.get("kind")
        facts = sorted((f for f in reg.facts.values() if kind is None or f.kind == kind), key=lambda f: f.id)
        domain = fact_domain(self.env)
        domain.note_checked(self.env.docname, [f.verified for f in facts])
        for fact in facts:
            domain.note_fact_entry(self.env.docname, fact.id, fact.label)
        if not facts:
            return [nodes.paragraph(text="No facts of this kind yet.")]
        listing = fact_listing()
        listing["kind"] = kind or ""
        return [listing]

    @staticmethod
    def entry(reg: Registry, fact: Fact) -> nodes.Node:
        box = nodes.container(classes=["fact-entry", f"fact-status-{fact.status}"], ids=[fact_anchor(fact.id)])
        title = nodes.paragraph(classes=["fact-title"])
        title += nodes.strong(fact.label, fact.label)
        title += nodes.Text(" ")
        title += nodes.literal(fact.id, fact.id, classes=["fact-id"])
        box += title
        fields = nodes.field_list()
        fields += _field("Value", nodes.Text(render_value(fact)))
        if fact.hangul:
            fields += _field("Hangul", nodes.inline(fact.hangul, fact.hangul, classes=["hangul"]))
        dates = statements_sentence(fact)
        if dates:
            fields += _field("Dates", nodes.Text(dates))
        if fact.accepted or fact.rejected:
            variants = ", ".join(fact.accepted) or "none"
            text = f"accepted: {variants}" + (f"; not used: {', '.join(fact.rejected)}" if fact.rejected else "")
            fields += _field("Other spellings", nodes.Text(text))
        if fact.kind == "quotation" and fact.speaker in reg.facts:
            fields += _field("Speaker", _fact_link(fact.speaker, render_value(reg.facts[fact.speaker])))
        if fact.kind == "office" and fact.holders:
            holders = [nodes.Text(holder_text(reg, h)) for h in fact.holders]
            fields += _field("Holders", *_join(holders))
        fields += _field("Precision", nodes.Text(precision_of(fact)))
        status = status_summary(fact)
        fields += _field("Status", nodes.inline(status, status, classes=[f"status-{fact.status}"]))
        if fact.verified:
            fields += _field("Last verified", nodes.Text(fact.verified.isoformat()))
        fields += _field("Sources", FactIndex.sources_list(reg, fact))
        for index, old in enumerate(fact.superseded):
            src = reg.sources.get(old.source)
            said = f"\u201c{old.quote.strip()}\u201d" if old.quote else render_superseded(fact, old.value)
            para = nodes.paragraph()
            para += nodes.Text(f"{src.publisher if src else old.source} wrote {said}. {' '.join(old.reason.split())} ")
            para += _correction_ref(correction_anchor(fact.id, index))
            fields += _field("Corrected", para)
        if fact.note:
            fields += _field("Note", nodes.Text(fact.note))
        used = backlinks()
        used["fact_id"] = fact.id
        fields += _field("Used on", used)
        box += fields
        return box

    @staticmethod
    def sources_list(reg: Registry, fact: Fact) -> nodes.bullet_list:
        """Each source linked to its entry, with the words of it that state the value."""
        excerpts = {c.source: c.excerpt for c in fact.citations}
        items = nodes.bullet_list(classes=["fact-sources"])
        for source_id in fact.sources:
            source = reg.sources.get(source_id)
            if source is None:
                continue
            para = nodes.paragraph()
            para += _source_link(source_id, source.title)
            para += nodes.Text(f" ({source.publisher})")
            excerpt = excerpts.get(source_id)
            if excerpt:
                para += nodes.Text(": ")
                para += nodes.inline("", f"\u201c{excerpt.strip()}\u201d", classes=["fact-excerpt"])
            items += nodes.list_item("", para)
        return items


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class correction_ref(nodes.Inline, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder: "(see the correction)" linking to a correction's entry, resolved at write time."""


def _correction_ref(anchor: str) -> correction_ref:
    node = correction_ref()
    node["anchor"] = anchor
    return node


def holder_text(reg: Registry, holder: Holder) -> str:
    person = reg.facts.get(holder.person)
    name = person.name if person else holder.person
    start = holder.start.house_style() if holder.start else "?"
    end = holder.end.house_style() if holder.end else "present"
    return f"{name} ({start} \u2013 {end})"


# -- the registry in print -------------------------------------------------------------------
TABLE_COLUMNS = (("Fact", 27), ("Value", 26), ("Date", 21), ("Status", 14), ("Sources", 12))


def _table_order(fact: Fact) -> tuple[bool, dt.date | None, str]:
    """Dated facts first, oldest first; then the undated; each by label."""
    when = fact.when
    return when is None, when.lower if when else None, fact.label.lower()


def _cell(*content: nodes.Node) -> nodes.entry:
    para = nodes.paragraph()
    para.extend(content)
    return nodes.entry("", para)


def print_value(reg: Registry, fact: Fact) -> str:
    """The value column: the name, number or wording; an event's value is its date (next column)."""
    if fact.kind == "event":
        return fact.name or ""
    value = render_value(fact)
    if fact.hangul:
        value += f" ({fact.hangul})"
    if fact.kind == "quotation" and fact.speaker in reg.facts:
        value += f" \u2014 {render_value(reg.facts[fact.speaker])}"
    if fact.kind == "office" and fact.holders:
        value += "; held by " + ", ".join(holder_text(reg, h) for h in fact.holders)
    return value


def print_date(fact: Fact) -> str:
    if fact.kind == "event":
        return render_value(fact)
    sentence = statements_sentence(fact, with_status=False)
    if sentence:
        return sentence
    return fact.date.house_style() if fact.date else ""


def registry_table(reg: Registry, facts: list[Fact]) -> nodes.Node:
    """One row per fact: its label (the row is the fact's link target), value, date, status and the
    numbers of its sources in the sources list."""
    table = nodes.table(classes=["longtable", "colwidths-given", "registry-table"])
    group = nodes.tgroup(cols=len(TABLE_COLUMNS))
    table += group
    group.extend(nodes.colspec(colwidth=width) for _, width in TABLE_COLUMNS)
    head = nodes.thead()
    row = nodes.row()
    row.extend(_cell(nodes.Text(name)) for name, _ in TABLE_COLUMNS)
    head += row
    group += head
    body = nodes.tbody()
    for fact in facts:
        row = nodes.row()
        # The row is the target of the fact's links; the anchor goes after the label, as an anchor
        # at the start of a table cell pushes its first line down.
        row += _cell(nodes.Text(fact.label), nodes.inline("", "", ids=[fact_anchor(fact.id)]))
        row += _cell(nodes.Text(print_value(reg, fact)))
        row += _cell(nodes.Text(print_date(fact)))
        row += _cell(nodes.Text(status_summary(fact)))
        row += _cell(cite(fact.sources, style="numbers"))
        body += row
    group += body
    return nodes.container("", table, classes=["registry-table"])


class SourceIndex(_RegistryDirective):
    """``{source-index}``: every source once, numbered (the numbers the PDF cites), with the facts
    that cite it on the web and its address in print."""

    def run(self) -> list[nodes.Node]:
        reg = self.registry()
        domain = fact_domain(self.env)
        ordered = source_order(reg)
        domain.note_checked(self.env.docname, [s.retrieved for s in ordered])
        for source in ordered:
            domain.note_source_entry(self.env.docname, source.id, source.title)
        return [source_listing()]


def citing_facts(reg: Registry, source_id: str) -> list[Fact]:
    """The facts a source supports, as the sources list names them (by label)."""
    return sorted(reg.facts_citing(source_id), key=lambda f: f.label.lower())


def source_list_nodes(reg: Registry, *, in_print: bool) -> nodes.Node:
    """The sources list as nodes: on screen with the facts each supports, in print with addresses."""
    numbers = source_numbers(reg)
    items = nodes.enumerated_list(classes=["source-index"], enumtype="arabic", prefix="[" if in_print else "",
                                  suffix="]" if in_print else ".")
    for source in source_order(reg):
        assert numbers[source.id] == len(items) + 1
        published = f", {source.date.house_style()}" if source.date else ""
        item = nodes.list_item(ids=[source_anchor(source.id)], classes=["source-entry"])
        para = nodes.paragraph()
        if in_print:  # the title as text and the address written out (a link is no use on paper)
            para += nodes.emphasis(source.title, source.title)
            para += nodes.Text(f". {source.publisher}{published}. ")
            para += nodes.reference(source.url, source.url, refuri=source.url)
            if source.read_via:
                para += nodes.Text(" (read via ")
                para += nodes.reference(source.read_via, source.read_via, refuri=source.read_via)
                para += nodes.Text(")")
            para += nodes.Text(f". Retrieved {source.retrieved.isoformat()}.")
            item += para
        else:
            para += nodes.reference(source.title, source.title, refuri=source.url)
            para += nodes.Text(f". {source.publisher}{published}. Retrieved {source.retrieved.isoformat()}.")
            if source.read_via:
                para += nodes.Text(" Read via ")
                para += nodes.reference(source.read_via, source.read_via, refuri=source.read_via)
                para += nodes.Text(".")
            item += para
            citing = citing_facts(reg, source.id)
            if citing:
                cites = nodes.paragraph(classes=["source-facts"])
                cites += nodes.Text("Supports: ")
                cites.extend(_join([_fact_link(f.id, f.label) for f in citing]))
                item += cites
        items += item
    return nodes.container("", items, classes=["source-list"]) if in_print else items


def _uri(app: Sphinx, fromdoc: str, todoc: str, anchor: str) -> str | None:
    try:
        return app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor
    except NoUri:  # a page left out of this output (the PDF leaves some out)
        return None


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with links to the places that use the fact, and
    each correction reference with a link to its entry (listings as nodes: builders other than HTML)."""
    domain = fact_domain(app.env)
    listing = min(domain.data["correction_lists"], default=None)
    for ref in list(doctree.findall(correction_ref)):
        uri = _uri(app, docname, listing, ref["anchor"]) if listing else None
        ref.replace_self(nodes.reference("", "See the correction.", refuri=uri, internal=True) if uri else [])
    placeholders = list(doctree.findall(backlinks))
    if not placeholders:
        return
    uses = domain.uses()
    for node in placeholders:
        links: list[nodes.Node] = []
        for title, uri in used_on(app, docname, uses.get(node["fact_id"], [])):
            links.append(nodes.reference(title, title, refuri=uri, internal=True))
        node.replace_self(_join(links, ", ") if links else nodes.Text("not used in the pages"))


def used_on(app: Sphinx, docname: str, places: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(title, address) of each place that uses a fact, seen from ``docname``; places on that page
    itself, or on pages left out of this output, are left out."""
    result = []
    for doc, anchor in places:
        uri = _uri(app, docname, doc, anchor) if doc != docname else None
        if uri is not None:
            result.append((app.env.titles[doc].astext() if doc in app.env.titles else doc, uri))
    return result


# -- the listings, filled in when their page is written --------------------------------------
# HTML builders write the listings as text. False writes them as nodes, through Sphinx's HTML writer,
# as other builders do: the reference that tests/test_listings_html.py compares the text with.
HTML_AS_TEXT = True


# Node classes: lowercase like docutils' own; their bases are Any to mypy, as docutils is untyped here.
class fact_listing(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder for ``{fact-index}`` (``node["kind"]``: one kind, or "" for all)."""


class source_listing(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder for ``{source-index}``."""


class listing_html(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """A listing written as HTML (``node["html"]``). Its one child is the listing's text, which
    Sphinx's search indexer reads; the HTML writer writes the HTML instead of the child."""


def visit_listing_html(self: HTML5Translator, node: listing_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def depart_listing_html(self: HTML5Translator, node: listing_html) -> None:
    """Never called: the visit skips the node."""


def listed_facts(reg: Registry, kind: str) -> list[Fact]:
    return sorted((f for f in reg.facts.values() if not kind or f.kind == kind), key=lambda f: f.id)


def smart_quotes(env: BuildEnvironment) -> Callable[[str], str]:
    """Sphinx's smart quotes as this build applies them to a page's text (its SmartQuotes transform
    runs when pages are read, before the listings are filled in)."""
    config = env.config
    excluded = config.smartquotes_excludes
    return listing_html_mod.educator(
        bool(config.smartquotes) and env._builder_cls.name not in excluded.get("builders", [])
        and config.language not in excluded.get("languages", []),
        config.smartquotes_action, env.settings.get("language_code") or "en")


def educate_texts(tree: nodes.Node, educate: Callable[[str], str]) -> None:
    """Smart quotes in the text of nodes made after the pages were read (not in literals)."""
    for text in list(tree.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.literal, nodes.FixedTextElement, nodes.raw)):
            continue
        educated = educate(str(text))
        if educated != str(text):
            text.parent.replace(text, nodes.Text(educated))


class ExpandListings(SphinxPostTransform):
    """Builders other than HTML: the listings as nodes, before their links are resolved (the PDF's
    tables and numbered list; the web entries for any other builder, e.g. plain text)."""

    default_priority = 4  # before ResolveCitedSources (5) and ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        builder_format = self.env._builder_cls.format
        if builder_format == "html" and HTML_AS_TEXT:
            return  # written as HTML at doctree-resolved: see render_listings_html
        reg = registry(self.config)
        in_print = builder_format == "latex"
        educate = smart_quotes(self.env)
        for node in list(self.document.findall(fact_listing)):
            facts = listed_facts(reg, node["kind"])
            if in_print:
                expanded = [registry_table(reg, sorted(facts, key=_table_order))]
            else:
                expanded = [FactIndex.entry(reg, fact) for fact in facts]
            for tree in expanded:
                educate_texts(tree, educate)
            node.replace_self(expanded)
        for node in list(self.document.findall(source_listing)):
            tree = source_list_nodes(reg, in_print=in_print)
            educate_texts(tree, educate)
            node.replace_self(tree)


def render_listings_html(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, HTML builders: each listing placeholder becomes its HTML and text."""
    if app.builder.format != "html" or not HTML_AS_TEXT:
        return
    placeholders = [n for n in doctree.findall(nodes.Element) if isinstance(n, (fact_listing, source_listing))]
    if not placeholders:
        return
    reg = registry(app.config)
    domain = fact_domain(app.env)
    pages = {"fact": domain.data["fact_pages"], "source": domain.data["source_pages"]}
    anchors = {"fact": fact_anchor, "source": source_anchor}

    def target(kind: str, obj_id: str) -> tuple[str, str] | None:
        entry = pages[kind].get(obj_id)
        return (entry[0], anchors[kind](obj_id)) if entry else None

    links = listing_html_mod.Links(docname, target, lambda page, anchor: _uri(app, docname, page, anchor))
    educate = smart_quotes(app.env)
    uses = domain.uses()
    corrections_page = min(domain.data["correction_lists"], default=None)
    for node in placeholders:
        out = listing_html_mod.Html(educate)
        if isinstance(node, fact_listing):
            for fact in listed_facts(reg, node["kind"]):
                corrections = [_uri(app, docname, corrections_page, correction_anchor(fact.id, i))
                               if corrections_page else None for i in range(len(fact.superseded))]
                listing_html_mod.fact_entry(
                    out, reg, fact, links, precision_of(fact), [holder_text(reg, h) for h in fact.holders],
                    corrections, used_on(app, docname, uses.get(fact.id, [])))
        else:
            listing_html_mod.source_entries(out, source_order(reg), lambda sid: citing_facts(reg, sid), links)
        rendered = listing_html(html=out.html())
        rendered += nodes.Text(out.search_text())
        node.replace_self(rendered)


# -- incremental builds ------------------------------------------------------------------------
def shown_from_other_pages(env: BuildEnvironment, docname: str) -> str:
    """A hash of what a listing page shows of the other pages: where each fact it lists is used, where
    each correction it lists is discussed, those pages' titles, and which pages hold the listings."""
    domain = fact_domain(env)
    listed = {fid for fid, (doc, _) in domain.data["fact_pages"].items() if doc == docname}
    places = sorted((fid, doc, anchor) for doc, used in domain.data["places"].items()
                    for fid, anchor in used if fid in listed)
    discussed = sorted(map(list, domain.data["corrections_placed"].items())) \
        if docname in domain.data["correction_lists"] else []
    docs = {doc for _, doc, _ in places} | {place[0] for _, entries in discussed for place in entries}
    titles = sorted((doc, env.titles[doc].astext()) for doc in docs if doc in env.titles)
    state = [places, discussed, titles, sorted(domain.data["listings"]), sorted(domain.data["correction_lists"])]
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def listing_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: re-write each listing page whose back-links (or their titles) changed since it
    was last written; one that did not change is left as it is."""
    written: dict[str, str] = getattr(env, "factcheck_listings_shown", {})
    current = {doc: shown_from_other_pages(env, doc) for doc in fact_domain(env).data["listings"]}
    stale = sorted(doc for doc, digest in current.items() if written.get(doc) != digest)
    # Extension data on the environment, as Sphinx's own extensions keep it (sphinx.ext.todo); Sphinx
    # declares no such attribute.
    env.factcheck_listings_shown = current  # type: ignore[attr-defined]
    return stale


def setup_listings(app: Sphinx) -> None:
    app.add_directive("fact-index", FactIndex)
    app.add_directive("source-index", SourceIndex)
    app.add_node(backlinks)
    app.add_node(correction_ref)
    app.add_node(fact_listing)
    app.add_node(source_listing)
    app.add_node(listing_html, html=(visit_listing_html, depart_listing_html))
    app.add_post_transform(ExpandListings)
    app.connect("env-updated", listing_pages)
    app.connect("doctree-resolved", fill_backlinks)
    app.connect("doctree-resolved", render_listings_html)
