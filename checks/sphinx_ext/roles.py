"""The ``{fact}``, ``{nofact}`` and ``{phrase}`` roles.

``{fact}`` renders a fact's value (or the author's words) as a link to its entry on the facts page.
On the web it reads as text (see ``static/factcheck.css``): the link is one step away, for readers
who want the record.
It does not judge the words: the engine does that once, for the build and the CLI alike
(see :mod:`checks.sphinx_ext.checking`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from checks.pages.extract import parse_role_content
from checks.registry.house_style import render_value

from .domain import fact_domain, provenance_title
from .state import registry


def status_classes(status: str, classes: list[str]) -> list[str]:
    """A reference's classes for the status of the value it states (the primary value's, unless a
    timeline entry states another statement): ``fact-<status>``, and ``fact-uncertain`` unless verified."""
    return [c for c in classes if c not in ("fact-verified", "fact-disputed", "fact-unverified", "fact-uncertain")] \
        + [f"fact-{status}"] + (["fact-uncertain"] if status != "verified" else [])


class FactRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        fact_id, words = parse_role_content(self.text)
        reg = registry(self.config)
        facts = reg.facts
        fact = facts.get(fact_id)
        domain = fact_domain(self.env)
        if fact is None:
            # Reported by the engine as ref.unknown / ref.malformed; render the words as plain text.
            domain.note_usage(self.env.docname, fact_id, "missing")
            return [nodes.inline(self.rawtext, words or fact_id, classes=["fact-ref", "fact-unknown"])], []
        serial = self.env.new_serialno("fact-ref")
        anchor = f"ref-{fact_id}-{serial}"
        domain.note_usage(self.env.docname, fact_id, fact.digest, anchor)
        display = words or render_value(fact)
        inner = nodes.inline(display, display, classes=status_classes(fact.status, ["fact-ref", f"fact-{fact.kind}"]))
        inner["ids"].append(anchor)
        xref = pending_xref(self.rawtext, inner, refdomain="fact", reftype="fact", reftarget=fact_id,
                            refexplicit=True, refwarn=False,
                            reftitle=provenance_title(reg, fact_id))
        return [xref], []


class NotAClaimRole(SphinxRole):
    """``{nofact}`text```: text that looks like a claim but is not one; rendered as is."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.rawtext, self.text, classes=["not-a-claim"])], []


class PhraseRole(SphinxRole):
    """``{phrase}`“Arduous March”```: words in quotation marks that are a term, title or name, not
    a quotation (which would be registered); rendered as written."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.inline(self.rawtext, self.text, classes=["quoted-phrase"])], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("fact", FactRole())
    app.add_role("nofact", NotAClaimRole())
    app.add_role("phrase", PhraseRole())
