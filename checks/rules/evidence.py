"""Evidence: every citation of a fact carries the source's own words, and those words state the value.

A citation without an excerpt cannot be audited (``evidence.missing``). An excerpt that does not
state the fact's primary value (the date, the number, the name, the quoted words), read with the
same parsers as the prose checks, means the source is cited for something it does not say
(``evidence.unsupported``). Source claims judged ``corrected`` must have their superseded value
recorded, so the corrections page (generated from superseded values) is complete.
"""

from __future__ import annotations

from checks.core.codes import Code
from checks.core.findings import Finding
from checks.core.text import normalise
from checks.pages.agreement import date_problems, quote_matches
from checks.pages.prose_values import find_dates, find_numbers
from checks.registry.dates import FactDate
from checks.registry.house_style import render_value
from checks.registry.model import Citation, Fact, Registry

_PRECISION_ORDER = ("day", "month", "year")  # finest first
# Lifetime and existence dates a fact's excerpts must state too, beside its primary value.
_DATED_FIELDS = ("born", "died", "founded", "dissolved", "created", "abolished")


def check_evidence(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    for fact in registry.facts.values():
        excerpts = [c.excerpt for c in fact.citations if c.excerpt]
        for citation in fact.citations:
            if citation.excerpt is None:
                findings.append(Finding(
                    Code.EVIDENCE_MISSING, citation.location,
                    f"{fact.id} cites '{citation.source}' without the words that support it; write "
                    f"'- source: {citation.source}' with 'excerpt: \"...\"' (the source's exact words)",
                    fact=fact.id))
            elif fact.derived is None and not states_value(fact, citation.excerpt):
                # A derived value is held to its rule (derived.mismatch); its excerpts state the
                # inputs, and the inputs' own excerpts are checked.
                findings.append(_unsupported(fact, citation))
        for citation in fact.disputed_by:
            if citation.excerpt is None:
                findings.append(Finding(
                    Code.EVIDENCE_MISSING, citation.location,
                    f"{fact.id} lists '{citation.source}' as disputing its value without the words that do; "
                    "add 'excerpt: \"...\"' (the source's exact words)", fact=fact.id))
        if excerpts:
            for key in _DATED_FIELDS:
                date = getattr(fact, key)
                if date is not None and not any(_states_date(date, e, "year") for e in excerpts):
                    findings.append(Finding(
                        Code.EVIDENCE_UNSUPPORTED, fact.line_of(key),
                        f"no excerpt cited for {fact.id} states its '{key}' date ({date.house_style()}); "
                        "cite the words of a source that give it", fact=fact.id))
    return findings


def _unsupported(fact: Fact, citation: Citation) -> Finding:
    return Finding(Code.EVIDENCE_UNSUPPORTED, citation.location,
                   f"the excerpt of '{citation.source}' cited for {fact.id} does not state its value "
                   f"({render_value(fact)}); quote the words that do, or drop the citation",
                   fact=fact.id, suggestion=render_value(fact))


def states_value(fact: Fact, excerpt: str) -> bool:
    """Whether ``excerpt`` states the fact's primary value, in any form the prose checks read."""
    if fact.kind in ("person", "organisation", "office"):
        text = normalise(excerpt).casefold().replace("-", " ")
        return any(normalise(n).casefold().replace("-", " ") in text for n in fact.names())
    if fact.kind == "quotation":
        return quote_matches(fact.text or "", excerpt) or normalise(fact.text or "") in normalise(excerpt)
    if fact.kind == "quantity":
        return any(n.value == fact.value for n in find_numbers(excerpt))
    assert fact.date is not None  # an event's date is required
    precision = fact.date.precision
    if precision == "day" and any(mark in fact.date.edtf for mark in "~?"):
        precision = "month"  # an approximate or uncertain day ("late February") is stated by its month
    return _states_date(fact.date, excerpt, precision)


def _states_date(date: FactDate, excerpt: str, precision: str) -> bool:
    """A date written in the excerpt falls within ``date`` and is at least as precise as ``precision``."""
    for mention in find_dates(excerpt):
        if any(code is Code.DATE_MISMATCH for code, _, _ in date_problems(date, [mention])):
            continue  # more precise than the registry is fine: the source may know the day
        if any(p.year is not None for p in mention.parts) or date.lower.year == date.upper.year:
            coarsest = max((p.precision for p in mention.parts), key=_PRECISION_ORDER.index)
            if _PRECISION_ORDER.index(coarsest) <= _PRECISION_ORDER.index(precision):
                return True
    return False


def check_corrections(registry: Registry) -> list[Finding]:
    """A source claim judged ``corrected`` names a fact that records the source's superseded value."""
    findings: list[Finding] = []
    for claim in registry.claims.values():
        if claim.verdict != "corrected":
            continue
        recorded = any(s.source == claim.source
                       for fid in claim.facts if fid in registry.facts
                       for s in registry.facts[fid].superseded)
        if not recorded:
            findings.append(Finding(
                Code.CORRECTION_UNRECORDED, claim.location,
                f"{claim.id} is judged 'corrected' but none of its facts records a superseded value from "
                f"'{claim.source}'; add one (value, source, quote, reason) to the corrected fact",
                fact=claim.id))
    return findings



