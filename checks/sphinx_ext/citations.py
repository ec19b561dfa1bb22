"""Sources as readers meet them: by title on the web, by number in print.

Every source has a number: its place in the sources list, ordered by publisher and title (the order
of the sources page). The PDF cites by these numbers ("[3, 17]", Wikipedia's and the journals'
marker), so a source's full description is printed once, in the list, and never again at each fact.

A directive that cites sources writes a :class:`cited_sources` placeholder; at write time it
becomes the sources' titles, linked to their entries (HTML and other builders), or their numbers,
linked the same way (LaTeX). Directives stay builder-neutral, as Sphinx caches their output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from checks.registry.model import Registry, Source

from .state import registry


def source_order(reg: Registry) -> list[Source]:
    """Sources in list order: by publisher, then title (case-insensitive), then id."""
    return sorted(reg.sources.values(), key=lambda s: (s.publisher.lower(), s.title.lower(), s.id))


# id(registry) -> (registry, numbers): the registry is loaded once per build and never changes.
_NUMBERS: dict[int, tuple[Registry, dict[str, int]]] = {}


def source_numbers(reg: Registry) -> dict[str, int]:
    """source id -> its number in the sources list (1-based)."""
    cached = _NUMBERS.get(id(reg))
    if cached is None or cached[0] is not reg:
        _NUMBERS.clear()
        cached = _NUMBERS[id(reg)] = (reg, {s.id: n for n, s in enumerate(source_order(reg), start=1)})
    return cached[1]


def source_xref(source_id: str, text: str) -> pending_xref:
    """A link to a source's entry on the sources page (resolved late, like every fact link)."""
    return pending_xref("", nodes.inline(text, text, classes=["fact-source"]), refdomain="fact", reftype="source",
                        reftarget=source_id, refexplicit=True, refwarn=False)


def number_markers(reg: Registry, source_ids: Iterable[str], *, brackets: bool = True) -> list[nodes.Node]:
    """"[3, 17]": each number linked to its source. Unknown ids are skipped."""
    numbers = source_numbers(reg)
    known = sorted((numbers[s], s) for s in dict.fromkeys(source_ids) if s in numbers)
    out: list[nodes.Node] = [nodes.Text("[")] if brackets else []
    for i, (number, source_id) in enumerate(known):
        if i:
            out.append(nodes.Text(", "))
        out.append(source_xref(source_id, str(number)))
    if brackets:
        out.append(nodes.Text("]"))
    return out if known else []


# A node class: lowercase like docutils' own (builders dispatch visit_<name> on it); its bases are Any
# to mypy, as docutils is untyped here.
class cited_sources(nodes.Inline, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """Placeholder for a list of sources: ``node["sources"]`` (ids); ``node["style"]`` is "titles"
    (titles joined by "; ") or "numbers" (numbers only, also outside print)."""


def cite(source_ids: Iterable[str], style: str = "titles") -> cited_sources:
    node = cited_sources()
    node["sources"] = list(source_ids)
    node["style"] = style
    return node


class ResolveCitedSources(SphinxPostTransform):
    """Write each :class:`cited_sources` for the builder: titles on the web, numbers in print."""

    default_priority = 5  # before ReferencesResolver (10), which links the pending_xrefs made here

    def run(self, **kwargs: Any) -> None:
        reg = registry(self.config)
        in_print = self.env._builder_cls.format == "latex"
        for node in list(self.document.findall(cited_sources)):
            ids = [s for s in node["sources"] if s in reg.sources]
            if in_print or node["style"] == "numbers":
                new = number_markers(reg, ids, brackets=in_print and node["style"] != "numbers")
            else:
                new = []
                for i, source_id in enumerate(ids):
                    if i:
                        new.append(nodes.Text("; "))
                    new.append(source_xref(source_id, reg.sources[source_id].title))
            node.replace_self(new or [nodes.Text("none recorded")])


def setup_citations(app: Sphinx) -> None:
    app.add_node(cited_sources)
    app.add_post_transform(ResolveCitedSources)
