"""The ``fact`` domain: where each fact is listed, which pages use which facts, and late linking.

Links resolve late (``resolve_xref``), so a page only records *which* facts it uses and their
content hashes; ``outdated_pages`` compares those hashes with the registry to re-read exactly the
pages whose facts changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from checks.registry.house_style import render_value
from checks.registry.model import Registry

from .state import registry


def fact_anchor(fact_id: str) -> str:
    return f"fact-{fact_id}"


def source_anchor(source_id: str) -> str:
    return f"source-{source_id}"


class FactDomain(Domain):
    name = "fact"
    label = "Facts"
    object_types: ClassVar[dict[str, ObjType]] = {"fact": ObjType("fact", "fact"),
                                                   "source": ObjType("source", "source")}
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> {fact id: content hash at read time}
        "usage": {},
        # docname -> [(fact id, anchor of the reference)], for back-links
        "places": {},
        # docname -> registry hash, for pages that list the whole registry
        "listings": {},
        # docname -> ids of the facts its source references (for checks that need every page)
        "referenced": {},
        # fact id -> (docname of the facts page that lists it, label); sources likewise
        "fact_pages": {},
        "source_pages": {},
        # docname -> [(fact id, index of the superseded value, anchor, line)] of {correction} boxes
        "corrections_placed": {},
        # docname -> (earliest, latest) day on which what the page lists was checked (ISO strings)
        "checked": {},
        # docname -> True for pages that hold the {corrections} list
        "correction_lists": {},
    }
    data_version = 3
    _PER_DOC = ("usage", "places", "listings", "referenced", "corrections_placed", "checked",
                "correction_lists")

    # -- recording ------------------------------------------------------------------------
    def note_usage(self, docname: str, fact_id: str, digest: str, anchor: str | None = None) -> None:
        self.data["usage"].setdefault(docname, {})[fact_id] = digest
        if anchor:
            self.data["places"].setdefault(docname, []).append((fact_id, anchor))

    def note_references(self, docname: str, fact_ids: set[str]) -> None:
        self.data["referenced"][docname] = sorted(fact_ids)

    def referenced(self) -> set[str]:
        return {fid for ids in self.data["referenced"].values() for fid in ids}

    def note_listing(self, docname: str, registry_digest: str) -> None:
        self.data["listings"][docname] = registry_digest

    def note_fact_entry(self, docname: str, fact_id: str, label: str) -> None:
        self.data["fact_pages"][fact_id] = (docname, label)
        # A standard label as well ("fact-<id>", titled with the fact's label): any Sphinx site can
        # then link to the fact through intersphinx, :ref:`fact-<id>`, without this extension.
        # The standard domain forgets it with the page (clear_doc) and merges it after -j.
        std = self.env.domains["std"]
        std.anonlabels[fact_anchor(fact_id)] = (docname, fact_anchor(fact_id))
        std.labels[fact_anchor(fact_id)] = (docname, fact_anchor(fact_id), label)

    def note_source_entry(self, docname: str, source_id: str, title: str) -> None:
        self.data["source_pages"][source_id] = (docname, title)

    def note_correction_placed(self, docname: str, fact_id: str, index: int, anchor: str, line: int) -> None:
        self.data["corrections_placed"].setdefault(docname, []).append((fact_id, index, anchor, line))

    def corrections_placed(self) -> dict[tuple[str, int], list[tuple[str, str, int]]]:
        """(fact id, superseded index) -> [(docname, anchor, line)] in page order."""
        result: dict[tuple[str, int], list[tuple[str, str, int]]] = {}
        for docname in sorted(self.data["corrections_placed"]):
            for fact_id, index, anchor, line in self.data["corrections_placed"][docname]:
                result.setdefault((fact_id, index), []).append((docname, anchor, line))
        return result

    def note_checked(self, docname: str, days: Iterable[dt.date | None]) -> None:
        """The days on which what ``docname`` lists was last checked (verified, or read for a source)."""
        iso_days = sorted(d.isoformat() for d in days if d is not None)
        if not iso_days:
            return
        earliest, latest = self.data["checked"].get(docname, (iso_days[0], iso_days[-1]))
        self.data["checked"][docname] = (min(earliest, iso_days[0]), max(latest, iso_days[-1]))

    # -- incremental builds -------------------------------------------------------------
    def outdated_pages(self, registry: Registry) -> set[str]:
        current = {fid: f.digest for fid, f in registry.facts.items()}
        outdated = {doc for doc, used in self.data["usage"].items()
                    if any(current.get(fid, "missing") != digest for fid, digest in used.items())}
        outdated |= {doc for doc, digest in self.data["listings"].items() if digest != registry.digest}
        return outdated

    def uses(self) -> dict[str, list[tuple[str, str]]]:
        """fact id -> [(docname, anchor)] in document order."""
        result: dict[str, list[tuple[str, str]]] = {}
        for docname in sorted(self.data["places"]):
            for fact_id, anchor in self.data["places"][docname]:
                result.setdefault(fact_id, []).append((docname, anchor))
        return result

    # -- Sphinx protocol ----------------------------------------------------------------
    def clear_doc(self, docname: str) -> None:
        # Only a page that lists the registry (its "listings" entry) holds fact or source entries:
        # any other page skips the scan of every entry (10,000 at the large size, for each page read).
        lists_registry = docname in self.data["listings"]
        for key in self._PER_DOC:
            self.data[key].pop(docname, None)
        if not lists_registry:
            return
        for key in ("fact_pages", "source_pages"):
            for obj_id in [k for k, (d, _) in self.data[key].items() if d == docname]:
                del self.data[key][obj_id]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docs = set(docnames)
        for key in self._PER_DOC:
            for doc, value in otherdata[key].items():
                if doc in docs:
                    self.data[key][doc] = value
        for key in ("fact_pages", "source_pages"):
            for obj_id, entry in otherdata[key].items():
                if entry[0] in docs:
                    self.data[key][obj_id] = entry

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
                     node: pending_xref, contnode: Element) -> Element | None:
        if typ == "source":
            entry = self.data["source_pages"].get(target)
            anchor = source_anchor(target)
        else:
            entry = self.data["fact_pages"].get(target)
            anchor = fact_anchor(target)
        if entry is None:
            return contnode  # no facts page in this project: the text stands unlinked
        return make_refnode(builder, fromdocname, entry[0], anchor, contnode, node.get("reftitle"))

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: pending_xref, contnode: Element) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # Priority -1: in objects.inv (for intersphinx) but not among the search's object results.
        # Sphinx 9.0's search mangles them: an anchor "fact-<id>" is shortened to "-" and rebuilt
        # from the label, giving links to anchors that do not exist, and labels are HTML-escaped
        # twice. The facts page's full text still makes every fact findable by its value.
        for fact_id, (doc, label) in sorted(self.data["fact_pages"].items()):
            yield fact_id, label, "fact", doc, fact_anchor(fact_id), -1
        for source_id, (doc, title) in sorted(self.data["source_pages"].items()):
            yield source_id, title, "source", doc, source_anchor(source_id), -1


def fact_domain(env: BuildEnvironment) -> FactDomain:
    """The environment's ``fact`` domain, typed as this extension's own."""
    domain = env.domains["fact"]
    if not isinstance(domain, FactDomain):
        raise TypeError(f"the 'fact' domain is {type(domain).__name__}, not FactDomain: another extension replaced it")
    return domain


def provenance_title(registry: Registry, fact_id: str) -> str:
    """A one-line summary of a fact's value and provenance: the link's title, which readers without
    JavaScript see on hover. The status is named only when the value is uncertain."""
    fact = registry.facts[fact_id]
    sources = "; ".join(
        f"{registry.sources[s].title} ({registry.sources[s].publisher}, retrieved {registry.sources[s].retrieved})"
        for s in fact.sources if s in registry.sources)
    status = f" \u2014 {fact.status}" if fact.status != "verified" else ""
    return f"{render_value(fact)}{status} \u2014 {sources}"


def outdated_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """``env-get-outdated``: re-read exactly the pages whose facts changed."""
    return sorted(fact_domain(env).outdated_pages(registry(app.config)) - set(removed))


def setup_domain(app: Sphinx) -> None:
    app.add_domain(FactDomain)
    app.connect("env-get-outdated", outdated_pages)
