"""The timeline: ``{fact-timeline}`` builds a sphinx-timeline from the registry's ``timeline`` facts.

Events come from the registry, never from the page: every fact tagged ``timeline``, in the order they
began, grouped (``:periods:``) into the periods between the members of a series (the congresses).
sphinx-timeline needs a full ISO date as ``start``, so each event starts on the earliest day its
date allows, and the text a reader sees is our own house-style date ("1980", "October 1980",
"6–9 May 2016"), never the package's ``dtrange`` (which would print "1st Jan 1980").

The package's measured problems are worked around here, for ``{timeline}`` too (registered with
``override=True``):

- it notes ``:events:`` and ``:template:`` files relative to the page instead of the source folder,
  so such a page was re-read on every build; the dependency is re-noted through ``relfn2path``;
- a Jinja error in a template crashed the whole build; it is now a warning at the directive;
- partial dates (``1980``) are rejected by the package: the fact timeline converts them itself.

Incremental builds: the page records each timeline fact it shows through the domain's usage hashes
(editing one re-reads the page), and the *set* of timeline facts by hash here (tagging or untagging
a fact re-reads it too). An edit to an unrelated fact re-reads nothing.

Non-HTML builders (LaTeX, text) get a plain bulleted, dated list instead of the HTML timeline.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import jinja2
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx_timeline.main import TimelineDirective, TimelineDiv

from checks.core.codes import Code
from checks.core.findings import Finding, Location
from checks.registry.model import PRIMARY_FIELD, Fact, Registry
from checks.registry.timeline import TIMELINE_DATE_FIELD, TIMELINE_TAG, timeline_date, timeline_facts

from .checking import emit
from .domain import fact_domain
from .roles import status_classes
from .state import registry

TAG = TIMELINE_TAG
# The entry template: MyST markup, parsed as the page's own (so the {fact} role and its tooltip work).
# Its sources are one step away (the date's tooltip on the web, a numbered marker in print), not
# repeated under every entry.
TEMPLATE = """\
**{fact}`{{ e.when }} <{{ e.id }}>`**

{{ e.title }}
"""
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$])")


def selection_digest(reg: Registry) -> str:
    """A hash of which facts are on the timeline (their contents are tracked per fact)."""
    ids = sorted(f.id for f in reg.facts.values() if TAG in f.tags)
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def entry_title(fact: Fact) -> str:
    """What happened: the label for events; for a body or an office, that it was founded or created."""
    if fact.kind == "organisation":
        return f"{fact.name} founded"
    if fact.kind == "office":
        return f"{fact.name} created"
    return fact.label


def events(reg: Registry) -> list[dict[str, Any]]:
    """The sphinx-timeline events: ``start`` is the earliest day; ``when`` is the house-style date."""
    result = []
    for fact in timeline_facts(reg):
        date = timeline_date(fact)
        if date is None:
            continue  # timeline_facts keeps only dated facts
        sources = ", ".join(f"{{fact-source}}`{s}`" for s in fact.sources if s in reg.sources)
        result.append({
            "start": date.lower.isoformat(),
            "id": fact.id,
            "when": date.house_style(),
            "edtf": date.edtf,
            "precision": date.precision,
            "title": _md_escape(entry_title(fact)),
            "sources": sources or "none recorded",
        })
    return result


# sphinx-timeline ships no types, so its directive is Any to mypy.
class SafeTimeline(TimelineDirective):  # type: ignore[misc]
    """sphinx-timeline's ``timeline`` with its dependency bug fixed and template errors as warnings."""

    def run(self) -> list[nodes.Node]:
        deps = self.env.dependencies.setdefault(self.env.docname, set())
        before = set(deps)
        try:
            result: list[nodes.Node] = super().run()
        except jinja2.TemplateError as exc:
            lineno = getattr(exc, "lineno", None)  # only a syntax error knows its line
            where = f" (line {lineno} of the template)" if lineno else ""
            source, line = self.get_source_info()
            emit(Finding(Code.TIMELINE_TEMPLATE, Location(source, line or 1),
                         f"timeline template error: {exc.message or exc}{where}"), self.get_location())
            return []
        for option in ("events", "template"):
            given = self.options.get(option)
            if not given:
                continue
            wrong = self.env.srcdir / given
            if wrong not in before:
                deps.discard(wrong)
            _, absolute = self.env.relfn2path(given, self.env.docname)
            self.env.note_dependency(absolute)
        return result


_ORDINAL_NOUN = re.compile(r"^(\d+(?:st|nd|rd|th)) (\w+)")


def _member_words(fact: Fact) -> tuple[str, str]:
    """("6th", "Congress") from "6th Congress of the Workers' Party of Korea"."""
    m = _ORDINAL_NOUN.match(fact.name or "") or _ORDINAL_NOUN.match(fact.label)
    return (m[1], m[2]) if m else (fact.label, "")


def periods(reg: Registry, data: list[dict[str, Any]], series: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Split the (date-ordered) events into the periods between the members of ``series`` (the
    congresses): each period starts with a member and runs to the next; events before the first
    member come first. Returns (heading, events) pairs; a period without events is left out."""
    members = [(date.lower.isoformat(), f) for f in reg.series(series) if (date := timeline_date(f))]
    members.sort(key=lambda m: m[0])
    groups: list[list[dict[str, Any]]] = [[] for _ in range(len(members) + 1)]
    for event in data:
        index = sum(1 for start, _ in members if start <= event["start"])
        groups[index].append(event)
    result = []
    for index, events_in in enumerate(groups):
        if not events_in:
            continue
        first_year, last_year = int(events_in[0]["start"][:4]), int(events_in[-1]["start"][:4])
        if not members:  # no member of the series to divide by (a registry that did not load whole)
            result.append(("Events", events_in))
            continue
        if index == 0:
            ordinal, noun = _member_words(members[0][1])
            end_year = int(members[0][0][:4])
            heading = f"Before the {ordinal} {noun}"
            years = (first_year, end_year)
        elif index == len(members):
            ordinal, noun = _member_words(members[-1][1])
            heading = f"Since the {ordinal} {noun}"
            years = (first_year, last_year)
        else:
            (a, noun), (b, _) = _member_words(members[index - 1][1]), _member_words(members[index][1])
            heading = f"From the {a} to the {b} {noun}"
            years = (first_year, int(members[index][0][:4]))
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}\u2013{years[1]}"
        result.append((f"{heading.strip()}, {span}", events_in))
    return result


class FactTimeline(SafeTimeline):
    """``{fact-timeline}``: the registry's ``timeline`` facts, ordered by when they began, at their
    real precision.

    Options: ``:periods:`` (a series, e.g. ``wpk-congresses``: the entries are grouped in sections,
    one per period between two of its members), ``:template:`` (a Jinja file; the event is ``e``:
    ``e.when``, ``e.id``, ``e.title``, ``e.sources``, ``e.start``, ``e.precision``), ``:class:``.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "template": directives.path, "class": directives.class_option, "periods": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        reg = registry(self.config)
        domain = fact_domain(self.env)
        docname = self.env.docname
        data = events(reg)
        for fact in timeline_facts(reg):
            domain.note_usage(docname, fact.id, fact.digest)
        domain.note_checked(docname, [f.verified for f in timeline_facts(reg)])
        timelines_seen(self.env)[docname] = selection_digest(reg)
        if not data:
            return [nodes.paragraph(text="No facts are tagged for the timeline yet.")]
        options = {**self.options, "style": "none", "reversed": None, "events-format": "json",
                   "class": ["fact-timeline", *self.options.get("class", [])]}
        series = self.options.get("periods")
        if not series:
            return self.one_timeline(reg, data, options)
        sections: list[nodes.Node] = []
        for heading, group in periods(reg, data, series):
            section = nodes.section(ids=[nodes.make_id("period " + heading)], classes=["timeline-period"])
            section += nodes.title(heading, heading)
            section.extend(self.one_timeline(reg, group, options))
            sections.append(section)
        return sections

    def one_timeline(self, reg: Registry, data: list[dict[str, Any]], options: dict[str, Any]) -> list[nodes.Node]:
        # The data as one line of JSON: the package re-parses its inline data after every line of the
        # content (data and template), which made a multi-line YAML list quadratic (4 s of each
        # rebuild of the timeline page went there); a multi-line JSON list would not parse at all.
        lines = [json.dumps(data, ensure_ascii=False), "---"]
        if "template" not in options:
            lines.extend(TEMPLATE.splitlines())
        self.content = StringList(lines, source=self.get_source_info()[0])
        self.options = options
        result: list[nodes.Node] = super().run()
        # The package stamps each item with its full start date (1945-01-01T00:00:00): state the date
        # at its real precision instead, for scripts and styles alike.
        items = [n for n in (result[0].findall(TimelineDiv) if result else ()) if "tl-item" in n["classes"]]
        # One item per event, in order; zip's strict check is left off, as it was (no new failure).
        for item, event in zip(items, data, strict=False):
            item["dt"] = event["edtf"]
            item["classes"].append(f"tl-precision-{event['precision']}")
            mark_statement(reg, item, event["id"])
        return result


def mark_statement(reg: Registry, item: nodes.Element, fact_id: str) -> None:
    """An entry's date states one statement of its fact (a party's founding, not its name): its
    references get that statement's status, and the tooltip shows that statement."""
    fact = reg.facts[fact_id]
    field = TIMELINE_DATE_FIELD.get(fact.kind)
    if field is None or field == PRIMARY_FIELD[fact.kind]:
        return
    for xref in item.findall(pending_xref):
        if xref.get("reftarget") != fact_id:
            continue
        for inner in xref.findall(nodes.inline):
            if "fact-ref" in inner["classes"]:
                inner["statement"] = field
                inner["classes"] = status_classes(fact.status_for(field), inner["classes"])


class FactSourceRole(SphinxRole):
    """``{fact-source}`id```: a source's title, linked to its entry on the sources page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        source = registry(self.config).sources.get(self.text.strip())
        title = source.title if source else self.text
        ref = pending_xref(self.rawtext, refdomain="fact", reftype="source", reftarget=self.text.strip(),
                           refexplicit=True, refwarn=False)
        ref += nodes.inline(title, title, classes=["fact-source"])
        return [ref], []


class PlainTimeline(SphinxPostTransform):
    """Outside HTML, the timeline becomes a list of dated entries, one line each ("date \u2014 what
    happened"): readable in the PDF and in plain text."""

    default_priority = 200

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        for lst in list(self.document.findall(nodes.enumerated_list)):
            if "fact-timeline" not in lst["classes"] or not isinstance(lst.parent, TimelineDiv):
                continue
            items = nodes.bullet_list(classes=["fact-timeline"])
            for item in lst.children:
                entry = nodes.list_item(classes=["fact-timeline-entry"])
                for content in item.findall(TimelineDiv):
                    if "tl-item-content" in content["classes"]:
                        entry.extend(_one_line(list(content.children)))
                items += entry
            lst.parent.replace_self(nodes.container("", items, classes=["timeline"]))


def _one_line(blocks: list[nodes.Node]) -> list[nodes.Node]:
    """The date paragraph and the title paragraph as one: "**6\u20139 May 2016** \u2014 7th Congress"."""
    date, title = (blocks[0], blocks[1]) if len(blocks) >= 2 else (None, None)
    if isinstance(date, nodes.paragraph) and isinstance(title, nodes.paragraph):
        date += nodes.Text(" \u2014 ")
        date.extend(title.children)
        return [date, *blocks[2:]]
    return blocks


def timelines_seen(env: BuildEnvironment) -> dict[str, str]:
    """docname -> the selection digest its timeline was read with. Kept on the environment, which is
    pickled between builds (set up by :func:`init_env`)."""
    seen: dict[str, str] = getattr(env, "factcheck_timelines", {})
    return seen


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
             removed: set[str]) -> list[str]:
    """``env-get-outdated``: re-read timeline pages when the set of timeline facts changed."""
    digest = selection_digest(registry(app.config))
    return sorted(doc for doc, seen in timelines_seen(env).items() if seen != digest and doc not in removed)


def init_env(app: Sphinx) -> None:
    if not hasattr(app.env, "factcheck_timelines"):
        # Extension data on the environment, as Sphinx's own extensions keep it (sphinx.ext.todo);
        # Sphinx declares no such attribute.
        app.env.factcheck_timelines = {}  # type: ignore[attr-defined]


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    timelines_seen(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    other_seen = timelines_seen(other)
    for doc in docnames:
        if doc in other_seen:
            timelines_seen(env)[doc] = other_seen[doc]


def setup_timeline(app: Sphinx) -> None:
    app.setup_extension("sphinx_timeline")
    app.add_directive("timeline", SafeTimeline, override=True)
    app.add_directive("fact-timeline", FactTimeline)
    app.add_role("fact-source", FactSourceRole())
    app.add_post_transform(PlainTimeline)
    app.connect("builder-inited", init_env)
    app.connect("env-get-outdated", outdated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
