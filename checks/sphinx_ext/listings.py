"""Generated pages: the facts page, the sources page and the corrections page.

Each directive lists the registry at build time. Its page depends on the whole registry (noted by
hash in the domain), and the facts page's "used on" back-links are filled in at write time from
every page's recorded usage, so they are never stale.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checks.exports.claimreview import correction_anchor
from checks.registry.house_style import render_said, render_superseded, render_value
from checks.registry.model import PRIMARY_FIELD, Fact, Registry

from .domain import FactDomain, fact_anchor, source_anchor
from .state import registry

KIND_TITLES = {"person": "People", "organisation": "Organisations and bodies", "office": "Offices and titles",
               "event": "Events", "quantity": "Numbers", "quotation": "Quotations"}
PRECISION_TEXT = {"day": "to the day", "month": "to the month", "year": "to the year"}


class backlinks(nodes.General, nodes.Element):
    """Placeholder for the list of places that use a fact; filled in at write time."""


def _fact_link(fact_id: str, text: str) -> pending_xref:
    ref = pending_xref("", refdomain="fact", reftype="fact", reftarget=fact_id, refexplicit=True, refwarn=False)
    ref += nodes.inline(text, text)
    return ref


def _source_link(source_id: str, text: str) -> pending_xref:
    ref = pending_xref("", refdomain="fact", reftype="source", reftarget=source_id, refexplicit=True,
                       refwarn=False)
    ref += nodes.inline(text, text)
    return ref


def _field(name: str, *body: nodes.Node) -> nodes.field:
    para = nodes.paragraph()
    para.extend(body)
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", para))


def _join(items: list[nodes.Node], sep: str = "; ") -> list[nodes.Node]:
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
        domain: FactDomain = self.env.domains["fact"]  # type: ignore[assignment]
        domain.note_listing(self.env.docname, reg.digest)
        return reg


class FactIndex(_RegistryDirective):
    """``{fact-index}``: every fact (or those of one ``:kind:``), with value, provenance and uses."""

    option_spec = {"kind": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = self.registry()
        kind = self.options.get("kind")
        facts = sorted((f for f in reg.facts.values() if kind is None or f.kind == kind), key=lambda f: f.id)
        domain: FactDomain = self.env.domains["fact"]  # type: ignore[assignment]
        result: list[nodes.Node] = []
        for fact in facts:
            domain.note_fact_entry(self.env.docname, fact.id, fact.label)
            result.append(self.entry(reg, fact))
        if not facts:
            result.append(nodes.paragraph(text="No facts of this kind yet."))
        return result

    def entry(self, reg: Registry, fact: Fact) -> nodes.Node:
        box = nodes.container(classes=["fact-entry", f"fact-status-{fact.status}"], ids=[fact_anchor(fact.id)])
        title = nodes.paragraph(classes=["fact-title"])
        title += nodes.strong(fact.label, fact.label)
        title += nodes.Text(" ")
        title += nodes.literal(fact.id, fact.id, classes=["fact-id"])
        box += title
        fields = nodes.field_list()
        fields += _field("Value", nodes.Text(render_value(fact)))
        if fact.kind == "person":
            life = " \u2013 ".join(d.house_style() for d in (fact.born, fact.died) if d)
            if fact.hangul:
                fields += _field("Hangul", nodes.inline(fact.hangul, fact.hangul, classes=["hangul"]))
            if life:
                fields += _field("Lived", nodes.Text(life))
        if fact.accepted or fact.rejected:
            variants = ", ".join(fact.accepted) or "none"
            text = f"accepted: {variants}" + (f"; not used: {', '.join(fact.rejected)}" if fact.rejected else "")
            fields += _field("Other spellings", nodes.Text(text))
        if fact.kind == "quotation" and fact.speaker in reg.facts:
            fields += _field("Speaker", _fact_link(fact.speaker, render_value(reg.facts[fact.speaker])))
        if fact.kind == "office" and fact.holders:
            holders = [nodes.Text(self.holder_text(reg, h)) for h in fact.holders]
            fields += _field("Holders", *_join(holders))
        fields += _field("Precision", nodes.Text(precision_of(fact)))
        fields += _field("Status", nodes.inline(fact.status, fact.status, classes=[f"status-{fact.status}"]))
        if fact.verified:
            fields += _field("Last verified", nodes.Text(fact.verified.isoformat()))
        sources = [_source_link(s, reg.sources[s].title) for s in fact.sources if s in reg.sources]
        fields += _field("Sources", *_join(sources))
        for old in fact.superseded:
            src = reg.sources.get(old.source)
            said = render_said(fact, old, src.publisher if src else old.source)
            if old.quote:  # the words, then the value the registry read in them
                said += f" (recorded as {render_superseded(fact, old.value)})"
            fields += _field("Corrected", nodes.Text(f"{said}. {old.reason}"))
        if fact.note:
            fields += _field("Note", nodes.Text(fact.note))
        used = backlinks()
        used["fact_id"] = fact.id
        fields += _field("Used on", used)
        box += fields
        return box

    @staticmethod
    def holder_text(reg: Registry, holder) -> str:
        person = reg.facts.get(holder.person)
        name = person.name if person else holder.person
        start = holder.start.house_style() if holder.start else "?"
        end = holder.end.house_style() if holder.end else "present"
        return f"{name} ({start} \u2013 {end})"


class SourceIndex(_RegistryDirective):
    """``{source-index}``: every source once, with the facts that cite it."""

    def run(self) -> list[nodes.Node]:
        reg = self.registry()
        domain: FactDomain = self.env.domains["fact"]  # type: ignore[assignment]
        items = nodes.bullet_list(classes=["source-index"])
        for source in sorted(reg.sources.values(), key=lambda s: (s.publisher.lower(), s.title.lower())):
            domain.note_source_entry(self.env.docname, source.id, source.title)
            item = nodes.list_item(ids=[source_anchor(source.id)], classes=["source-entry"])
            para = nodes.paragraph()
            para += nodes.reference(source.title, source.title, refuri=source.url)
            published = f", {source.date.house_style()}" if source.date else ""
            para += nodes.Text(f". {source.publisher}{published}. Retrieved {source.retrieved.isoformat()}.")
            item += para
            citing = sorted(reg.facts_citing(source.id), key=lambda f: f.label.lower())
            if citing:
                cites = nodes.paragraph(classes=["source-facts"])
                cites += nodes.Text("Supports: ")
                cites.extend(_join([_fact_link(f.id, f.label) for f in citing]))
                item += cites
            items += item
        return [items]


class Corrections(_RegistryDirective):
    """``{corrections}``: every superseded value, what is right, why, and the evidence."""

    option_spec = {"source": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = self.registry()
        only = self.options.get("source")
        result: list[nodes.Node] = []
        rows = [(fact, old) for fact in sorted(reg.facts.values(), key=lambda f: f.label.lower())
                for old in fact.superseded if only is None or old.source == only]
        for fact, old in rows:
            box = nodes.container(classes=["correction"],
                                  ids=[correction_anchor(fact.id, fact.superseded.index(old))])
            head = nodes.paragraph(classes=["correction-title"])
            head += nodes.strong(fact.label, fact.label)
            box += head
            fields = nodes.field_list()
            src = reg.sources.get(old.source)
            said = old.quote and f"\u201c{old.quote}\u201d" or render_superseded(fact, old.value)
            fields += _field("The source said", nodes.Text(said + (f" ({src.publisher})" if src else "")))
            fields += _field("Superseded value", nodes.Text(render_superseded(fact, old.value)))
            fields += _field("Correct " + PRIMARY_FIELD[fact.kind], _fact_link(fact.id, render_value(fact)))
            fields += _field("Why", nodes.Text(old.reason))
            evidence = [_source_link(s, reg.sources[s].title) for s in fact.sources if s in reg.sources]
            fields += _field("Evidence", *_join(evidence))
            box += fields
            result.append(box)
        if not rows:
            result.append(nodes.paragraph(text="No corrections."))
        return result


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with links to the places that use the fact."""
    placeholders = list(doctree.findall(backlinks))
    if not placeholders:
        return
    domain: FactDomain = app.env.domains["fact"]  # type: ignore[assignment]
    uses = domain.uses()
    for node in placeholders:
        places = [(doc, anchor) for doc, anchor in uses.get(node["fact_id"], []) if doc != docname]
        if not places:
            node.replace_self(nodes.Text("not used in the pages"))
            continue
        links: list[nodes.Node] = []
        for doc, anchor in places:
            title = app.env.titles[doc].astext() if doc in app.env.titles else doc
            uri = app.builder.get_relative_uri(docname, doc) + "#" + anchor
            links.append(nodes.reference(title, title, refuri=uri, internal=True))
        node.replace_self(_join(links, ", "))


def listing_pages(app: Sphinx, env) -> list[str]:
    """``env-updated``: when any page was read, re-write the listing pages so back-links are fresh."""
    domain: FactDomain = env.domains["fact"]
    return sorted(domain.data["listings"]) if getattr(env, "_factcheck_read_any", False) else []


def note_reading(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember whether this build reads any page."""
    env._factcheck_read_any = bool(docnames)


def setup_listings(app: Sphinx) -> None:
    app.add_directive("fact-index", FactIndex)
    app.add_directive("source-index", SourceIndex)
    app.add_directive("corrections", Corrections)
    app.add_node(backlinks)
    app.connect("env-before-read-docs", note_reading)
    app.connect("env-updated", listing_pages)
    app.connect("doctree-resolved", fill_backlinks)
