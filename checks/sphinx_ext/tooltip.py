"""Provenance on hover, focus and touch: each ``{fact}`` reference carries its value, status (and the
note explaining it, when the value is uncertain), sources with their supporting excerpts and the
values it corrects as ``data-*`` attributes, and a small script shipped with the extension shows them in a
``role="tooltip"`` element tied to the link with ``aria-describedby``. No external script.

The attributes are added at write time by an HTML-only post-transform, before references are
resolved (the fact id is still on the ``pending_xref``): the role itself stays builder-neutral, and
the tooltip always shows the registry as of this build. Without JavaScript the link's ``title``
attribute (set by the role) remains as a fallback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.html5 import HTML5Translator

from checks.registry.house_style import render_superseded, render_value
from checks.registry.model import Registry

from .state import registry
from .wording import is_uncertain, statement_value

STATIC = Path(__file__).parent / "static"
ASSETS_CSS = ("factcheck.css",)
ASSETS_JS = ("factcheck.js",)


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class fact_ref(nodes.inline):  # type: ignore[misc]  # noqa: N801
    """A fact reference's text, with its provenance for the tooltip (``node["provenance"]``)."""


def provenance(reg: Registry, fact_id: str, statement: str | None = None) -> dict[str, Any]:
    """What the tooltip shows: the value (or the one dated statement a timeline entry states), its
    status, the note when that status is not verified, each source with the words of it that support
    the value, and the published values the fact corrects."""
    fact = reg.facts[fact_id]
    status = fact.status_for(statement)
    value = statement_value(fact, statement) if statement else render_value(fact)
    excerpts = {c.source: c.excerpt for c in fact.citations}
    sources = [{"title": s.title, "publisher": s.publisher, "retrieved": s.retrieved.isoformat(),
                "excerpt": excerpts.get(s.id) or ""}
               for s in (reg.sources.get(sid) for sid in fact.sources) if s is not None]
    corrections = []
    for old in fact.superseded:
        source = reg.sources.get(old.source)
        corrections.append({"publisher": source.publisher if source else old.source,
                            "value": render_superseded(fact, old.value)})
    return {"label": fact.label, "value": value, "status": status,
            "note": (fact.note or "") if is_uncertain(status) else "",
            "sources": sources, "corrections": corrections}


class AttachProvenance(SphinxPostTransform):
    """HTML only: turn each ``{fact}`` reference's text node into a :class:`fact_ref`."""

    default_priority = 5  # before ReferencesResolver (10)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        reg = registry(self.config)
        for xref in list(self.document.findall(pending_xref)):
            if xref.get("refdomain") != "fact" or xref.get("reftype") != "fact":
                continue
            fact_id = xref["reftarget"]
            if fact_id not in reg.facts:
                continue
            for inner in list(xref.findall(nodes.inline)):
                if "fact-ref" in inner["classes"] and not isinstance(inner, fact_ref):
                    # The children as children: inline's second argument is its text, not a node.
                    new = fact_ref(inner.rawsource, "", *inner.children, **inner.attributes)
                    new["provenance"] = provenance(reg, fact_id, inner.get("statement"))
                    inner.replace_self(new)


class MarkFactLinks(SphinxPostTransform):
    """HTML only: the links that carry a fact reference get the class ``fact-link``, so that they read
    as text (a faint dotted underline) while other links still look like links."""

    default_priority = 11  # after ReferencesResolver (10) has made the links
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if any(isinstance(child, fact_ref) for child in ref.children):
                ref["classes"].append("fact-link")


def visit_fact_ref(self: HTML5Translator, node: fact_ref) -> None:
    data = node.get("provenance") or {}
    attrs = {
        "data-fact-label": data.get("label", ""),
        "data-fact-value": data.get("value", ""),
        "data-fact-status": data.get("status", ""),
        "data-fact-sources": json.dumps(data.get("sources", []), ensure_ascii=False),
    }
    if data.get("note"):
        attrs["data-fact-note"] = data["note"]
    if data.get("corrections"):
        attrs["data-fact-corrected"] = "true"
        attrs["data-fact-corrections"] = json.dumps(data["corrections"], ensure_ascii=False)
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_fact_ref(self: HTML5Translator, node: fact_ref) -> None:
    self.body.append("</span>")


def copy_assets(app: Sphinx, exc: Exception | None) -> None:
    """``build-finished``: ship the stylesheet and script into ``_static``."""
    if exc is not None or app.builder.format != "html":
        return
    for name in ASSETS_CSS + ASSETS_JS:
        copy_asset_file(STATIC / name, Path(app.outdir) / "_static", force=True)


def setup_tooltip(app: Sphinx) -> None:
    app.add_node(fact_ref, html=(visit_fact_ref, depart_fact_ref))
    app.add_post_transform(AttachProvenance)
    app.add_post_transform(MarkFactLinks)
    for name in ASSETS_CSS:
        app.add_css_file(name)
    for name in ASSETS_JS:
        app.add_js_file(name, loading_method="defer")
    app.connect("build-finished", copy_assets)
