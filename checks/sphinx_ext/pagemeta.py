"""Per-page notes for readers: the page's as-of date, and a note when any fact it uses was corrected.

The as-of date comes from the page's front matter (``as_of: YYYY-MM-DD``). The correction note
lists the facts used on the page that correct a published value (``superseded`` in the registry),
from the domain's usage data. Both are added when the page is read: a fact's corrections are part
of its content hash, so correcting a fact re-reads exactly the pages that use it, note included.
Pages that list the whole registry (facts, sources, corrections) get no correction note.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx

from checks.pages.model import as_of_day
from checks.registry.dates import house_date
from checks.registry.house_style import render_said, render_value

from .domain import FactDomain
from .state import loaded, registry


def _insert_after_title(doctree: nodes.document, new: list[nodes.Node]) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        for offset, node in enumerate(new, start=1):
            section.insert(offset, node)
    else:
        for offset, node in enumerate(new):
            doctree.insert(offset, node)


def add_page_notes(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the as-of line and the correction note, under the page title."""
    env = app.env
    docname = env.docname
    new: list[nodes.Node] = []
    broken = loaded(app.config).errors
    if broken:
        # Only a non-strict build (the live preview) gets here with a broken registry: say so on
        # every page rather than serve ids and missing values as if all were well.
        warning = nodes.warning(classes=["registry-broken"])
        para = nodes.paragraph()
        para += nodes.Text("This preview is incomplete: the facts registry could not be loaded whole ("
                           + "; ".join(f"{e.path}:{e.line}: {e.message}" for e in broken)
                           + "). Facts from it appear as their ids until it is fixed.")
        warning += para
        new.append(warning)
    # An as_of that is not a day is reported by the engine as page.as-of, at the front matter's line.
    day = as_of_day(env.metadata.get(docname, {}).get("as_of"))
    if day is not None:
        text = house_date(day)
        para = nodes.paragraph("", "", classes=["page-as-of"])
        para += nodes.Text("Facts on this page as of ")
        para += nodes.inline(day.isoformat(), text, classes=["as-of-date"])
        para += nodes.Text(".")
        new.append(para)
    domain: FactDomain = env.domains["fact"]  # type: ignore[assignment]
    if docname not in domain.data["listings"]:
        note = correction_note(app, domain.data["usage"].get(docname, {}))
        if note is not None:
            new.append(note)
    if new:
        _insert_after_title(doctree, new)


def correction_note(app: Sphinx, used: dict[str, str]) -> nodes.Node | None:
    reg = registry(app.config)
    corrected = sorted((reg.facts[fid] for fid in used if fid in reg.facts and reg.facts[fid].superseded),
                       key=lambda f: f.label.lower())
    if not corrected:
        return None
    note = nodes.admonition(classes=["fact-corrections-note"])
    note += nodes.title("Corrections", "Corrections")
    note += nodes.paragraph(text="This page uses facts that correct values published elsewhere:")
    items = nodes.bullet_list()
    for fact in corrected:
        para = nodes.paragraph()
        ref = pending_xref("", refdomain="fact", reftype="fact", reftarget=fact.id, refexplicit=True,
                           refwarn=False)
        ref += nodes.inline(fact.label, fact.label)
        para += ref
        olds = []
        for old in fact.superseded:
            src = reg.sources.get(old.source)
            olds.append(render_said(fact, old, src.publisher if src else old.source))
        para += nodes.Text(f": {render_value(fact)} (" + "; ".join(olds) + ").")
        items += nodes.list_item("", para)
    note += items
    return note


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("doctree-read", add_page_notes)
